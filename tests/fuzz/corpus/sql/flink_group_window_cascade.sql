CREATE TABLE testTable (
  `ts` STRING,
  `int` INT,
  `double` DOUBLE,
  `float` FLOAT,
  `bigdec` DECIMAL(10, 2),
  `string` STRING,
  `name` STRING,
  `rowtime` AS TO_TIMESTAMP(`ts`),
  WATERMARK FOR `rowtime` AS `rowtime` - INTERVAL '0.01' SECOND
) WITH ('connector' = 'file', 'path' = 'ts.csv', 'format' = 'csv');
SELECT SUM(cnt)
FROM (
  SELECT COUNT(1) AS cnt, TUMBLE_ROWTIME(rowtime, INTERVAL '10' SECOND) AS ts
  FROM testTable
  GROUP BY `int`, `string`, TUMBLE(rowtime, INTERVAL '10' SECOND)
)
GROUP BY TUMBLE(ts, INTERVAL '10' SECOND);
