CREATE STREAM nums (n INT) WITH ('connector' = 'datagen', 'rows-per-second' = '0',
  'number-of-rows' = '3', 'fields.n.kind' = 'sequence', 'fields.n.start' = '1');
CREATE TABLE tens (n INT) WITH ('connector' = 'datagen', 'rows-per-second' = '0',
  'number-of-rows' = '2', 'fields.n.kind' = 'sequence', 'fields.n.start' = '10');
CREATE TEMPORARY TABLE temp (n INT) WITH ('connector' = 'blackhole');
SELECT n FROM nums;
SELECT n FROM tens;
SHOW STREAMS;
SHOW TABLES;
CREATE STREAM nums (x STRING) WITH ('connector' = 'blackhole');
CREATE TABLE NUMS (x STRING) WITH ('connector' = 'blackhole');
CREATE STREAM IF NOT EXISTS nums (x STRING) WITH ('connector' = 'blackhole');
SELECT n FROM nums;
CREATE TABLE IF NOT EXISTS fresh (x STRING) WITH ('connector' = 'blackhole');
SHOW STREAMS;
CREATE STREAM broken (x INT) WITH ('connector' = 'nope');
SELECT * FROM broken;
CREATE STREAM dup (a INT, b STRING, a STRING) WITH ('connector' = 'blackhole');
CREATE STREAM dup (a INT, A STRING) WITH ('connector' = 'blackhole');
CREATE STREAM empty () WITH ('connector' = 'blackhole');
CREATE STREAM bad_type (a FOO) WITH ('connector' = 'blackhole');
CREATE VIEW v AS SELECT 1 AS one;
CREATE STREAM v (a INT) WITH ('connector' = 'blackhole');
CREATE VIEW nums AS SELECT 1 AS one;
