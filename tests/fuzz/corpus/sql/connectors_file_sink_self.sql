CREATE STREAM s (id INT, name STRING) WITH ('connector' = 'file', 'path' = 'self.csv', 'format' = 'csv');
INSERT INTO s SELECT id + 10, name FROM s;
SELECT id, name FROM s;
