CREATE STREAM t (k STRING, n INT, d DOUBLE, s STRING, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 't.csv', 'format' = 'csv');
SELECT k, MIN(n), MAX(n) FROM t GROUP BY k;
SELECT k, MAX(n) FROM t GROUP BY k;
SELECT k, MIN(d), MAX(d) FROM t GROUP BY k;
SELECT k, MIN(s), MAX(s) FROM t GROUP BY k;
SELECT k, MIN(ts), MAX(ts) FROM t GROUP BY k;
SELECT MIN(s), MAX(s), MAX(ts) > MIN(ts) + INTERVAL '1' HOUR FROM t;
CREATE STREAM w (k INT, b BIGINT, m DECIMAL(5, 2)) WITH ('connector' = 'file', 'path' = 'w.csv', 'format' = 'csv');
SELECT k, MIN(b), MAX(b), MIN(m), MAX(m) FROM w GROUP BY k;
