CREATE STREAM late_events (id INT, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'late.csv', 'format' = 'csv');
CREATE STREAM events (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'events.csv', 'format' = 'csv', 'csv.header' = 'true',
      'late.sink' = 'late_events');
CREATE STREAM late_back (id INT, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'late.csv', 'format' = 'csv');
SET 'checkpoint.path' = 'ckpt.db';
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT id, ts FROM late_back;
CREATE STREAM late_t (id INT, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'late_t.csv', 'format' = 'csv');
CREATE STREAM events_t (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'events.csv', 'format' = 'csv', 'csv.header' = 'true',
      'late.sink' = 'late_t');
SELECT id % 2 AS k, COUNT(*) AS n, TIMEOUT_TIME() AS at
FROM events_t GROUP BY id % 2 TIMEOUT INTERVAL '1' SECOND;
SELECT id % 2 AS k, COUNT(*) AS n, TIMEOUT_TIME() AS at
FROM events_t GROUP BY id % 2 TIMEOUT INTERVAL '1' SECOND;
SELECT * FROM late_t;
