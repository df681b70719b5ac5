CREATE TABLE T1 (
  rowtime TIMESTAMP(3),
  `int` INT,
  `string` STRING,
  name STRING,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '10' MILLISECOND
) WITH ('connector' = 'file', 'path' = 'session1.csv', 'format' = 'csv');
SELECT
  `string`,
  SESSION_START(rowtime, INTERVAL '0.005' SECOND),
  SESSION_ROWTIME(rowtime, INTERVAL '0.005' SECOND),
  COUNT(1),
  SUM(1),
  COUNT(`int`),
  SUM(`int`),
  COUNT(DISTINCT name)
FROM T1
GROUP BY `string`, SESSION(rowtime, INTERVAL '0.005' SECOND);
CREATE TABLE MyTable (
  a BIGINT,
  b INT,
  c STRING,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '10' MILLISECOND
) WITH ('connector' = 'file', 'path' = 'session2.csv', 'format' = 'csv');
SELECT c,
   COUNT(DISTINCT b),
   SESSION_END(rowtime, INTERVAL '0.005' SECOND)
FROM MyTable
GROUP BY c, SESSION(rowtime, INTERVAL '0.005' SECOND);
