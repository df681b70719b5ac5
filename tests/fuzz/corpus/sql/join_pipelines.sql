CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM l2 (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'l2.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT x.v, y.w
FROM (SELECT k, v, ts FROM l WHERE v <> 'a') x
JOIN (SELECT ts, w, k FROM r WHERE k > 0) y ON x.k = y.k AND y.ts BETWEEN x.ts AND x.ts + INTERVAL '5' SECOND;
CREATE VIEW lv AS SELECT k, v, ts FROM l WHERE k < 3;
SELECT lv.v, r.w FROM lv FULL JOIN r ON lv.k = r.k AND r.ts BETWEEN lv.ts AND lv.ts + INTERVAL '5' SECOND;
SELECT x.v, r.w FROM (SELECT k, v, ts FROM l UNION ALL SELECT k, v, ts FROM l2) x
JOIN r ON x.k = r.k AND r.ts BETWEEN x.ts AND x.ts + INTERVAL '5' SECOND;
SELECT t.k, t.n, r.w
FROM (SELECT k, COUNT(*) AS n, TIMEOUT_TIME() AS idle FROM l GROUP BY k TIMEOUT INTERVAL '5' SECOND) t
JOIN r ON t.k = r.k AND r.ts BETWEEN t.idle - INTERVAL '10' SECOND AND t.idle;
CREATE STREAM pairs (v STRING, w STRING) WITH ('connector' = 'file', 'path' = 'pairs.csv', 'format' = 'csv');
INSERT INTO pairs SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT v, w FROM pairs;
INSERT INTO pairs SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k;
CREATE STREAM changes (v STRING, w STRING)
WITH ('connector' = 'file', 'path' = 'changes.csv', 'format' = 'csv', 'sink.changelog-mode' = 'all');
INSERT INTO changes SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k;
CREATE STREAM changes_back (op STRING, v STRING, w STRING)
WITH ('connector' = 'file', 'path' = 'changes.csv', 'format' = 'csv');
SELECT op, v, w FROM changes_back;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND LIMIT 10;
SELECT l.v, r.w FROM l LEFT JOIN r ON l.k = r.k LIMIT 10;
SELECT COUNT(*) AS n FROM l LEFT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT COUNT(*) AS n FROM l LEFT JOIN r ON l.k = r.k;
SELECT COUNT(*) AS n FROM l JOIN r ON l.k = r.k;
