CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT v FROM l;
SELECT w FROM r;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '5' SECOND AND l.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '5' SECOND AND l.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l RIGHT JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '5' SECOND AND l.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l FULL JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '5' SECOND AND l.ts + INTERVAL '5' SECOND;
SELECT l.v FROM l LEFT SEMI JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '5' SECOND AND l.ts + INTERVAL '5' SECOND;
SELECT l.v FROM l LEFT ANTI JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '5' SECOND AND l.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k;
CREATE STREAM le (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv', 'late.policy' = 'error');
SELECT le.v, r.w FROM le JOIN r ON le.k = r.k
AND r.ts BETWEEN le.ts - INTERVAL '5' SECOND AND le.ts + INTERVAL '5' SECOND;
CREATE STREAM p (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'p.csv', 'format' = 'csv');
CREATE STREAM q (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'q.csv', 'format' = 'csv');
SELECT p.v, q.w FROM p JOIN q ON p.k = q.k
AND q.ts BETWEEN p.ts - INTERVAL '1' SECOND AND p.ts + INTERVAL '1' SECOND;
