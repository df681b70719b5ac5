CREATE STREAM s (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '7' SECOND)
WITH ('connector' = 'file', 'path' = 's.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT window_start, k, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k;
SELECT TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, k, COUNT(*) AS n
FROM s GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), k;
SELECT window_start, window_end, k, COUNT(*) AS n
FROM TABLE(HOP(TABLE s, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k;
SELECT window_start, window_end, k, COUNT(*) AS n
FROM TABLE(CUMULATE(TABLE s, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k;
SELECT window_start, window_end, k, COUNT(*) AS n
FROM TABLE(SESSION(TABLE s PARTITION BY k, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k;
SELECT k, SESSION_START(ts, INTERVAL '10' SECOND) AS ws, SESSION_END(ts, INTERVAL '10' SECOND) AS we,
       COUNT(*) AS n
FROM s GROUP BY SESSION(ts, INTERVAL '10' SECOND), k;
CREATE STREAM t (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 't.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT window_start, window_end, k, COUNT(*) AS n
FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k;
SELECT k, window_start FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '10' SECOND)) WHERE k = 'b';
CREATE STREAM u (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'u.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT window_start, window_end, k, COUNT(*) AS n
FROM TABLE(SESSION(TABLE u PARTITION BY k, DESCRIPTOR(ts), INTERVAL '2' SECOND))
GROUP BY window_start, window_end, k;
