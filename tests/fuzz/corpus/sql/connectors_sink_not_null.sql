CREATE STREAM src (id INT, name STRING) WITH ('connector' = 'file', 'path' = 'in.csv', 'format' = 'csv');
CREATE STREAM strict_out (id INT NOT NULL, name STRING NOT NULL) WITH ('connector' = 'file', 'path' = 'out.csv', 'format' = 'csv');
INSERT INTO strict_out SELECT id, name FROM src WHERE name IS NOT NULL;
SELECT id, name FROM strict_out;
INSERT INTO strict_out SELECT id, name FROM src;
CREATE STREAM bh (x INT NOT NULL) WITH ('connector' = 'blackhole');
INSERT INTO bh SELECT CAST(NULL AS INT);
