CREATE STREAM t (k STRING, v INT)
WITH ('connector' = 'file', 'path' = 't.csv', 'format' = 'csv', 'csv.header' = 'true');
SET 'checkpoint.path' = 'ckpt.db';
SELECT k, SUM(v) AS s FROM t GROUP BY k;
SELECT k, COUNT(*) AS n FROM t GROUP BY k;
SELECT k,   SUM(v) AS s
FROM t GROUP BY k;
CREATE STREAM t2 (k STRING, v INT)
WITH ('connector' = 'file', 'path' = 't.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT k, v FROM t2;
DROP STREAM t2;
CREATE STREAM t2 (k STRING, v INT)
WITH ('connector' = 'file', 'path' = 't_copy.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT k, v FROM t2;
SET 'checkpoint.fresh' = 'true';
SELECT k, COUNT(*) AS n FROM t GROUP BY k;
