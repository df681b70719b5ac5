CREATE TABLE T1 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'left.csv', 'format' = 'csv');
CREATE TABLE T2 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'right.csv', 'format' = 'csv');
SELECT t2.key, t2.id, t1.id
FROM T1 as t1 join T2 as t2 ON
  t1.key = t2.key AND
  t1.rowtime BETWEEN t2.rowtime - INTERVAL '5' SECOND AND
    t2.rowtime + INTERVAL '6' SECOND;
SELECT t2.key, t2.id, t1.id
FROM T1 as t1 join T2 as t2 ON
  t1.rowtime BETWEEN t2.rowtime - INTERVAL '5' SECOND AND
    t2.rowtime + INTERVAL '6' SECOND;
CREATE TABLE N1 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'neg_left.csv', 'format' = 'csv');
CREATE TABLE N2 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'neg_right.csv', 'format' = 'csv');
SELECT t2.key, t2.id, t1.id
FROM N1 as t1 join N2 as t2 ON
  t1.rowtime BETWEEN t2.rowtime + INTERVAL '1' SECOND AND
    t2.rowtime + INTERVAL '3' SECOND;
CREATE TABLE E1 (`_1` STRING, `_2` BIGINT, `_3` STRING, `key` AS `_1`,
  rowtime AS TO_TIMESTAMP_LTZ(`_2`, 3), `val` AS `_3`,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'eq_left.csv', 'format' = 'csv');
CREATE TABLE E2 (`_1` STRING, `_2` BIGINT, `_3` STRING, `key` AS `_1`,
  rowtime AS TO_TIMESTAMP_LTZ(`_2`, 3), `val` AS `_3`,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'eq_right.csv', 'format' = 'csv');
SELECT t1.key, t1._2, t1.val, t2.val
FROM E1 AS t1 JOIN E2 AS t2 ON
t1.key = t2.key AND
t2.rowtime = t1.rowtime;
CREATE TABLE O1 (a INT, b BIGINT, c STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'oc_left.csv', 'format' = 'csv');
CREATE TABLE O2 (a INT, b BIGINT, c STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'oc_right.csv', 'format' = 'csv');
SELECT t2.a, t1.c, t2.c
FROM O1 as t1 JOIN O2 as t2 ON
  t1.a = t2.a AND
  t1.rowtime > t2.rowtime - INTERVAL '5' SECOND AND
    t1.rowtime < t2.rowtime - INTERVAL '1' SECOND AND
  t1.b < t2.b AND
  t1.b > 2;
CREATE TABLE Q1 (a INT, b BIGINT, c STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'tc_left.csv', 'format' = 'csv');
CREATE TABLE Q2 (a INT, b BIGINT, c STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'tc_right.csv', 'format' = 'csv');
SELECT t2.a, t1.c, t2.c
FROM Q1 as t1 JOIN Q2 as t2 ON
  t1.a = t2.a AND
  t1.rowtime > t2.rowtime - INTERVAL '4' SECOND AND
    t1.rowtime < t2.rowtime AND
  QUARTER(t1.rowtime) = t2.a;
