CREATE STREAM l (k INT, v STRING, pt AS PROCTIME())
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, pt AS PROCTIME())
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.pt BETWEEN l.pt - INTERVAL '1' SECOND AND l.pt;
SELECT l.v, r.w FROM l FULL JOIN r ON l.k = r.k AND r.pt BETWEEN l.pt AND l.pt + INTERVAL '1' MINUTE;
SELECT v FROM l WHERE NOT EXISTS (SELECT 1 FROM r WHERE r.k = l.k AND r.pt BETWEEN l.pt AND l.pt + INTERVAL '1' MINUTE);
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k AND r.pt BETWEEN l.pt + INTERVAL '1' SECOND AND l.pt + INTERVAL '2' SECOND;
CREATE VIEW joined AS
SELECT l.v, l.pt FROM l JOIN r ON l.k = r.k AND r.pt BETWEEN l.pt AND l.pt + INTERVAL '1' SECOND;
DESCRIBE joined;
SELECT l.v FROM l, r WHERE l.k = r.k AND r.pt BETWEEN l.pt AND l.pt + INTERVAL '1' SECOND AND l.pt > r.pt + INTERVAL '5' SECOND;
