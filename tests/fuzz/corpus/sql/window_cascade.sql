CREATE STREAM bid (auction INT, price INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'bids.csv', 'format' = 'csv', 'csv.header' = 'true');
CREATE VIEW w5 AS
SELECT window_start AS s5, window_end AS e5, window_time AS rt, COUNT(*) AS n, SUM(price) AS total
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
DESCRIBE w5;
SELECT window_start, window_end, COUNT(*) AS windows, SUM(n) AS n, SUM(total) AS total
FROM TABLE(TUMBLE(TABLE w5, DESCRIPTOR(rt), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
CREATE VIEW w5k AS
SELECT auction, window_time, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY auction, window_start, window_end, window_time;
DESCRIBE w5k;
SELECT auction, window_start, SUM(n) AS n
FROM TABLE(TUMBLE(TABLE w5k, DESCRIPTOR(window_time), INTERVAL '10' SECOND))
GROUP BY auction, window_start, window_end;
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE w5, DESCRIPTOR(s5), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE w5, DESCRIPTOR(e5), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
CREATE VIEW g5 AS
SELECT TUMBLE_START(ts, INTERVAL '5' SECOND) AS s5, TUMBLE_ROWTIME(ts, INTERVAL '5' SECOND) AS rt,
       COUNT(*) AS n
FROM bid GROUP BY TUMBLE(ts, INTERVAL '5' SECOND);
DESCRIBE g5;
SELECT TUMBLE_START(rt, INTERVAL '10' SECOND) AS s10, SUM(n) AS n
FROM g5 GROUP BY TUMBLE(rt, INTERVAL '10' SECOND);
CREATE VIEW s2 AS
SELECT SESSION_ROWTIME(ts, INTERVAL '2500' MILLISECOND) AS rt, COUNT(*) AS n
FROM bid GROUP BY SESSION(ts, INTERVAL '2500' MILLISECOND);
SELECT rt, n FROM s2;
SELECT window_start, SUM(n) AS n, COUNT(*) AS sessions
FROM TABLE(TUMBLE(TABLE s2, DESCRIPTOR(rt), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
CREATE VIEW s2t AS
SELECT window_time AS rt, COUNT(*) AS n
FROM TABLE(SESSION(TABLE bid, DESCRIPTOR(ts), INTERVAL '2500' MILLISECOND))
GROUP BY window_start, window_end;
DESCRIBE s2t;
SELECT window_start, SUM(n) AS n, COUNT(*) AS sessions
FROM TABLE(TUMBLE(TABLE s2t, DESCRIPTOR(rt), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
CREATE VIEW w10 AS
SELECT window_time AS rt, SUM(n) AS n
FROM TABLE(TUMBLE(TABLE w5, DESCRIPTOR(rt), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, SUM(n) AS n
FROM TABLE(TUMBLE(TABLE w10, DESCRIPTOR(rt), INTERVAL '20' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, window_end, COUNT(*) AS auctions, MAX(n) AS most
FROM (SELECT window_start, window_end, auction, COUNT(*) AS n
      FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '5' SECOND))
      GROUP BY window_start, window_end, auction)
GROUP BY window_start, window_end;
SELECT s5, COUNT(*) FROM w5 GROUP BY s5, e5;
