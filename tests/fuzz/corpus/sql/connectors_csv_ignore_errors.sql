CREATE STREAM strict (id INT, qty INT, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = 'mixed.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT * FROM strict;
CREATE STREAM lenient (id INT, qty INT, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = 'mixed.csv', 'format' = 'csv', 'csv.header' = 'true', 'csv.ignore-parse-errors' = 'true');
SELECT id, qty, ts FROM lenient;
CREATE STREAM lenient2 (id INT, qty INT NOT NULL, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = 'mixed2.csv', 'format' = 'csv', 'csv.ignore-parse-errors' = 'true');
SELECT id, qty, ts FROM lenient2;
CREATE STREAM x (id INT) WITH ('connector' = 'file', 'path' = 'mixed.csv', 'format' = 'csv', 'csv.ignore-parse-errors' = 'sometimes');
