-- Not a reference query: count with timeout. Each bidder's bids so far, emitted whenever the
-- bidder has not bid for 10 s of event time (eddy's GROUP BY ... TIMEOUT, the declarative form
-- of Flink's KeyedProcessFunction "count with timeout" example).
CREATE TABLE nexmark_timeout (
  bidder BIGINT,
  bid_count BIGINT,
  idle_at TIMESTAMP(3)
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_timeout
SELECT bidder, COUNT(*) AS bid_count, TIMEOUT_TIME() AS idle_at
FROM bid
GROUP BY bidder TIMEOUT INTERVAL '10' SECOND;
