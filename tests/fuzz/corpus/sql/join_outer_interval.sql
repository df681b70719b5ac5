CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT w FROM r;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.k, l.v, r.k, r.w FROM l LEFT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.v, l.ts, r.w, r.ts FROM l LEFT OUTER JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.k, l.v, r.k, r.w FROM l RIGHT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.ts, r.w, r.ts FROM l RIGHT OUTER JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.k, l.v, r.k, r.w FROM l FULL JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l FULL OUTER JOIN r ON r.k = l.k AND r.ts >= l.ts AND r.ts <= l.ts + INTERVAL '5' SECOND;
SELECT l.v FROM l LEFT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND
WHERE r.w IS NULL;
SELECT r.w FROM l RIGHT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND
WHERE l.v IS NULL;
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND
WHERE l.k = 1;
SELECT l.v, r.w FROM l FULL JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '10' SECOND AND l.ts + INTERVAL '10' SECOND;
