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
FROM T1 AS t1 WHERE t1.key in(
 SELECT t2.key FROM T2 as t2 WHERE
 t1.rowtime BETWEEN t2.rowtime - INTERVAL '2' SECOND AND
 t2.rowtime + INTERVAL '2' SECOND
);
SELECT t1.key, t1.id
FROM T1 AS t1 WHERE t1.key not in(
 SELECT t2.key FROM T2 as t2 WHERE
 t1.rowtime BETWEEN t2.rowtime - INTERVAL '2' SECOND AND
 t2.rowtime + INTERVAL '2' SECOND
);
SELECT t1.key, t1.id
FROM T1 AS t1 WHERE t1.key in(
 SELECT t2.key FROM T2 as t2 WHERE
 t2.key = 'B' AND
 t1.rowtime BETWEEN t2.rowtime - INTERVAL '2' SECOND AND
 t2.rowtime + INTERVAL '2' SECOND
);
SELECT t1.key, t1.id
FROM T1 AS t1 WHERE t1.key not in(
 SELECT t2.key FROM T2 as t2 WHERE
 t2.key = 'B' AND
 t1.rowtime BETWEEN t2.rowtime - INTERVAL '2' SECOND AND
 t2.rowtime + INTERVAL '2' SECOND
);
SELECT t1.key, t1.id
FROM N1 AS t1 WHERE t1.key IN (
 SELECT t2.key FROM N2 as t2 WHERE
 t1.rowtime BETWEEN t2.rowtime + INTERVAL '1' SECOND AND
 t2.rowtime + INTERVAL '3' SECOND
);
SELECT t1.key, t1.id
FROM N1 AS t1 WHERE t1.key NOT IN (
 SELECT t2.key FROM N2 as t2 WHERE
 t1.rowtime BETWEEN t2.rowtime + INTERVAL '1' SECOND AND
 t2.rowtime + INTERVAL '3' SECOND
);
CREATE TABLE D1 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'd1.csv', 'format' = 'csv');
CREATE TABLE D2 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'd2.csv', 'format' = 'csv');
CREATE TABLE D3 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'd3.csv', 'format' = 'csv');
 SELECT t1.key, t1.id FROM D1 AS t1 WHERE t1.key IN(
 SELECT t2.key FROM D2 as t2
   WHERE t1.rowtime BETWEEN t2.rowtime - INTERVAL '3' SECOND AND
    t2.rowtime - INTERVAL '2' SECOND
   AND t2.key IN(
     SELECT t3.key FROM D3 as t3
       WHERE t2.rowtime BETWEEN t3.rowtime + INTERVAL '2' SECOND AND
       t3.rowtime + INTERVAL '3' SECOND));
SELECT t1.key, t1.id FROM D1 AS t1
WHERE t1.key IN(
 SELECT t2.key FROM D2 as t2
 WHERE t1.rowtime BETWEEN t2.rowtime AND t2.rowtime + INTERVAL '5' SECOND)
AND t1.key IN(
 SELECT t3.key FROM D3 as t3
 WHERE t1.rowtime BETWEEN t3.rowtime + INTERVAL '1' SECOND AND
 t3.rowtime + INTERVAL '8' SECOND);
