CREATE STREAM j (id INT, name STRING, ok BOOLEAN, score DOUBLE, amt DECIMAL(6, 2), ts TIMESTAMP(3), big BIGINT)
WITH ('connector' = 'file', 'path' = 'j.jsonl', 'format' = 'jsonl');
SELECT * FROM j;
SELECT id FROM j WHERE name IS NULL;
CREATE STREAM blank (id INT) WITH ('connector' = 'file', 'path' = 'blank.jsonl', 'format' = 'json');
SELECT id FROM blank;
CREATE STREAM case_ (id INT) WITH ('connector' = 'file', 'path' = 'case.jsonl', 'format' = 'jsonl');
SELECT id FROM case_;
CREATE STREAM partial (id INT, name STRING) WITH ('connector' = 'file', 'path' = 'partial.jsonl', 'format' = 'jsonl', 'json.fail-on-missing-field' = 'true');
SELECT * FROM partial;
CREATE STREAM nn (id INT NOT NULL) WITH ('connector' = 'file', 'path' = 'nn.jsonl', 'format' = 'jsonl');
SELECT * FROM nn;
