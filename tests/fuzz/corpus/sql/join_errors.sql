CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
CREATE STREAM plain (k INT, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
SELECT l.v FROM l JOIN r ON l.k < r.k;
SELECT l.v FROM l JOIN r ON l.ts < r.ts;
SELECT l.v FROM l LEFT JOIN r ON l.k + r.k = 2;
SELECT l.v FROM l JOIN r ON l.k = r.k OR l.v = r.w;
SELECT l.v, r.w FROM l, r;
SELECT l.v, r.w FROM l CROSS JOIN r;
SELECT l.v FROM l WHERE EXISTS (SELECT * FROM r WHERE r.k > l.k);
SELECT plain.k FROM plain JOIN r ON r.ts BETWEEN plain.ts AND plain.ts + INTERVAL '1' SECOND;
SELECT r.w FROM l LEFT SEMI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT w FROM l LEFT SEMI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.v FROM l LEFT ANTI JOIN r ON l.k = r.k WHERE r.w = 'x';
SELECT k FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.v FROM l JOIN r ON l.k = r.nope;
SELECT l.v FROM l JOIN r;
SELECT l.v FROM l LEFT JOIN r;
SELECT l.v FROM l CROSS JOIN r ON l.k = r.k;
SELECT l.v FROM l RIGHT SEMI JOIN r ON l.k = r.k;
SELECT l.v FROM l semi JOIN r ON l.k = r.k;
SELECT EXISTS (SELECT * FROM r WHERE r.k = l.k) FROM l;
SELECT l.v FROM l JOIN r ON l.k;
CREATE STREAM console (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'stdin', 'format' = 'csv');
SELECT * FROM console a JOIN console b ON a.k = b.k;
