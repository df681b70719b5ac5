CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
CREATE STREAM c (k INT, n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'c.csv', 'format' = 'csv');
EXPLAIN SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts - INTERVAL '5' SECOND AND l.ts + INTERVAL '10' SECOND;
EXPLAIN SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND l.v = r.w AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND AND l.v < r.w;
EXPLAIN SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
EXPLAIN SELECT l.v, r.w FROM l RIGHT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
EXPLAIN SELECT l.v, r.w FROM l FULL JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
EXPLAIN SELECT l.v FROM l LEFT SEMI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
EXPLAIN SELECT l.v FROM l LEFT ANTI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
EXPLAIN SELECT l.v FROM l WHERE EXISTS (SELECT * FROM r WHERE r.k = l.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND);
EXPLAIN SELECT l.v FROM l WHERE NOT EXISTS (SELECT * FROM r WHERE r.k = l.k);
EXPLAIN SELECT l.v, r.w FROM l JOIN r ON l.k = r.k;
EXPLAIN SELECT l.v, r.w FROM l FULL JOIN r ON l.k = r.k;
EXPLAIN SELECT l.v, r.w FROM l, r WHERE l.k = r.k AND l.ts = r.ts;
EXPLAIN SELECT l.v, r.w, c.n FROM l, r, c WHERE l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND
AND c.k = l.k AND c.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
EXPLAIN SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE l, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
CREATE VIEW j AS SELECT l.k, l.ts, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
EXPLAIN SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE j, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
EXPLAIN SELECT P.k FROM (SELECT k, window_start, window_end FROM TABLE(TUMBLE(TABLE l, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY k, window_start, window_end) P
JOIN (SELECT k, window_start, window_end FROM TABLE(TUMBLE(TABLE r, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY k, window_start, window_end) Q
ON P.k = Q.k AND P.window_start = Q.window_start AND P.window_end = Q.window_end;
SET 'state.ttl' = '1 min';
EXPLAIN SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k;
SELECT l.v, r.w, c.n FROM l, r, c WHERE l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND
AND c.k = l.k AND c.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
