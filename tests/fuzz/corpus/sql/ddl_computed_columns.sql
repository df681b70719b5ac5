CREATE STREAM c (s STRING, amount INT, ts AS TO_TIMESTAMP(s), doubled AS amount * 2,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'raw.csv', 'format' = 'csv', 'csv.header' = 'true');
DESCRIBE c;
SELECT ts, doubled FROM c;
SELECT COUNT(*) AS n, TIMEOUT_TIME() AS t FROM c GROUP BY () TIMEOUT INTERVAL '30' SECOND;
CREATE STREAM bad (amount INT, x AS amont + 1) WITH ('connector' = 'datagen', 'number-of-rows' = '1');
CREATE STREAM bad (x INT, x AS 1) WITH ('connector' = 'datagen', 'number-of-rows' = '1');
