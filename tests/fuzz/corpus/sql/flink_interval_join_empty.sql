CREATE TABLE E1 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'e_left.csv', 'format' = 'csv');
CREATE TABLE E2 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'e_right.csv', 'format' = 'csv');
SELECT t2.key, t2.id, t1.id
FROM E1 AS t1 LEFT OUTER JOIN E2 AS t2 ON
 t1.key = t2.key AND
  t1.rowtime BETWEEN t2.rowtime + INTERVAL '3' SECOND AND
  t2.rowtime + INTERVAL '1' SECOND;
SELECT t2.key, t2.id, t1.id
FROM E1 AS t1 RIGHT OUTER JOIN E2 AS t2 ON
t1.key = t2.key AND
t1.rowtime BETWEEN t2.rowtime + INTERVAL '5' SECOND AND
t2.rowtime + INTERVAL '1' SECOND;
SELECT t2.key, t2.id, t1.id
FROM E1 AS t1 FULL OUTER JOIN E2 AS t2 ON
t1.key = t2.key AND
t1.rowtime BETWEEN t2.rowtime + INTERVAL '5' SECOND AND
t2.rowtime + INTERVAL '4' SECOND;
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
 t1.rowtime BETWEEN t2.rowtime + INTERVAL '4' SECOND AND
 t2.rowtime + INTERVAL '2' SECOND
);
SELECT t1.key, t1.id
FROM T1 AS t1 WHERE NOT EXISTS(
 SELECT t2.key FROM T2 as t2 WHERE
 t1.rowtime BETWEEN t2.rowtime + INTERVAL '4' SECOND AND
 t2.rowtime + INTERVAL '2' SECOND
);
