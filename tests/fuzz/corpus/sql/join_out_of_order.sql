CREATE STREAM ls (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'ls.csv', 'format' = 'csv');
CREATE STREAM lx (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'lx.csv', 'format' = 'csv');
CREATE STREAM rs (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'rs.csv', 'format' = 'csv');
CREATE STREAM rx (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'rx.csv', 'format' = 'csv');
SELECT v FROM lx;
SELECT w FROM rx;
SELECT l.v, r.w FROM ls l JOIN rs r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '2' SECOND AND l.ts + INTERVAL '3' SECOND;
SELECT l.v, r.w FROM lx l JOIN rs r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '2' SECOND AND l.ts + INTERVAL '3' SECOND;
SELECT l.v, r.w FROM ls l JOIN rx r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '2' SECOND AND l.ts + INTERVAL '3' SECOND;
SELECT l.v, r.w FROM lx l JOIN rx r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '2' SECOND AND l.ts + INTERVAL '3' SECOND;
SELECT l.v, r.w FROM ls l FULL JOIN rs r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '2' SECOND AND l.ts + INTERVAL '3' SECOND;
SELECT l.v, r.w FROM lx l FULL JOIN rx r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '2' SECOND AND l.ts + INTERVAL '3' SECOND;
SELECT l.v FROM lx l LEFT ANTI JOIN rx r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '2' SECOND AND l.ts + INTERVAL '3' SECOND;
SELECT r.w FROM lx l RIGHT JOIN rx r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '2' SECOND AND l.ts + INTERVAL '3' SECOND
WHERE l.v IS NULL;
SELECT l.v, r.w FROM lx l JOIN rx r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '2' SECOND AND l.ts + INTERVAL '3' SECOND;
