-- Query 1: currency conversion. Each bid's price from dollars to euros. (The reference sink
-- column is DECIMAL(23, 3); eddy's decimals stop at 18 digits, and 0.908 * price is DECIMAL(18, 3).)
CREATE TABLE nexmark_q1 (
  auction BIGINT,
  bidder BIGINT,
  price DECIMAL(18, 3),
  dateTime TIMESTAMP(3),
  extra VARCHAR
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q1
SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid;
