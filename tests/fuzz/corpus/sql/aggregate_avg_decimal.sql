CREATE STREAM m (k STRING, v DECIMAL(9, 7)) WITH ('connector' = 'file', 'path' = 'm.csv', 'format' = 'csv');
CREATE STREAM m2 (k STRING, v DECIMAL(6, 2)) WITH ('connector' = 'file', 'path' = 'm.csv', 'format' = 'csv');
SELECT k, AVG(v) FROM m2 WHERE k <> 'c' GROUP BY k;
SELECT k, AVG(v) FROM m WHERE k = 'c' GROUP BY k;
