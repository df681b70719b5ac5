eddy --to-flink and EXPLAIN FLINK: a script's Flink SQL (docs/flink.md). Streams become Flink
tables with the filesystem connector and an absolute path; TIMEOUT ... RESET STATE becomes a
SESSION window, a SEMI / ANTI JOIN [NOT] EXISTS; what Flink cannot express is refused with the
reason, and nothing runs.

  $ cat > job.sql <<'SQL'
  > CREATE STREAM late (uid STRING, status STRING, ts TIMESTAMP(3))
  > WITH ('connector' = 'file', 'path' = 'late.jsonl', 'format' = 'jsonl');
  > CREATE STREAM logins (uid STRING, status STRING, ts TIMESTAMP(3),
  >   WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
  > WITH ('connector' = 'file', 'path' = 'logins.csv', 'format' = 'csv',
  >       'late.sink' = 'late');
  > CREATE VIEW fails AS SELECT uid, ts FROM logins WHERE status = 'fail';
  > SET 'state.ttl' = '1 h';
  > SET 'execution.batch-size' = '64';
  > SELECT uid, COUNT(*) AS n, TIMEOUT_TIME() AS idle_at FROM logins
  > GROUP BY uid TIMEOUT INTERVAL '1' MINUTE RESET STATE HAVING COUNT(*) > 1;
  > SELECT f.uid, f.ts FROM fails f LEFT ANTI JOIN logins s
  >   ON s.uid = f.uid AND s.status = 'ok' AND s.ts BETWEEN f.ts AND f.ts + INTERVAL '1' MINUTE;
  > SELECT uid, COUNT(*) FROM logins GROUP BY uid;
  > SQL
  $ eddy --to-flink job.sql | sed "s|$PWD|PWD|"
  -- Flink SQL written by eddy --to-flink (docs/flink.md). Run it with Flink's SQL client
  -- or TableEnvironment.executeSql, statement by statement. For eddy's rows, watermarks
  -- after every row, as eddy emits them:
  SET 'pipeline.auto-watermark-interval' = '0 ms';
  
  CREATE TABLE `late` (
    `uid` STRING,
    `status` STRING,
    `ts` TIMESTAMP(3)
  ) WITH (
    'connector' = 'filesystem',
    'path' = 'PWD/late.jsonl',
    'format' = 'json'
  );
  
  -- eddy's 'late.sink' = 'late': Flink has no late-row output for SQL; its late rows are dropped and counted in the numLateRecordsDropped metric
  CREATE TABLE `logins` (
    `uid` STRING,
    `status` STRING,
    `ts` TIMESTAMP(3),
    WATERMARK FOR `ts` AS ts - INTERVAL '5' SECOND
  ) WITH (
    'connector' = 'filesystem',
    'path' = 'PWD/logins.csv',
    'format' = 'csv'
  );
  
  CREATE TEMPORARY VIEW `fails` AS
  SELECT uid, ts FROM logins WHERE status = 'fail';
  
  SET 'table.exec.state.ttl' = '1 h';
  
  -- eddy setting 'execution.batch-size' = '64' has no Flink counterpart
  
  SELECT uid, COUNT(*) AS n, window_end AS idle_at
  FROM TABLE(SESSION(TABLE logins PARTITION BY uid, DESCRIPTOR(`ts`), INTERVAL '1' MINUTE))
  GROUP BY uid, window_start, window_end
  HAVING COUNT(*) > 1;
  
  SELECT f.uid, f.ts
  FROM fails AS f
  WHERE NOT EXISTS (SELECT 1 FROM logins AS s WHERE s.uid = f.uid AND s.status = 'ok' AND s.ts BETWEEN f.ts AND f.ts + INTERVAL '1' MINUTE);
  
  SELECT uid, COUNT(*) FROM logins GROUP BY uid;

A timeout that keeps its state has no Flink counterpart, nor do eddy's own connectors, nor idle
advance.

  $ eddy --to-flink job.sql -c "SELECT uid, COUNT(*) FROM logins GROUP BY uid TIMEOUT INTERVAL '1' MINUTE"
  error: <command>:1:47: cannot be written in Flink SQL: TIMEOUT ... KEEP STATE (the default): each idle period's row counts from the key's first row, and Flink's SESSION window starts afresh after each gap; write RESET STATE for the session's meaning
  SELECT uid, COUNT(*) FROM logins GROUP BY uid TIMEOUT INTERVAL '1' MINUTE
                                                ^
  [1]
  $ eddy --to-flink -c "CREATE STREAM s (x INT) WITH ('connector' = 'stdin')"
  error: <command>:1:1: cannot be written in Flink SQL: the stdin connector: Flink has no connector that reads or writes the same rows
  CREATE STREAM s (x INT) WITH ('connector' = 'stdin')
  ^
  [1]
  $ eddy --to-flink -c "CREATE STREAM s (x STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts ADVANCE AFTER INTERVAL '5' SECOND IDLE) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv')"
  error: <command>:1:45: cannot be written in Flink SQL: ADVANCE AFTER ... IDLE: Flink's watermark never follows the wall clock; an idle source only stops holding the others back ('table.exec.source.idle-timeout')
  CREATE STREAM s (x STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts ADVANCE AFTER INTERVAL '5' SECOND IDLE) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv')
                                              ^
  [1]
  $ eddy --to-flink
  error: --to-flink needs a script or a command to translate (try --help)
  [1]
  $ eddy --to-flink -c "CREATE STREAM s (a STRING, b STRING) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv', 'csv.header' = 'true')"
  error: <command>:1:102: cannot be written in Flink SQL: 'csv.header' = 'true': Flink's csv format reads every line as a row and has no option to skip a header; remove the header line from the file
  CREATE STREAM s (a STRING, b STRING) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv', 'csv.header' = 'true')
                                                                                                       ^
  [1]

EXPLAIN FLINK shows one statement's Flink SQL (a CREATE too); EXPLAIN itself takes no CREATE.

  $ head -7 job.sql > ddl.sql
  $ eddy --mode box ddl.sql -c "EXPLAIN FLINK SELECT uid FROM fails WHERE uid LIKE 'a%'"
  SELECT uid FROM fails WHERE uid LIKE 'a%';
  $ eddy --mode box -c "EXPLAIN FLINK CREATE TABLE k (x INT) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'jsonl')"
  CREATE TABLE `k` (
    `x` INT
  ) WITH (
    'connector' = 'kafka',
    'topic' = 't',
    'properties.bootstrap.servers' = 'localhost:9092',
    'format' = 'json'
  );
  $ eddy -c "EXPLAIN CREATE TABLE k (x INT) WITH ('connector' = 'blackhole')"
  error: <command>:1:9: syntax error at 'CREATE': EXPLAIN shows the plan of a query or an INSERT (EXPLAIN FLINK also takes a CREATE)
  EXPLAIN CREATE TABLE k (x INT) WITH ('connector' = 'blackhole')
          ^
  [1]

Flink's names are case-sensitive and it reserves words eddy takes as names: every name is written
as its declaration spells it, and quoted where Flink reserves it (`value`, `timestamp`, `user`).

  $ cat > names.sql <<'SQL'
  > CREATE STREAM Readings (Sensor STRING, `value` DOUBLE, `timestamp` TIMESTAMP(3),
  >   WATERMARK FOR TIMESTAMP AS Timestamp - INTERVAL '1' SECOND)
  > WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
  > CREATE VIEW hot AS SELECT sensor AS `User`, VALUE, timestamp FROM readings WHERE value > 10;
  > SELECT user, COUNT(*) AS n FROM HOT GROUP BY USER;
  > SELECT R.SENSOR, WINDOW_START, MAX(r.Value) AS top
  > FROM TABLE(TUMBLE(TABLE READINGS, DESCRIPTOR(TimeStamp), INTERVAL '10' SECOND)) AS r
  > GROUP BY r.sensor, window_start, Window_End;
  > SELECT sensor, n, t FROM (SELECT Sensor, COUNT(*) AS N, MAX(`timestamp`) AS T FROM readings GROUP BY SENSOR) "Q" WHERE q.n > 1;
  > SELECT h.user, TIMEOUT_TIME() FROM hot h GROUP BY h.USER TIMEOUT INTERVAL '1' MINUTE RESET STATE;
  > SQL
  $ eddy --to-flink names.sql | sed "s|$PWD|PWD|"
  -- Flink SQL written by eddy --to-flink (docs/flink.md). Run it with Flink's SQL client
  -- or TableEnvironment.executeSql, statement by statement. For eddy's rows, watermarks
  -- after every row, as eddy emits them:
  SET 'pipeline.auto-watermark-interval' = '0 ms';
  
  CREATE TABLE `Readings` (
    `Sensor` STRING,
    `value` DOUBLE,
    `timestamp` TIMESTAMP(3),
    WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
  ) WITH (
    'connector' = 'filesystem',
    'path' = 'PWD/r.csv',
    'format' = 'csv'
  );
  
  CREATE TEMPORARY VIEW `hot` AS
  SELECT Sensor AS `User`, `value`, `timestamp` FROM Readings WHERE `value` > 10;
  
  SELECT `User`, COUNT(*) AS n FROM hot GROUP BY `User`;
  
  SELECT r.Sensor, window_start, MAX(r.`value`) AS top
  FROM TABLE(TUMBLE(TABLE Readings, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND)) AS r
  GROUP BY r.Sensor, window_start, window_end;
  
  SELECT Sensor, N, T FROM (SELECT Sensor, COUNT(*) AS N, MAX(`timestamp`) AS T FROM Readings GROUP BY Sensor) Q WHERE Q.N > 1;
  
  SELECT h.`User`, window_end AS `TIMEOUT_TIME()`
  FROM TABLE(SESSION(TABLE hot PARTITION BY `User`, DESCRIPTOR(`timestamp`), INTERVAL '1' MINUTE)) AS h
  GROUP BY h.`User`, window_start, window_end;

A name that is not a plain identifier is quoted too (after other non-ASCII text on its line).

  $ eddy --to-flink -c "CREATE STREAM m (Größe INT, Ort STRING) WITH ('connector' = 'file', 'path' = 'm.csv', 'format' = 'csv'); SELECT größe, 'ä' AS x, ORT FROM M WHERE Ort <> 'Zürich' AND GRößE > 1" | tail -1
  SELECT `Größe`, 'ä' AS x, Ort FROM `m` WHERE Ort <> 'Zürich' AND `Größe` > 1;

A name that matches columns declared in other cases is refused unless its stream tells which.

  $ cat > cases.sql <<'SQL'
  > CREATE STREAM a (Uid STRING) WITH ('connector' = 'file', 'path' = 'a.csv', 'format' = 'csv');
  > CREATE STREAM b (uid STRING) WITH ('connector' = 'file', 'path' = 'b.csv', 'format' = 'csv');
  > SQL
  $ eddy --to-flink cases.sql -c "SELECT a.UID, B.UID FROM a, b WHERE a.uid = b.Uid" | tail -1
  SELECT `a`.Uid, b.uid FROM `a`, b WHERE `a`.Uid = b.uid;
  $ eddy --to-flink cases.sql -c "SELECT UID FROM a, b"
  error: <command>:1:8: cannot be written in Flink SQL: 'UID' matches columns declared as 'Uid', 'uid'; Flink's names are case-sensitive: write the column as declared (or qualify it with its stream)
  SELECT UID FROM a, b
         ^
  [1]
