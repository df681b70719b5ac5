CREATE STREAM src (id INT, name STRING, amt DECIMAL(6, 2), ok BOOLEAN, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'in.csv', 'format' = 'csv', 'csv.header' = 'true');
CREATE STREAM out (id INT, name STRING, amt DECIMAL(6, 2), ok BOOLEAN, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'out.csv', 'format' = 'csv');
INSERT INTO out SELECT * FROM src;
SELECT * FROM out;
CREATE STREAM raw (a STRING, b STRING, c STRING, d STRING, e STRING)
WITH ('connector' = 'file', 'path' = 'out.csv', 'format' = 'csv', 'csv.null-literal' = '<null>');
SELECT a, b, c, d, e FROM raw;
INSERT INTO out SELECT id * 10, UPPER(name), amt, ok, ts FROM src WHERE id <= 2;
SELECT id, name FROM out;
CREATE STREAM out2 (id INT, name STRING) WITH ('connector' = 'file', 'path' = 'out2.csv', 'format' = 'csv', 'csv.header' = 'true', 'csv.field-delimiter' = ';');
INSERT INTO out2 SELECT id, name FROM src WHERE id IN (1, 2);
CREATE STREAM back2 (line STRING) WITH ('connector' = 'file', 'path' = 'out2.csv', 'format' = 'csv', 'csv.field-delimiter' = '|', 'csv.quote-character' = '^');
SELECT line FROM back2;
CREATE STREAM wide (id BIGINT, name STRING) WITH ('connector' = 'file', 'path' = 'wide.csv', 'format' = 'csv');
INSERT INTO wide SELECT id, name FROM src WHERE id = 1;
SELECT id, name FROM wide;
INSERT INTO wide SELECT id FROM src;
INSERT INTO wide SELECT name, name FROM src;
INSERT INTO nowhere SELECT id FROM src;
