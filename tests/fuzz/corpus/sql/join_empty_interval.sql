CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts + INTERVAL '5' SECOND AND l.ts + INTERVAL '1' SECOND;
SELECT l.v, r.w FROM l, r
WHERE l.k = r.k AND l.ts BETWEEN r.ts + INTERVAL '3' SECOND AND r.ts + INTERVAL '1' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts > l.ts AND r.ts < l.ts + INTERVAL '1' MILLISECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND
AND r.ts BETWEEN l.ts + INTERVAL '6' SECOND AND l.ts + INTERVAL '10' SECOND;
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts + INTERVAL '5' SECOND AND l.ts + INTERVAL '1' SECOND;
SELECT l.v, r.w FROM l RIGHT JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts + INTERVAL '5' SECOND AND l.ts + INTERVAL '1' SECOND;
SELECT l.v, r.w FROM l FULL JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts + INTERVAL '5' SECOND AND l.ts + INTERVAL '1' SECOND;
SELECT v FROM l WHERE EXISTS (SELECT 1 FROM r WHERE r.k = l.k
AND r.ts BETWEEN l.ts + INTERVAL '5' SECOND AND l.ts + INTERVAL '1' SECOND);
SELECT v FROM l WHERE NOT EXISTS (SELECT 1 FROM r WHERE r.k = l.k
AND r.ts BETWEEN l.ts + INTERVAL '5' SECOND AND l.ts + INTERVAL '1' SECOND);
EXPLAIN SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts + INTERVAL '5' SECOND AND l.ts + INTERVAL '1' SECOND;
CREATE VIEW padded AS SELECT l.v, l.ts FROM l LEFT JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts + INTERVAL '5' SECOND AND l.ts + INTERVAL '1' SECOND;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE padded, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
