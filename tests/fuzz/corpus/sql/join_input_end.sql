CREATE STREAM a (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'a.csv', 'format' = 'csv');
CREATE STREAM b (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'b.csv', 'format' = 'csv');
SELECT a.k, a.ts, b.k, b.ts FROM a FULL JOIN b ON a.k = b.k AND b.ts = a.ts;
