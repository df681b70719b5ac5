CREATE STREAM strict (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'w.csv', 'format' = 'csv', 'late.policy' = 'error');
SELECT id FROM strict;
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE strict, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE strict, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
CREATE STREAM dropping (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'w.csv', 'format' = 'csv', 'late.policy' = 'drop');
SELECT window_start, COUNT(*), MIN(id) FROM TABLE(TUMBLE(TABLE dropping, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
SELECT * FROM (SELECT window_start, COUNT(*) AS n
  FROM TABLE(TUMBLE(TABLE strict, DESCRIPTOR(ts), INTERVAL '5' SECOND))
  GROUP BY window_start, window_end) WHERE n > 5;
CREATE STREAM fine (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'ok.csv', 'format' = 'csv', 'late.policy' = 'error');
CREATE VIEW strict_view AS SELECT id, ts FROM strict;
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE strict_view, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
CREATE VIEW both_streams AS SELECT id, ts FROM strict UNION ALL SELECT id, ts FROM dropping;
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE both_streams, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
CREATE STREAM nulls (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'nulls.csv', 'format' = 'csv');
SELECT id FROM nulls;
