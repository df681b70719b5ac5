CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.v FROM l LEFT SEMI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT * FROM l LEFT SEMI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.* FROM l LEFT SEMI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT * FROM l LEFT ANTI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.v FROM l LEFT SEMI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND
AND r.w > 'x';
SELECT l.v FROM l LEFT ANTI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND
AND r.w > 'x';
SELECT l.v FROM l LEFT SEMI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND
AND r.w = 'p';
SELECT l.v, l.k FROM l LEFT SEMI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND
WHERE l.k = 1;
SELECT l.v FROM l LEFT ANTI JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '10' SECOND AND l.ts + INTERVAL '10' SECOND;
SELECT l.v FROM l LEFT SEMI JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '10' SECOND AND l.ts + INTERVAL '10' SECOND;
SELECT l.v FROM l LEFT SEMI JOIN r ON l.k = r.k;
SELECT l.v FROM l LEFT ANTI JOIN r ON l.k = r.k;
