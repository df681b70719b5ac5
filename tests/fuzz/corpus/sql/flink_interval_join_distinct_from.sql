CREATE TABLE T1 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'left.csv', 'format' = 'csv');
CREATE TABLE T2 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'right.csv', 'format' = 'csv');
SELECT t2.key, t2.id, t1.id
FROM T1 as t1 join T2 as t2 ON
  t1.key is not distinct from t2.key AND
  t1.rowtime BETWEEN t2.rowtime - INTERVAL '5' SECOND AND
    t2.rowtime + INTERVAL '6' SECOND;
