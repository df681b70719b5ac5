CREATE STREAM l1 (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'l1.csv', 'format' = 'csv');
CREATE STREAM r1 (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '6001' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'r1.csv', 'format' = 'csv');
SELECT w FROM r1;
SELECT l1.v, r1.w FROM l1 LEFT JOIN r1 ON l1.k = r1.k AND r1.ts BETWEEN l1.ts AND l1.ts + INTERVAL '5' SECOND;
SELECT l1.v, r1.w FROM l1 FULL JOIN r1 ON l1.k = r1.k AND r1.ts BETWEEN l1.ts AND l1.ts + INTERVAL '5' SECOND;
SELECT l1.v FROM l1 LEFT ANTI JOIN r1 ON l1.k = r1.k AND r1.ts BETWEEN l1.ts AND l1.ts + INTERVAL '5' SECOND;
CREATE STREAM l2 (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '6001' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'l2.csv', 'format' = 'csv');
CREATE STREAM r2 (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'r2.csv', 'format' = 'csv');
SELECT l2.v, r2.w FROM l2 RIGHT JOIN r2 ON l2.k = r2.k AND r2.ts BETWEEN l2.ts - INTERVAL '5' SECOND AND l2.ts;
SELECT l2.v, r2.w FROM l2 FULL JOIN r2 ON l2.k = r2.k AND r2.ts BETWEEN l2.ts - INTERVAL '5' SECOND AND l2.ts;
CREATE STREAM e (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'empty.csv', 'format' = 'csv');
SELECT e.v, r2.w FROM e RIGHT JOIN r2 ON e.k = r2.k AND r2.ts BETWEEN e.ts - INTERVAL '5' SECOND AND e.ts;
SELECT l1.v, e.v FROM l1 LEFT JOIN e ON l1.k = e.k AND e.ts BETWEEN l1.ts AND l1.ts + INTERVAL '5' SECOND;
SELECT l1.v FROM l1 LEFT ANTI JOIN e ON l1.k = e.k AND e.ts BETWEEN l1.ts AND l1.ts + INTERVAL '5' SECOND;
SELECT l1.v FROM l1 JOIN e ON l1.k = e.k AND e.ts BETWEEN l1.ts AND l1.ts + INTERVAL '5' SECOND;
SELECT l1.v, e.v FROM l1 LEFT JOIN e ON l1.k = e.k;
CREATE STREAM tl (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'tl.csv', 'format' = 'csv');
CREATE STREAM tr (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'tr.csv', 'format' = 'csv');
SELECT tl.v, tr.w FROM tl JOIN tr ON tl.k = tr.k AND tl.ts = tr.ts;
SELECT tl.v, tr.w FROM tl FULL JOIN tr ON tl.k = tr.k AND tl.ts = tr.ts;
CREATE STREAM tl0 (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'tl.csv', 'format' = 'csv');
CREATE STREAM tr0 (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'tr.csv', 'format' = 'csv');
SELECT tl0.v, tr0.w FROM tl0 FULL JOIN tr0 ON tl0.k = tr0.k AND tl0.ts = tr0.ts;
