CREATE TABLE LO1 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'lo_left.csv', 'format' = 'csv');
CREATE TABLE LO2 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'lo_right.csv', 'format' = 'csv');
SELECT t1.key, t2.id, t1.id
FROM LO1 AS t1 LEFT OUTER JOIN  LO2 AS t2 ON
 t1.key = t2.key AND
 t1.rowtime BETWEEN t2.rowtime - INTERVAL '5' SECOND AND
 t2.rowtime + INTERVAL '6' SECOND AND
 t1.id <> 'L-5';
CREATE TABLE RO1 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'ro_left.csv', 'format' = 'csv');
CREATE TABLE RO2 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'ro_right.csv', 'format' = 'csv');
SELECT t2.key, t2.id, t1.id
FROM RO1 AS t1 RIGHT OUTER JOIN RO2 AS t2 ON
 t1.key = t2.key AND
 t1.rowtime BETWEEN t2.rowtime - INTERVAL '5' SECOND AND
 t2.rowtime + INTERVAL '6' SECOND AND
 t2.id <> 'R-5';
CREATE TABLE FO1 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'fo_left.csv', 'format' = 'csv');
CREATE TABLE FO2 (`key` STRING, id STRING, rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'fo_right.csv', 'format' = 'csv');
SELECT t2.key, t2.id, t1.id
FROM FO1 AS t1 FULL OUTER JOIN FO2 AS t2 ON
t1.key = t2.key AND
t1.rowtime BETWEEN t2.rowtime - INTERVAL '5' SECOND AND
t2.rowtime + INTERVAL '6' SECOND AND
NOT (t1.id = 'L-5' OR t2.id = 'R-5');
