CREATE STREAM clicks (
  uid STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'blackhole');
DESCRIBE clicks;
SHOW STREAMS;
CREATE STREAM exact (WATERMARK FOR t AS t, id INT, t TIMESTAMP(3)) WITH ('connector' = 'blackhole');
DESCRIBE exact;
CREATE STREAM slow (t TIMESTAMP(3), WATERMARK FOR t AS t - INTERVAL '10' MINUTES) WITH ('connector' = 'blackhole');
DESCRIBE slow;
CREATE STREAM w1 (ts TIMESTAMP(3), WATERMARK FOR tss AS tss) WITH ('connector' = 'blackhole');
CREATE STREAM w2 (n INT, WATERMARK FOR n AS n) WITH ('connector' = 'blackhole');
CREATE STREAM w3 (s STRING, WATERMARK FOR s AS s) WITH ('connector' = 'blackhole');
CREATE STREAM w4 (n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS n) WITH ('connector' = 'blackhole');
CREATE STREAM w5 (ts TIMESTAMP(3), WATERMARK FOR ts AS 'x') WITH ('connector' = 'blackhole');
CREATE STREAM w6 (ts TIMESTAMP(3), WATERMARK FOR ts AS nope - INTERVAL '1' SECOND) WITH ('connector' = 'blackhole');
CREATE STREAM w7 (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - 5) WITH ('connector' = 'blackhole');
CREATE STREAM w8 (ts TIMESTAMP(3), WATERMARK FOR ts AS ts, WATERMARK FOR ts AS ts) WITH ('connector' = 'blackhole');
SHOW STREAMS;
