CREATE TABLE MyTable (
  a BIGINT,
  b INT,
  c STRING,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '10' MILLISECOND
) WITH ('connector' = 'file', 'path' = 'session.csv', 'format' = 'csv');
SELECT c,
   COUNT(DISTINCT b),
   window_end
FROM TABLE(
  SESSION(TABLE MyTable PARTITION BY c, DESCRIPTOR(rowtime), INTERVAL '0.005' SECOND))
GROUP BY c, window_start, window_end;
