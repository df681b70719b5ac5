CREATE TABLE T1 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'wleft.csv', 'format' = 'csv');
CREATE TABLE T2 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'wright.csv', 'format' = 'csv');
SELECT t2.key, TUMBLE_END(t2.rowtime, INTERVAL '4' SECOND), COUNT(t1.key)
FROM T1 AS t1 join T2 AS t2 ON
 t1.key = t2.key AND
 t1.rowtime BETWEEN t2.rowtime - INTERVAL '5' SECOND AND
 t2.rowtime + INTERVAL '5' SECOND
 GROUP BY TUMBLE(t2.rowtime, INTERVAL '4' SECOND), t2.key;
