CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k;
SET 'state.ttl' = '1 min';
SET 'state.ttl.time' = 'event';
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k;
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k;
SELECT l.v FROM l LEFT ANTI JOIN r ON l.k = r.k;
EXPLAIN SELECT l.v, r.w FROM l JOIN r ON l.k = r.k;
SET 'state.ttl.time' = 'processing';
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k;
RESET 'state.ttl';
RESET 'state.ttl.time';
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k;
