CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SET 'checkpoint.path' = 'ckpt.db';
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.k, l.v, r.w FROM l LEFT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.k, l.v, r.w FROM l LEFT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.k, l.v, r.w FROM l LEFT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k;
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k;
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k;
