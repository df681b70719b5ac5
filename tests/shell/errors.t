Errors go to stderr as one `error:` line (plus the source line and a caret for syntax and name
errors), and the exit status is 1.

  $ eddy -c "SELEC 1" 2>&1 >/dev/null
  error: <command>:1:1: .* (re)
  SELEC 1
  \^.* (re)
  [1]

A script stops at its first error, which names the file and line; earlier results are printed.

  $ cat > script.sql <<'SQL'
  > SELECT 1 AS a;
  > 
  > SELECT nope
  >   FROM nowhere;
  > SELECT 2 AS b;
  > SQL
  $ eddy --mode csv script.sql
  a
  1
  error: script.sql:4:8: unknown stream or view 'nowhere'
    FROM nowhere
         \^.* (re)
  [1]

Positions are those of the script even for a statement that starts mid-line.

  $ printf 'SELECT 1 AS a; SELEC 2;\n' | eddy --mode csv
  a
  1
  error: <stdin>:1:16: .* (re)
  SELECT 1 AS a; SELEC 2;
                 \^.* (re)
  [1]

  $ printf 'SELECT 1 AS a; SELECT a FROM nowhere;\n' | eddy --mode csv
  a
  1
  error: <stdin>:1:30: unknown stream or view 'nowhere'
  SELECT 1 AS a; SELECT a FROM nowhere
                               \^.* (re)
  [1]

A query that fails while running names the statement's line; rows produced before stay printed.

  $ printf 'a\n1\nx\n' > bad.csv
  $ cat > bad.sql <<'SQL'
  > CREATE STREAM b (a INT)
  >   WITH ('connector' = 'file', 'path' = 'bad.csv', 'format' = 'csv', 'csv.header' = 'true');
  > 
  > SELECT a
  > FROM b;
  > SELECT 'not reached';
  > SQL
  $ eddy --mode csv --batch-size 1 bad.sql
  a
  1
  error: bad.sql:4: bad.csv:3: .* (re)
  [1]

A failing input file, a bad option, a bad --set.

  $ eddy missing.sql
  error: cannot open 'missing.sql': No such file or directory
  [1]
  $ eddy --mode xml -c "SELECT 1"
  error: --mode: xml not in {box,table,csv,jsonl,changelog} (try --help)
  [1]
  $ eddy --set no.such.key=1 -c "SELECT 1"
  error: --set no.such.key=1: .* (re)
  [1]
  $ eddy --set novalue -c "SELECT 1"
  error: --set: expected KEY=VALUE, got 'novalue'
  [1]

Rows that do not reach the result are never dropped silently: late rows and skipped malformed
records are reported on stderr after the query.

  $ printf 'k,ts\na,2024-01-01 10:00:10\nb,2024-01-01 10:00:01\nc,oops\n' > late.csv
  $ eddy --mode csv -c "CREATE STREAM l (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'file', 'path' = 'late.csv', 'format' = 'csv', 'csv.header' = 'true', 'csv.ignore-parse-errors' = 'true'); SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE l, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end"
  window_start,n
  2024-01-01 10:00:10.000,1
  note: 1 late row left out of the result (behind the watermark, for a window, session, timeout or sort that had already emitted)
  note: 1 malformed record skipped

A late row under 'late.policy' = 'error' fails the query after the rows before it, whatever the
batch size: the window [10:00:00, 10:00:05) fired before the late row came.

  $ printf 'e1,2024-01-01 10:00:00\ne2,2024-01-01 10:00:10\ne3,2024-01-01 10:00:04\n' > ev.csv
  $ eddy --mode csv --batch-size 1024 -c "CREATE STREAM ev (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'file', 'path' = 'ev.csv', 'format' = 'csv', 'late.policy' = 'error'); SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end"
  window_start,n
  2024-01-01 10:00:00.000,1
  error: <command>:1: ev.csv:3: stream 'ev': late row at 2024-01-01 10:00:04.000: its last TUMBLE window, ending at 2024-01-01 10:00:05.000, has already fired (watermark 2024-01-01 10:00:05.000; 'late.policy' = 'error')
  [1]
  $ eddy --mode csv --batch-size 1 -c "CREATE STREAM ev (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'file', 'path' = 'ev.csv', 'format' = 'csv', 'late.policy' = 'error'); SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end"
  window_start,n
  2024-01-01 10:00:00.000,1
  error: <command>:1: ev.csv:3: stream 'ev': late row at 2024-01-01 10:00:04.000: its last TUMBLE window, ending at 2024-01-01 10:00:05.000, has already fired (watermark 2024-01-01 10:00:05.000; 'late.policy' = 'error')
  [1]
