CREATE STREAM gen (n INT, ts TIMESTAMP(3)) WITH (
  'connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '3000',
  'fields.n.kind' = 'sequence', 'fields.n.start' = '1',
  'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 00:00:00', 'fields.ts.step' = '1 s');
CREATE STREAM shuffled (n INT, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = 'shuffled.csv', 'format' = 'csv');
INSERT INTO shuffled SELECT n, CASE WHEN n % 10 = 0 THEN ts - INTERVAL '5' SECOND ELSE ts END FROM gen;
CREATE STREAM events (n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'shuffled.csv', 'format' = 'csv');
SELECT n, ts FROM events WHERE n % 10 = 0 AND n <= 30 OR n BETWEEN 1019 AND 1021;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end HAVING COUNT(*) > 1;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end HAVING window_start >= TIMESTAMP '2024-01-01 00:49:53';
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end;
CREATE STREAM lax (n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '4' SECOND)
WITH ('connector' = 'file', 'path' = 'shuffled.csv', 'format' = 'csv');
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE lax, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end HAVING COUNT(*) > 1 LIMIT 3;
CREATE STREAM tight (n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3' SECOND)
WITH ('connector' = 'file', 'path' = 'shuffled.csv', 'format' = 'csv');
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE tight, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end HAVING COUNT(*) > 1;
