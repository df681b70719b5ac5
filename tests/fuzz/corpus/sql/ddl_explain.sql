CREATE STREAM s (a INT, b STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'does-not-exist.csv', 'format' = 'csv');
CREATE STREAM g (x BIGINT) WITH ('connector' = 'datagen');
CREATE STREAM out (a INT, b STRING) WITH ('connector' = 'blackhole');
EXPLAIN SELECT a + 1 AS c, UPPER(b) FROM s WHERE b LIKE 'x%';
EXPLAIN SELECT x FROM g LIMIT 2;
explain SELECT a FROM s UNION ALL SELECT CAST(x AS INT) FROM g;
EXPLAIN INSERT INTO out SELECT a, b FROM s WHERE a > 0;
EXPLAIN SELECT 1 AS one;
CREATE STREAM late_err (ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen', 'late.policy' = 'error');
EXPLAIN SELECT ts FROM late_err;
EXPLAIN SELECT nope FROM s;
EXPLAIN CREATE VIEW v AS SELECT 1;
