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
SELECT TUMBLE_END(rowtime, INTERVAL '0.003' SECOND), COUNT(name)
FROM testTable
 GROUP BY 'a', TUMBLE(rowtime, INTERVAL '0.003' SECOND);
