CREATE STREAM products (id INT, name STRING, weight DECIMAL(10, 2))
WITH ('connector' = 'file', 'path' = 'products.jsonl', 'format' = 'debezium-json');
SELECT * FROM products;
SELECT name, weight FROM products WHERE weight < 100;
SELECT COUNT(*) AS n, SUM(weight) AS total, MAX(weight) AS heaviest FROM products;
CREATE STREAM wrapped (id INT, name STRING, weight DECIMAL(10, 2))
WITH ('connector' = 'file', 'path' = 'wrapped.jsonl', 'format' = 'debezium-json', 'debezium-json.schema-include' = 'true');
SELECT * FROM wrapped;
CREATE STREAM unwrapped (id INT, name STRING, weight DECIMAL(10, 2))
WITH ('connector' = 'file', 'path' = 'wrapped.jsonl', 'format' = 'debezium-json');
SELECT * FROM unwrapped;
CREATE STREAM overwrapped (id INT, name STRING, weight DECIMAL(10, 2))
WITH ('connector' = 'file', 'path' = 'products.jsonl', 'format' = 'debezium-json', 'debezium-json.schema-include' = 'true');
SELECT * FROM overwrapped;
CREATE STREAM bad (id INT, name STRING, weight DECIMAL(10, 2))
WITH ('connector' = 'file', 'path' = 'bad.jsonl', 'format' = 'debezium-json');
SELECT * FROM bad;
CREATE STREAM tolerant (id INT, name STRING, weight DECIMAL(10, 2))
WITH ('connector' = 'file', 'path' = 'bad.jsonl', 'format' = 'debezium-json', 'debezium-json.ignore-parse-errors' = 'true');
SELECT * FROM tolerant;
CREATE STREAM bad_op (id INT, name STRING, weight DECIMAL(10, 2))
WITH ('connector' = 'file', 'path' = 'bad_op.jsonl', 'format' = 'debezium-json');
SELECT * FROM bad_op;
CREATE STREAM bad_json (id INT, name STRING, weight DECIMAL(10, 2))
WITH ('connector' = 'file', 'path' = 'bad_json.jsonl', 'format' = 'debezium-json');
SELECT * FROM bad_json;
CREATE STREAM bad_image (id INT, name STRING, weight DECIMAL(10, 2))
WITH ('connector' = 'file', 'path' = 'bad_image.jsonl', 'format' = 'debezium-json');
SELECT * FROM bad_image;
CREATE STREAM bad_value (id INT, name STRING, weight DECIMAL(10, 2))
WITH ('connector' = 'file', 'path' = 'bad_value.jsonl', 'format' = 'debezium-json');
SELECT * FROM bad_value;
CREATE STREAM no_after (id INT, name STRING, weight DECIMAL(10, 2))
WITH ('connector' = 'file', 'path' = 'no_after.jsonl', 'format' = 'debezium-json');
SELECT * FROM no_after;
CREATE STREAM x (id INT) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv', 'debezium-json.schema-include' = 'true');
CREATE STREAM x (id INT) WITH ('connector' = 'file', 'path' = 'x.jsonl', 'format' = 'debezium-json', 'source.changelog-mode' = 'all');
CREATE STREAM by_name (name STRING, n BIGINT, total DECIMAL(18, 2))
WITH ('connector' = 'file', 'path' = 'by_name.jsonl', 'format' = 'debezium-json');
INSERT INTO by_name SELECT name, COUNT(*), SUM(weight) FROM products GROUP BY name;
CREATE STREAM by_name_raw (line STRING) WITH ('connector' = 'file', 'path' = 'by_name.jsonl', 'format' = 'csv', 'csv.field-delimiter' = '\t', 'csv.quote-character' = '^');
SELECT line FROM by_name_raw;
SELECT * FROM by_name;
