CREATE STREAM t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3' SECOND)
WITH ('connector' = 'file', 'path' = 't.csv', 'format' = 'csv', 'csv.header' = 'true');
CREATE STREAM u (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'u.csv', 'format' = 'csv', 'csv.header' = 'true');
SET 'checkpoint.path' = 'ckpt.db';
SELECT k, SUM(v) AS s FROM t GROUP BY k;
SELECT k, SUM(v) AS s FROM t GROUP BY k;
SELECT k, v, ts FROM t ORDER BY ts;
SELECT k, v, ts FROM t ORDER BY ts;
SELECT k, v FROM t LIMIT 2;
SELECT k, v FROM t LIMIT 2;
SELECT k, v FROM t LIMIT 4;
SELECT k, v FROM t LIMIT 4;
CREATE VIEW tu AS SELECT k, v, ts FROM t UNION ALL SELECT k, v, ts FROM u;
SELECT window_start, COUNT(*) AS n, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE tu, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) AS n, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE tu, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
SELECT k, v FROM t UNION ALL SELECT k, v FROM u;
SELECT k, v FROM t UNION ALL SELECT k, v FROM u;
