CREATE STREAM "Odd Stream" ("my col" INT, `select` STRING, "Mixed" INT)
WITH ('connector' = 'file', 'path' = 'q.csv', 'format' = 'csv');
SELECT "my col", `select`, "Mixed" FROM "Odd Stream";
SELECT `my col` FROM `Odd Stream` WHERE "select" = 'y';
DESCRIBE "Odd Stream";
SELECT "mixed" FROM "Odd Stream";
SELECT mixed FROM "Odd Stream";
SELECT "my col" AS "Total ""count""", `select` AS `a``b` FROM "Odd Stream" LIMIT 1;
SELECT o."my col" FROM "Odd Stream" AS o WHERE o."Mixed" > 15;
CREATE VIEW "View With Space" AS SELECT "Mixed" * 2 AS "Double" FROM "Odd Stream";
SELECT "Double" FROM "View With Space";
SHOW VIEWS;
SELECT "x" FROM "Odd Stream";
SELECT "my col FROM t;
SELECT `abc FROM t;
