Dot-commands work at the start of a statement, in scripts and interactively.

  $ printf '.mode csv\nSELECT 1 AS a;\n.mode jsonl\nSELECT 1 AS a;\n.mo changelog\nSELECT 1 AS a;\n' | eddy
  a
  1
  {"a":1}
  +I[1]

`.help mode` explains one command (help.t covers the whole `.help`).

  $ printf '.help .mode\n.mode\n' | eddy --mode jsonl
  .mode [box|table|csv|jsonl|changelog] Set the output mode (no argument: show it)
  jsonl

Unknown commands and bad arguments are errors that name them, and stop a script.

  $ printf '.foo\nSELECT 1;\n' | eddy
  error: <stdin>:1: unknown command '.foo' (try .help)
  [1]
  $ printf 'SELECT 1 AS a;\n.mode xml\n' | eddy --mode csv
  a
  1
  error: <stdin>:2: .mode: unknown mode 'xml' (expected box, table, csv, jsonl or changelog)
  [1]
  $ printf '.timer maybe\n' | eddy
  error: <stdin>:1: .timer: expected on or off, got 'maybe'
  [1]
  $ printf '.read\n' | eddy
  error: <stdin>:1: .read: missing argument (usage: .read FILE)
  [1]
  $ printf '.quit now\n' | eddy
  error: <stdin>:1: .quit: unexpected argument 'now' (usage: .quit)
  [1]

A dot is only a command at the start of a statement.

  $ printf 'SELECT 1 AS a,\n.5 AS b;\n' | eddy --mode csv
  a,b
  1,0.5

.timer, .output, .read, .quit.

  $ printf '.timer on\nSELECT 1 AS a;\n' | eddy --mode csv
  a
  1
  Run Time: \d+\.\d\d\d s (re)
  $ printf '.output out.csv\nSELECT 1 AS a;\n.output\nSELECT 2 AS b;\n' | eddy --mode csv
  b
  2
  $ cat out.csv
  a
  1

.output also redirects the print connector.

  $ printf 'u1\nu2\n' > users.csv
  $ cat > print.sql <<'SQL'
  > .output printed.txt
  > CREATE STREAM users (uid STRING) WITH ('connector' = 'file', 'path' = 'users.csv', 'format' = 'csv');
  > CREATE STREAM shown (uid STRING) WITH ('connector' = 'print');
  > INSERT INTO shown SELECT uid FROM users;
  > SQL
  $ eddy print.sql
  $ cat printed.txt
  +I[u1]
  +I[u2]
  $ printf 'SELECT 42 AS answer;\n' > inner.sql
  $ printf '.read inner.sql\n.quit\nSELECT 1;\n' | eddy --mode csv
  answer
  42
  $ printf 'SELECT 1 AS x;\nSELEC 2;\n' > broken.sql
  $ printf '.read broken.sql\nSELECT 3;\n' | eddy --mode csv
  x
  1
  error: broken.sql:2:1: .* (re)
  SELEC 2;
  \^.* (re)
  [1]
  $ printf '.read nothere.sql\n' | eddy
  error: <stdin>:1: .read: cannot open 'nothere.sql': No such file or directory
  [1]

.schema shows streams and views as CREATE statements.

  $ printf "CREATE STREAM s (a INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'datagen');\nCREATE VIEW v AS SELECT a FROM s;\n.schema\n.schema v\n" | eddy
  CREATE STREAM `s` (
    `a` INT,
    `ts` TIMESTAMP(3),
    WATERMARK FOR `ts` AS ts - INTERVAL '1' SECOND
  ) WITH (
    'connector' = 'datagen'
  );
  CREATE VIEW `v` AS
  SELECT a FROM s;
  CREATE VIEW `v` AS
  SELECT a FROM s;
  $ printf '.schema nope\n' | eddy
  error: <stdin>:1: .schema: unknown stream or view 'nope'
  [1]
