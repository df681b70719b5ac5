CREATE STREAM t (k STRING, v INT)
WITH ('connector' = 'file', 'path' = 't.csv', 'format' = 'csv', 'csv.header' = 'true');
CREATE STREAM out (k STRING, v INT)
WITH ('connector' = 'file', 'path' = 'out.csv', 'format' = 'csv', 'csv.header' = 'true');
SET 'checkpoint.path' = 'ckpt.db';
SET 'checkpoint.interval' = '2 records';
INSERT INTO out SELECT k, v * 10 FROM t;
INSERT INTO out SELECT k, v * 10 FROM t;
SELECT k, v FROM out;
