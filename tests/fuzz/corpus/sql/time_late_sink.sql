CREATE STREAM late_events (id INT, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'late.csv', 'format' = 'csv');
CREATE STREAM events (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'events.csv', 'format' = 'csv', 'csv.header' = 'true',
      'late.sink' = 'late_events');
SELECT id FROM events;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
CREATE STREAM late_back (id INT, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'late.csv', 'format' = 'csv');
SELECT id, ts FROM late_back;
SELECT id % 2 AS k, COUNT(*) AS n, TIMEOUT_TIME() AS at
FROM events GROUP BY id % 2 TIMEOUT INTERVAL '1' SECOND;
SELECT id, ts FROM late_back;
EXPLAIN SELECT id % 2 AS k, COUNT(*) FROM events GROUP BY id % 2 TIMEOUT INTERVAL '1' SECOND;
EXPLAIN SELECT id FROM events;
CREATE STREAM e2 (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'events.csv', 'format' = 'csv', 'late.sink' = 'nowhere');
CREATE STREAM e3 (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'events.csv', 'format' = 'csv', 'late.sink' = 'late_events');
CREATE STREAM e4 (id INT, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'events.csv', 'format' = 'csv', 'late.sink' = 'late_events');
