CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT l.v, r.w FROM l JOIN r ON l.k IS NOT DISTINCT FROM r.k
AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '2' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '2' SECOND;
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k IS NOT DISTINCT FROM r.k
AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '2' SECOND;
SELECT l.v, r.w FROM l FULL JOIN r ON r.k IS NOT DISTINCT FROM l.k
AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '2' SECOND;
SELECT l.v, r.w FROM l, r WHERE l.k IS NOT DISTINCT FROM r.k;
SELECT l.v, r.w FROM l JOIN r ON l.k IS NOT DISTINCT FROM r.k AND l.ts + INTERVAL '1' SECOND = r.ts;
SELECT v FROM l WHERE EXISTS (SELECT 1 FROM r WHERE r.k IS NOT DISTINCT FROM l.k
AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '2' SECOND);
EXPLAIN SELECT l.v, r.w FROM l JOIN r ON l.k IS NOT DISTINCT FROM r.k
AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '2' SECOND;
SELECT l.v, r.w FROM l, r WHERE l.k IS DISTINCT FROM r.k;
