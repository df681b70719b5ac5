CREATE STREAM s (k STRING, i INT, b BIGINT, d DOUBLE, m DECIMAL(6, 2))
WITH ('connector' = 'file', 'path' = 's.csv', 'format' = 'csv');
SELECT k, SUM(i), SUM(b), SUM(d), SUM(m) FROM s GROUP BY k;
SELECT SUM(i), SUM(m) FROM s;
SELECT SUM(i), SUM(d), COUNT(*) FROM s WHERE i IS NULL;
SELECT SUM(i), COUNT(*) FROM s WHERE i > 100;
SELECT k, SUM(i * 10), SUM(i * m) FROM s GROUP BY k;
CREATE STREAM z (k STRING, v INT) WITH ('connector' = 'file', 'path' = 'z.csv', 'format' = 'csv');
SELECT k, SUM(v) FROM z GROUP BY k;
CREATE STREAM ov (k STRING, v INT) WITH ('connector' = 'file', 'path' = 'ov.csv', 'format' = 'csv');
SELECT k, SUM(v) FROM ov GROUP BY k;
SELECT k, AVG(v), SUM(CAST(v AS BIGINT)) FROM ov GROUP BY k;
