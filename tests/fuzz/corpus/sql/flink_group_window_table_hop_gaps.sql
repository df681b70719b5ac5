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
  HOP_START(rowtime, INTERVAL '10' MILLISECOND, INTERVAL '3' MILLISECOND),
  HOP_END(rowtime, INTERVAL '10' MILLISECOND, INTERVAL '3' MILLISECOND)
FROM data2
GROUP BY HOP(rowtime, INTERVAL '10' MILLISECOND, INTERVAL '3' MILLISECOND), `string`;
SELECT `string`, COUNT(`int`),
  HOP_START(rowtime, INTERVAL '10' MILLISECOND, INTERVAL '5' MILLISECOND),
  HOP_END(rowtime, INTERVAL '10' MILLISECOND, INTERVAL '5' MILLISECOND)
FROM data2
GROUP BY HOP(rowtime, INTERVAL '10' MILLISECOND, INTERVAL '5' MILLISECOND), `string`;
CREATE TABLE data2_map (
  `int` INT,
  `string` STRING,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime
) WITH ('connector' = 'file', 'path' = 'data2_map.csv', 'format' = 'csv');
SELECT `string`, COUNT(`int`),
  HOP_START(rowtime, INTERVAL '10' MILLISECOND, INTERVAL '3' MILLISECOND),
  HOP_END(rowtime, INTERVAL '10' MILLISECOND, INTERVAL '3' MILLISECOND)
FROM data2_map
GROUP BY HOP(rowtime, INTERVAL '10' MILLISECOND, INTERVAL '3' MILLISECOND), `string`;
