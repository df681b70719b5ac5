CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT l.v FROM l
WHERE EXISTS (SELECT * FROM r WHERE r.k = l.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND);
SELECT l.v FROM l
WHERE NOT EXISTS (SELECT * FROM r WHERE r.k = l.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND);
SELECT * FROM l
WHERE EXISTS (SELECT 1 FROM r WHERE r.k = l.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND);
SELECT o.v, o.k FROM l AS o
WHERE EXISTS (SELECT s.w FROM r s WHERE o.k = s.k AND s.ts >= o.ts AND s.ts <= o.ts + INTERVAL '5' SECOND);
SELECT l.v FROM l
WHERE l.k <> 1 AND EXISTS (SELECT * FROM r WHERE r.k = l.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND);
SELECT l.v FROM l
WHERE NOT EXISTS (SELECT * FROM r WHERE r.k = l.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND)
AND l.k <> 1;
SELECT l.v FROM l
WHERE EXISTS (SELECT * FROM r WHERE r.w = 'p' AND r.k = l.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND);
SELECT l.v FROM l
WHERE EXISTS (SELECT * FROM r WHERE r.k = l.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND AND r.w > 'x');
SELECT l.v FROM l WHERE EXISTS (SELECT * FROM r WHERE r.k = l.k);
SELECT l.v FROM l WHERE NOT EXISTS (SELECT * FROM r WHERE r.k = l.k);
SELECT l.v FROM l
WHERE EXISTS (SELECT * FROM r WHERE r.k = l.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND)
AND NOT EXISTS (SELECT * FROM r WHERE r.k = l.k AND r.w = 'y' AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND);
SELECT x.v FROM l x
WHERE EXISTS (SELECT * FROM l y WHERE y.k = x.k AND y.v <> x.v AND y.ts BETWEEN x.ts AND x.ts + INTERVAL '5' SECOND);
SELECT x.v FROM l x
WHERE NOT EXISTS (SELECT * FROM l y WHERE y.k = x.k AND y.v <> x.v AND y.ts BETWEEN x.ts AND x.ts + INTERVAL '5' SECOND);
