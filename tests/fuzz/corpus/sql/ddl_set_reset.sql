SET 'execution.batch-size' = '7';
SHOW SETTINGS;
SET;
CREATE STREAM n (x INT) WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '20',
  'fields.x.kind' = 'sequence', 'fields.x.start' = '1');
SELECT x FROM n WHERE x % 6 = 0;
SET 'execution.batch-size' = '1';
SELECT x FROM n WHERE x % 6 = 0;
RESET 'execution.batch-size';
RESET;
SET 'foo' = 'bar';
SET 'execution.batch-sise' = '3';
RESET 'nope';
SET 'execution.batch-size' = 'lots';
SET 'execution.batch-size' = '0';
SET execution.batch-size = '3';
