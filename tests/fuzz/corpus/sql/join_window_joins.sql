CREATE STREAM person (id INT, name STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'person.csv', 'format' = 'csv');
CREATE STREAM auction (id INT, seller INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'auction.csv', 'format' = 'csv');
CREATE STREAM bid (auction INT, price INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'bid.csv', 'format' = 'csv');
SELECT id FROM auction;
SELECT P.id, P.name, P.window_start, P.window_end
FROM (
  SELECT id, name, window_start, window_end
  FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY id, name, window_start, window_end
) P
JOIN (
  SELECT seller, window_start, window_end
  FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY seller, window_start, window_end
) A
ON P.id = A.seller AND P.window_start = A.window_start AND P.window_end = A.window_end;
SELECT P.id, P.n, A.auctions, A.window_end
FROM (
  SELECT id, COUNT(*) AS n, window_start, window_end
  FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY id, window_start, window_end
) P
JOIN (
  SELECT seller, COUNT(*) AS auctions, window_start, window_end
  FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY seller, window_start, window_end
) A
ON P.id = A.seller AND P.window_end = A.window_end;
SELECT B.*
FROM bid B
JOIN (
  SELECT MAX(price) AS maxprice, window_end AS dt
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end
) B1
ON B.price = B1.maxprice
WHERE B.ts BETWEEN B1.dt - INTERVAL '10' SECOND AND B1.dt;
SELECT B.auction, B.price, B1.dt
FROM bid B
JOIN (
  SELECT MAX(price) AS maxprice, window_end AS dt
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end
) B1
ON B.price = B1.maxprice AND B.ts >= B1.dt - INTERVAL '10' SECOND AND B.ts < B1.dt;
CREATE VIEW pa AS
SELECT P.id, P.name, P.ts, A.id AS aid
FROM person P JOIN auction A ON P.id = A.seller AND A.ts BETWEEN P.ts AND P.ts + INTERVAL '10' SECOND;
DESCRIBE pa;
SELECT name, aid FROM pa;
SELECT window_start, window_end, COUNT(*) AS n, SUM(aid) AS aids
FROM TABLE(TUMBLE(TABLE pa, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
CREATE VIEW pa_left AS
SELECT P.id, P.ts, A.id AS aid
FROM person P LEFT JOIN auction A ON P.id = A.seller AND A.ts BETWEEN P.ts AND P.ts + INTERVAL '3' SECOND;
SELECT window_start, COUNT(*) AS n, COUNT(aid) AS with_auction
FROM TABLE(TUMBLE(TABLE pa_left, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
