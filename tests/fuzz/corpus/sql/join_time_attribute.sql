CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
CREATE VIEW vi AS
SELECT l.k, l.v, l.ts, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
DESCRIBE vi;
CREATE VIEW vi_r AS
SELECT l.v, r.w, r.ts FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
DESCRIBE vi_r;
CREATE VIEW vl AS
SELECT l.v, l.ts, r.w FROM l LEFT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
DESCRIBE vl;
CREATE VIEW vr AS
SELECT l.v, r.w, r.ts FROM l RIGHT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
DESCRIBE vr;
CREATE VIEW vr_l AS
SELECT l.v, l.ts, r.w FROM l RIGHT JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
DESCRIBE vr_l;
CREATE VIEW vf AS
SELECT l.v, l.ts, r.w, r.ts AS rts FROM l FULL JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
DESCRIBE vf;
CREATE VIEW vs AS
SELECT l.k, l.v, l.ts FROM l LEFT SEMI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
DESCRIBE vs;
CREATE VIEW va AS
SELECT l.k, l.v, l.ts FROM l LEFT ANTI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
DESCRIBE va;
CREATE VIEW vg AS
SELECT l.v, l.ts, r.w FROM l JOIN r ON l.k = r.k;
DESCRIBE vg;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE vi, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) AS n, COUNT(w) AS matched
FROM TABLE(TUMBLE(TABLE vl, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) AS n, COUNT(v) AS matched
FROM TABLE(TUMBLE(TABLE vr, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE vs, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE va, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE vi_r, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE vr_l, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) AS n, COUNT(w) AS matched
FROM TABLE(TUMBLE(TABLE vf, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) AS n, COUNT(v) AS matched
FROM TABLE(TUMBLE(TABLE vf, DESCRIPTOR(rts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE vg, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
CREATE VIEW grouped AS SELECT ts, COUNT(*) AS n FROM l GROUP BY ts;
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE grouped, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
CREATE STREAM rl (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'rl.csv', 'format' = 'csv');
CREATE STREAM rr (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'rr.csv', 'format' = 'csv');
CREATE VIEW vrr AS
SELECT rl.v, rr.w, rr.ts FROM rl RIGHT JOIN rr ON rl.k = rr.k AND rr.ts BETWEEN rl.ts - INTERVAL '5' SECOND AND rl.ts;
SELECT v, w, ts FROM vrr;
SELECT window_start, COUNT(*) AS n, COUNT(v) AS matched
FROM TABLE(TUMBLE(TABLE vrr, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
CREATE VIEW vs_star AS
SELECT * FROM l LEFT SEMI JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
DESCRIBE vs_star;
CREATE VIEW vi_star AS
SELECT l.*, r.w FROM l JOIN r ON l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
DESCRIBE vi_star;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE vs_star, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT COUNT(*) AS n, COUNT(w) AS matched FROM vf GROUP BY () TIMEOUT INTERVAL '100' SECOND;
SELECT window_start, window_end, COUNT(*) AS n
FROM TABLE(SESSION(TABLE vf, DESCRIPTOR(rts), INTERVAL '3' SECOND))
GROUP BY window_start, window_end;
