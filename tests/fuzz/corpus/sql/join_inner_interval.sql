CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT v FROM l;
SELECT w FROM r;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '10' SECOND;
SELECT l.v, r.w FROM l INNER JOIN r ON r.k = l.k AND r.ts >= l.ts AND l.ts + INTERVAL '10' SECOND >= r.ts;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k WHERE r.ts BETWEEN l.ts AND l.ts + INTERVAL '10' SECOND;
SELECT a.k, a.v, a.ts, b.k, b.w, b.ts
FROM l AS a JOIN r b ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '10' SECOND;
SELECT l.v || '+' || r.w AS pair, r.k * 10 + l.k AS kk
FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '10' SECOND
WHERE l.v <> 'l1';
CREATE VIEW lr AS
SELECT l.k, l.v, r.w, l.ts FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '10' SECOND;
SELECT v, w FROM lr WHERE w IN ('r2', 'r6', 'r8');
SELECT w FROM (SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '10' SECOND) j
WHERE v = 'l3'
UNION ALL
SELECT v FROM l WHERE k = 3;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '1' MINUTE AND l.ts + INTERVAL '1' MINUTE;
