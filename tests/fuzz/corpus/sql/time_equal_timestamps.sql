CREATE STREAM strict (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'e.csv', 'format' = 'csv');
SELECT id FROM strict;
CREATE STREAM one_ms (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'e.csv', 'format' = 'csv');
SELECT id FROM one_ms;
CREATE STREAM zero (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND)
WITH ('connector' = 'file', 'path' = 'e.csv', 'format' = 'csv');
SELECT id FROM zero;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE strict, DESCRIPTOR(ts), INTERVAL '1' MILLISECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE one_ms, DESCRIPTOR(ts), INTERVAL '1' MILLISECOND))
GROUP BY window_start, window_end;
