CREATE STREAM logins (
  uid STRING NOT NULL,
  status STRING,
  ts TIMESTAMP(3),
  pt AS PROCTIME(),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'file', 'path' = 'logins.csv', 'format' = 'csv', 'csv.header' = 'true', 'late.policy' = 'error');
SHOW CREATE STREAM logins;
DROP STREAM logins;
CREATE STREAM `logins` (
  `uid` STRING NOT NULL,
  `status` STRING,
  `ts` TIMESTAMP(3),
  `pt` AS PROCTIME(),
  WATERMARK FOR `ts` AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'file',
  'path' = 'logins.csv',
  'format' = 'csv',
  'csv.header' = 'true',
  'late.policy' = 'error'
);
SHOW CREATE TABLE LOGINS;
CREATE TABLE t (`value` INT, d DECIMAL(5, 1)) WITH ('connector' = 'file', 'path' = 'it''s.jsonl', 'format' = 'json');
SHOW CREATE TABLE t;
CREATE VIEW failures AS SELECT uid, COUNT(*) AS n FROM logins WHERE status = 'fail' GROUP BY uid;
SHOW CREATE VIEW failures;
SHOW CREATE STREAM failures;
SHOW CREATE VIEW t;
SHOW CREATE STREAM login;
