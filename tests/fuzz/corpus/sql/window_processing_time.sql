CREATE STREAM r (k STRING, amount INT, pt AS PROCTIME())
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT pt FROM r;
SELECT window_start, window_end, k, COUNT(*) AS n, SUM(amount) AS total
FROM TABLE(TUMBLE(TABLE r, DESCRIPTOR(pt), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, k;
SELECT k, TUMBLE_END(pt, INTERVAL '1' HOUR) AS we, MAX(amount) AS m
FROM r GROUP BY TUMBLE(pt, INTERVAL '1' HOUR), k;
SELECT COUNT(*) FROM r GROUP BY TUMBLE(k, INTERVAL '1' HOUR);
SELECT window_start, window_end, k, COUNT(*) AS n
FROM TABLE(SESSION(TABLE r PARTITION BY k, DESCRIPTOR(pt), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, k;
SELECT k, SESSION_END(pt, INTERVAL '10' SECOND) AS e, SUM(amount) AS total
FROM r GROUP BY SESSION(pt, INTERVAL '10' SECOND), k;
