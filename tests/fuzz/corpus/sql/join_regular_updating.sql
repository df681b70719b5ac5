CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT l.v, c.n FROM l JOIN (SELECT k, COUNT(*) AS n FROM r GROUP BY k) c ON l.k = c.k;
SELECT l.v, c.n FROM l LEFT JOIN (SELECT k, COUNT(*) AS n FROM r GROUP BY k) c ON l.k = c.k;
SELECT a.k, a.n, b.n
FROM (SELECT k, COUNT(*) AS n FROM l GROUP BY k) a
JOIN (SELECT k, COUNT(*) AS n FROM r GROUP BY k) b ON a.k = b.k;
SELECT v FROM l
WHERE NOT EXISTS (SELECT 1 FROM (SELECT k, COUNT(*) AS n FROM r GROUP BY k) c
                  WHERE c.k = l.k AND c.n >= 2);
