CREATE STREAM s (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 's.csv', 'format' = 'csv', 'csv.header' = 'true');
SET 'checkpoint.path' = 'ckpt.db';
SELECT window_start, window_end, uid, COUNT(*) AS n
FROM TABLE(SESSION(TABLE s PARTITION BY uid, DESCRIPTOR(ts), INTERVAL '30' SECOND))
GROUP BY window_start, window_end, uid;
SELECT window_start, window_end, uid, COUNT(*) AS n
FROM TABLE(SESSION(TABLE s PARTITION BY uid, DESCRIPTOR(ts), INTERVAL '30' SECOND))
GROUP BY window_start, window_end, uid;
SELECT uid, SESSION_START(ts, INTERVAL '30' SECOND) AS ws,
       SESSION_END(ts, INTERVAL '30' SECOND) AS we, COUNT(*) AS n
FROM s
GROUP BY SESSION(ts, INTERVAL '30' SECOND), uid;
SELECT uid, SESSION_START(ts, INTERVAL '30' SECOND) AS ws,
       SESSION_END(ts, INTERVAL '30' SECOND) AS we, COUNT(*) AS n
FROM s
GROUP BY SESSION(ts, INTERVAL '30' SECOND), uid;
