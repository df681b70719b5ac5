CREATE STREAM e (id INT, s STRING, n INT, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = 'e3.csv', 'format' = 'csv');
SELECT id, s, s IS NULL, n, ts FROM e;
CREATE STREAM e4 (id INT, s STRING, n INT, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = 'e.csv', 'format' = 'csv');
SELECT * FROM e4;
CREATE STREAM e2 (id INT, s STRING, n INT, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = 'e.csv', 'format' = 'csv', 'csv.null-literal' = 'NULL');
SELECT id, s, s IS NULL, n, ts FROM e2;
CREATE STREAM q (id INT, s STRING) WITH ('connector' = 'file', 'path' = 'q.csv', 'format' = 'csv', 'csv.null-literal' = 'NULL');
SELECT id, s IS NULL FROM q;
