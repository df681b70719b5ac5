CREATE TABLE T1 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'dleft.csv', 'format' = 'csv');
CREATE TABLE T2 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'dright.csv', 'format' = 'csv');
CREATE TABLE N1 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'nleft.csv', 'format' = 'csv');
CREATE TABLE N2 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'nright.csv', 'format' = 'csv');
SELECT t1.key, t1.id
FROM T1 AS t1 WHERE EXISTS(
 SELECT t2.key FROM T2 as t2 WHERE
 t1.rowtime BETWEEN t2.rowtime - INTERVAL '2' SECOND AND
 t2.rowtime + INTERVAL '2' SECOND
);
SELECT t1.key, t1.id
FROM T1 AS t1 WHERE NOT EXISTS(
 SELECT t2.key FROM T2 as t2 WHERE
 t1.rowtime BETWEEN t2.rowtime - INTERVAL '2' SECOND AND
 t2.rowtime + INTERVAL '2' SECOND
);
SELECT t1.key, t1.id
FROM T1 AS t1 WHERE EXISTS(
 SELECT t2.key FROM T2 as t2 WHERE
 t1.key = t2.key AND
 t1.rowtime BETWEEN t2.rowtime - INTERVAL '5' SECOND AND
 t2.rowtime + INTERVAL '6' SECOND
);
SELECT t1.key, t1.id
FROM T1 AS t1 WHERE NOT EXISTS(
 SELECT t2.key FROM T2 as t2 WHERE
 t1.key = t2.key AND
 t1.rowtime BETWEEN t2.rowtime - INTERVAL '5' SECOND AND
 t2.rowtime + INTERVAL '6' SECOND
);
SELECT t1.key, t1.id
FROM N1 AS t1 WHERE EXISTS(
 SELECT t2.key FROM N2 as t2 WHERE
 t1.rowtime BETWEEN t2.rowtime + INTERVAL '1' SECOND AND
 t2.rowtime + INTERVAL '3' SECOND
);
SELECT t1.key, t1.id
FROM N1 AS t1 WHERE NOT EXISTS(
 SELECT t2.key FROM N2 as t2 WHERE
 t1.rowtime BETWEEN t2.rowtime + INTERVAL '1' SECOND AND
 t2.rowtime + INTERVAL '3' SECOND
);
