CREATE STREAM src (id INT, name STRING, amt DECIMAL(6, 2), ok BOOLEAN, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'in.csv', 'format' = 'csv');
CREATE STREAM out (id INT, name STRING, amt DECIMAL(6, 2), ok BOOLEAN, ts TIMESTAMP(3), half DOUBLE)
WITH ('connector' = 'file', 'path' = 'out.jsonl', 'format' = 'jsonl');
INSERT INTO out SELECT id, name, amt, ok, ts, id / 2e0 FROM src;
SELECT * FROM out;
CREATE STREAM raw (line STRING) WITH ('connector' = 'file', 'path' = 'out.jsonl', 'format' = 'csv', 'csv.field-delimiter' = '\t', 'csv.quote-character' = '^');
SELECT line FROM raw;
CREATE STREAM some (half DOUBLE, id INT) WITH ('connector' = 'file', 'path' = 'out.jsonl', 'format' = 'json');
SELECT id, half FROM some;
