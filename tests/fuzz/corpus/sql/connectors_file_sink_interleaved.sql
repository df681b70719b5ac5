CREATE STREAM e1 (s STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'e1.csv', 'format' = 'csv');
CREATE STREAM e2 (s STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'e2.csv', 'format' = 'csv');
CREATE STREAM all_rows (s STRING) WITH ('connector' = 'file', 'path' = 'all.csv', 'format' = 'csv');
INSERT INTO all_rows SELECT s FROM e1 UNION ALL SELECT s FROM e2;
SELECT s FROM all_rows;
CREATE STREAM numbers (n INT) WITH ('connector' = 'file', 'path' = 'numbers.csv', 'format' = 'csv');
INSERT INTO numbers SELECT CAST(s AS INT) FROM e1 UNION ALL SELECT CAST(s AS INT) FROM e2;
SELECT n FROM numbers;
