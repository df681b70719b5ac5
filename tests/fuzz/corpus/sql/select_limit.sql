CREATE STREAM r (n INT) WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT n FROM r LIMIT 2;
SELECT n FROM r LIMIT 0;
SELECT n FROM r LIMIT 5;
SELECT n FROM r LIMIT 100;
SELECT n FROM r WHERE n > 2 LIMIT 2;
SELECT * FROM (SELECT n FROM r LIMIT 3) WHERE n <> 2;
SELECT n FROM (SELECT n FROM r WHERE n > 1) LIMIT 1;
CREATE STREAM forever (x BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '0',
  'fields.x.kind' = 'sequence', 'fields.x.start' = '100');
SELECT x FROM forever LIMIT 3;
SELECT x FROM forever WHERE x % 1000 = 0 LIMIT 2;
CREATE VIEW firsts AS SELECT x FROM forever LIMIT 2;
SELECT x + 1 FROM firsts;
SELECT 1 LIMIT 1;
SELECT 1 LIMIT 0;
SELECT n FROM r LIMIT -1;
SELECT n FROM r LIMIT 'a';
