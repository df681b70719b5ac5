CREATE STREAM r (k STRING, amount INT, pt AS PROCTIME())
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv', 'csv.header' = 'true');
SET 'checkpoint.path' = 'ckpt.db';
SELECT window_start, k, COUNT(*) AS n, SUM(amount) AS total
FROM TABLE(TUMBLE(TABLE r, DESCRIPTOR(pt), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, k;
SELECT window_start, k, COUNT(*) AS n, SUM(amount) AS total
FROM TABLE(TUMBLE(TABLE r, DESCRIPTOR(pt), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, k;
SELECT k, pt FROM r WHERE amount = 7;
