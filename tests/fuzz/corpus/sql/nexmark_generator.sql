CREATE TABLE person (id BIGINT, name STRING, dateTime TIMESTAMP(3),
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND)
WITH ('connector' = 'nexmark', 'nexmark.table' = 'person', 'events' = '1000', 'event-rate' = '10');
CREATE TABLE auction (id BIGINT, seller BIGINT, dateTime TIMESTAMP(3),
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND)
WITH ('connector' = 'nexmark', 'nexmark.table' = 'auction', 'events' = '1000', 'event-rate' = '10');
CREATE TABLE bid (dateTime TIMESTAMP(3), auction BIGINT, bidder BIGINT,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND)
WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid', 'events' = '1000', 'event-rate' = '10');
SELECT 'person' AS kind, COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi, MIN(dateTime) AS first,
  MAX(dateTime) AS last
FROM person ORDER BY kind;
SELECT 'auction' AS kind, COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi, MIN(dateTime) AS first,
  MAX(dateTime) AS last
FROM auction ORDER BY kind;
SELECT 'bid' AS kind, COUNT(*) AS n, MIN(dateTime) AS first, MAX(dateTime) AS last
FROM bid ORDER BY kind;
SELECT dateTime, auction, bidder FROM bid LIMIT 3;
SELECT auction, dateTime FROM bid WHERE auction NOT IN (SELECT id FROM auction) ORDER BY dateTime;
SELECT bidder FROM bid WHERE bidder <= 1019 AND bidder NOT IN (SELECT id FROM person) ORDER BY bidder;
SELECT seller FROM auction WHERE seller <= 1019 AND seller NOT IN (SELECT id FROM person)
ORDER BY seller;
SELECT window_start, COUNT(*) AS bids
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
CREATE TABLE bad (bidr BIGINT) WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid');
CREATE TABLE bad (price INT) WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid');
CREATE TABLE bad (price BIGINT) WITH ('connector' = 'nexmark', 'nexmark.table' = 'bids');
