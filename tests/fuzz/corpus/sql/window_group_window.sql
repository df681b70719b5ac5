CREATE STREAM bid (auction INT, price INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'bids.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT auction,
       TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws,
       TUMBLE_END(ts, INTERVAL '10' SECOND) AS we,
       TUMBLE_ROWTIME(ts, INTERVAL '10' SECOND) AS wt,
       COUNT(*) AS n, SUM(price) AS total
FROM bid
GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), auction;
SELECT HOP_START(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND) AS ws,
       HOP_END(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND) AS we, SUM(price) AS s
FROM bid
WHERE price > 10
GROUP BY HOP(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND);
SELECT COUNT(*) FROM bid GROUP BY TUMBLE(price, INTERVAL '10' SECOND);
SELECT COUNT(*) FROM bid GROUP BY SESSION(price, INTERVAL '10' SECOND);
