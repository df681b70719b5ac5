CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k;
SELECT l.k, l.v, r.k, r.w FROM l LEFT OUTER JOIN r ON r.k = l.k;
SELECT l.v, r.w FROM l RIGHT JOIN r ON l.k = r.k;
SELECT l.v, r.w FROM l FULL JOIN r ON l.k = r.k;
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k AND l.v <> 'c';
SELECT l.v, r.w FROM l RIGHT JOIN r ON l.k = r.k AND r.w <> 'z';
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k WHERE r.w IS NULL;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k;
