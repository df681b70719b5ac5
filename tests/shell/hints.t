Errors that a new user runs into carry a hint.

  $ printf 'alice,fail\nbob,ok\n' > logins.csv
  $ cat > logins.sql <<'SQL'
  > CREATE STREAM logins (uid STRING, status STRING)
  >   WITH ('connector' = 'file', 'path' = 'logins.csv', 'format' = 'csv');
  > SQL

A string in double quotes is a column name in SQL.

  $ eddy logins.sql -c 'SELECT uid FROM logins WHERE status = "fail"'
  error: <command>:1:39: unknown column 'fail' (double quotes name a column; a string literal takes single quotes: 'fail')
  SELECT uid FROM logins WHERE status = "fail"
                                        ^
  [1]
  $ eddy logins.sql -c "SELECT uid FROM logins WHERE status = 'fail'"
  uid
  alice

A misspelt aggregate is suggested before a scalar function that is as close.

  $ eddy logins.sql -c 'SELECT CONT(uid) FROM logins'
  error: <command>:1:8: unknown function 'CONT' (did you mean 'COUNT'?)
  SELECT CONT(uid) FROM logins
         ^
  [1]
  $ eddy logins.sql -c 'SELECT uid, SUMM(1) FROM logins GROUP BY uid'
  error: <command>:1:13: unknown function 'SUMM' (did you mean 'SUM'?)
  SELECT uid, SUMM(1) FROM logins GROUP BY uid
              ^
  [1]

A format's options carry the format's name.

  $ eddy -c "CREATE STREAM s (a INT) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv', 'header' = 'true')"
  error: <command>:1:89: stream 's': unknown option 'header' for connector 'file' (did you mean 'csv.header'?)
  CREATE STREAM s (a INT) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv', 'header' = 'true')
                                                                                          ^
  [1]
  $ eddy -c "CREATE STREAM s (a INT) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv', 'ignore-parse-errors' = 'true')"
  error: <command>:1:89: stream 's': unknown option 'ignore-parse-errors' for connector 'file' (did you mean 'csv.ignore-parse-errors'?)
  CREATE STREAM s (a INT) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv', 'ignore-parse-errors' = 'true')
                                                                                          ^
  [1]


An option's error points at the option, on whichever line of the script it is.

  $ cat > options.sql <<'SQL'
  > CREATE STREAM s (a INT, ts TIMESTAMP(3))
  >   WITH ('connector' = 'file', 'path' = 'x.csv',
  >         'format' = 'cvs');
  > SQL
  $ eddy options.sql
  error: options.sql:3:9: stream 's': option 'format' = 'cvs': expected 'csv', 'json', 'jsonl' or 'debezium-json' (did you mean 'csv'?)
          'format' = 'cvs')
          ^
  [1]

A script read from standard input leaves nothing there for a 'stdin' stream: an error, not an
empty result.

  $ printf "CREATE STREAM s (a INT) WITH ('connector' = 'stdin', 'format' = 'csv');\nSELECT * FROM s;\n" | eddy
  error: <stdin>:2: stream 's' reads standard input, but the script is being read from it: give the script as a file or with -c
  [1]
  $ printf "CREATE STREAM s (a INT) WITH ('connector' = 'stdin', 'format' = 'csv');\nSELECT * FROM s;\n" > stdin.sql
  $ printf '1\n2\n' | eddy --mode csv stdin.sql
  a
  1
  2
  $ printf '1\n2\n' | eddy --mode csv -f stdin.sql
  a
  1
  2
  $ cat stdin.sql | eddy -f -
  error: <stdin>:2: stream 's' reads standard input, but the script is being read from it: give the script as a file or with -c
  [1]

`.tables` lists the streams and views, as sqlite3's does (SHOW STREAMS has the details);
`.schema` prints CREATE statements that run as they are.

  $ cat > defs.sql <<'SQL'
  > CREATE STREAM logins (uid STRING NOT NULL, status STRING, ts TIMESTAMP(3),
  >   WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
  >   WITH ('connector' = 'file', 'path' = 'logins.csv', 'format' = 'csv', 'csv.header' = 'false');
  > CREATE STREAM `odd name` (a INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');
  > CREATE VIEW failures AS SELECT uid FROM logins WHERE status = 'fail';
  > SQL
  $ eddy defs.sql -c '.tables'
  logins
  odd name
  failures
  $ eddy defs.sql -c '.tables %s'
  logins
  failures
  $ eddy defs.sql -c '.schema' > schema.sql
  $ cat schema.sql
  CREATE STREAM `logins` (
    `uid` STRING NOT NULL,
    `status` STRING,
    `ts` TIMESTAMP(3),
    WATERMARK FOR `ts` AS ts - INTERVAL '5' SECOND
  ) WITH (
    'connector' = 'file',
    'path' = 'logins.csv',
    'format' = 'csv',
    'csv.header' = 'false'
  );
  CREATE STREAM `odd name` (
    `a` INT
  ) WITH (
    'connector' = 'datagen',
    'number-of-rows' = '3'
  );
  CREATE VIEW `failures` AS
  SELECT uid FROM logins WHERE status = 'fail';
  $ eddy schema.sql -c '.schema' | diff - schema.sql && echo same
  same
  $ eddy defs.sql -c '.schema FAILURES'
  CREATE VIEW `failures` AS
  SELECT uid FROM logins WHERE status = 'fail';
  $ eddy defs.sql -c '.schema failure'
  error: <command>:1: .schema: unknown stream or view 'failure' (did you mean 'failures'?)
  [1]
