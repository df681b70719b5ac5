CREATE TABLE data (
  `long` BIGINT,
  `int` INT,
  `string` STRING,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime
) WITH ('connector' = 'file', 'path' = 'data.csv', 'format' = 'csv');
SELECT `string`,
  COUNT(`string`),
  AVG(`int`),
  SUM(`long` * `int`) / SUM(`int`),
  SUM(`int` * `int`) / SUM(`int`),
  MIN(`int`),
  MAX(`int`),
  SUM(`int`),
  TUMBLE_START(rowtime, INTERVAL '5' MILLISECOND),
  TUMBLE_END(rowtime, INTERVAL '5' MILLISECOND),
  COUNT(DISTINCT `long`)
FROM data
GROUP BY TUMBLE(rowtime, INTERVAL '5' MILLISECOND), `string`;
CREATE TABLE sessions (
  `long` BIGINT,
  `int` INT,
  `string` STRING,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '10' MILLISECOND
) WITH ('connector' = 'file', 'path' = 'session.csv', 'format' = 'csv');
SELECT `string`,
  SESSION_END(rowtime, INTERVAL '5' MILLISECOND),
  COUNT(`int`),
  AVG(`int`),
  SUM(`long` * `int`) / SUM(`int`),
  SUM(`int` * `int`) / SUM(`int`),
  COUNT(DISTINCT `long`)
FROM sessions
GROUP BY SESSION(rowtime, INTERVAL '5' MILLISECOND), `string`;
