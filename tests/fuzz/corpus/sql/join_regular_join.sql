CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k;
SELECT l.k, l.v, l.ts, r.k, r.w, r.ts FROM l INNER JOIN r ON r.k = l.k;
SELECT l.v, r.w FROM l JOIN r ON TRUE WHERE l.k = r.k;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.w <> 'x';
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts > l.ts + INTERVAL '2' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts <= l.ts;
CREATE STREAM lp (k INT, v STRING, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
SELECT lp.v, r.w FROM lp JOIN r ON lp.k = r.k AND r.ts BETWEEN lp.ts AND lp.ts + INTERVAL '3' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k * 2 = r.k + 2;
SELECT v FROM l LEFT SEMI JOIN r ON l.k = r.k;
SELECT x.v, y.v FROM l AS x JOIN l AS y ON x.k = y.k AND x.v < y.v;
SELECT x.v, y.v FROM l x JOIN l y ON x.k = y.k AND y.ts BETWEEN x.ts AND x.ts + INTERVAL '5' SECOND;
