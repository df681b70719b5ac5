CREATE STREAM a (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'a.csv', 'format' = 'csv');
CREATE STREAM b (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'b.csv', 'format' = 'csv');
SELECT id FROM a UNION ALL SELECT id FROM b;
SELECT id FROM b UNION ALL SELECT id FROM a;
