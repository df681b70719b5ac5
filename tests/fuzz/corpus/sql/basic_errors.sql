SELEC 1;
SELECT * FROM nope;
CREATE STREAM s (a INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');
SELECT b FROM s;
