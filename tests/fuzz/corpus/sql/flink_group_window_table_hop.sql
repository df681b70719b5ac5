CREATE TABLE data2 (
  rowtime TIMESTAMP(3),
  `int` INT,
  `double` DOUBLE,
  `float` FLOAT,
  bigdec DECIMAL(10, 0),
  `string` STRING,
  WATERMARK FOR rowtime AS rowtime
) WITH ('connector' = 'file', 'path' = 'data2.csv', 'format' = 'csv');
SELECT `string`, COUNT(`int`),
  HOP_START(rowtime, INTERVAL '5' MILLISECOND, INTERVAL '10' MILLISECOND),
  HOP_END(rowtime, INTERVAL '5' MILLISECOND, INTERVAL '10' MILLISECOND)
FROM data2
GROUP BY HOP(rowtime, INTERVAL '5' MILLISECOND, INTERVAL '10' MILLISECOND), `string`;
