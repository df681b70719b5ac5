CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SET 'state.ttl' = '5 s';
SET 'state.ttl.time' = 'event';
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k;
SET 'state.ttl' = '2 s';
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k;
