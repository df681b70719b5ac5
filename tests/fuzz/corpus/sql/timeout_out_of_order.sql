CREATE STREAM sorted (k STRING, ts TIMESTAMP(3), v STRING, WATERMARK FOR ts AS ts - INTERVAL '10' SECOND)
WITH ('connector' = 'file', 'path' = 'sorted.csv', 'format' = 'csv');
CREATE STREAM shuffled (k STRING, ts TIMESTAMP(3), v STRING, WATERMARK FOR ts AS ts - INTERVAL '10' SECOND)
WITH ('connector' = 'file', 'path' = 'shuffled.csv', 'format' = 'csv');
SELECT COUNT(*) FROM shuffled GROUP BY ();
SELECT k, COUNT(*), FIRST_VALUE(v), LAST_VALUE(v), TIMEOUT_TIME() FROM sorted GROUP BY k TIMEOUT INTERVAL '1' MINUTE;
SELECT k, COUNT(*), FIRST_VALUE(v), LAST_VALUE(v), TIMEOUT_TIME() FROM shuffled GROUP BY k TIMEOUT INTERVAL '1' MINUTE;
SELECT k, COUNT(*), FIRST_VALUE(v), LAST_VALUE(v), TIMEOUT_TIME() FROM shuffled GROUP BY k TIMEOUT INTERVAL '1' MINUTE RESET STATE;
CREATE STREAM mixed (k STRING, ts TIMESTAMP(3), v STRING, WATERMARK FOR ts AS ts - INTERVAL '10' SECOND)
WITH ('connector' = 'file', 'path' = 'mixed.csv', 'format' = 'csv');
SELECT k, FIRST_VALUE(v), LAST_VALUE(v), MIN(ts), MAX(ts), TIMEOUT_TIME() FROM mixed GROUP BY k TIMEOUT INTERVAL '1' MINUTE;
