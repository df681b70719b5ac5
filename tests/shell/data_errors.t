Data errors (issue 11): whatever the batch size, the rows before the failing row come out first,
then the error, which names where the row came from (file:line, or the stream and record number
of generated data) and the column. `at_sizes` runs a script at batch sizes 1, 2 and 1024, prints
its output once when all three agree, and shows every output when they do not.

  $ cat > at_sizes <<'SH'
  > for b in 1 2 1024; do eddy --mode csv --batch-size $b "$@" > out.$b 2>&1; echo "[exit $?]" >> out.$b; done
  > if cmp -s out.1 out.2 && cmp -s out.1 out.1024; then cat out.1; else head out.1 out.2 out.1024; fi
  > SH
  $ chmod +x at_sizes
  $ printf 'a,ts\n1,2024-01-01 10:00:00\n2,2024-01-01 10:00:01\n3,\n4,2024-01-01 10:00:02\n' > n.csv
  $ printf 'a,b\n1,1\n2,1\n3,0\n4,1\n' > m.csv
  $ cat > streams.sql <<'SQL'
  > CREATE STREAM n (a INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
  >   WITH ('connector' = 'file', 'path' = 'n.csv', 'format' = 'csv', 'csv.header' = 'true');
  > CREATE STREAM m (a INT, b INT)
  >   WITH ('connector' = 'file', 'path' = 'm.csv', 'format' = 'csv', 'csv.header' = 'true');
  > SQL

An empty rowtime (the issue's example).

  $ echo 'SELECT * FROM n;' > q.sql
  $ ./at_sizes streams.sql q.sql
  a,ts
  1,2024-01-01 10:00:00.000
  2,2024-01-01 10:00:01.000
  error: q.sql:1: n.csv:4: stream 'n': rowtime column 'ts' is NULL
  [exit 1]

Division by zero and a failed CAST name the column; in WHERE, the clause.

  $ echo 'SELECT a, 10 / b AS q FROM m;' > q.sql
  $ ./at_sizes streams.sql q.sql
  a,q
  1,10
  2,10
  error: q.sql:1: m.csv:4: column 'q': division by zero
  [exit 1]
  $ echo "SELECT a, CAST(CASE WHEN b = 0 THEN 'zz' ELSE '1' END AS INT) AS c FROM m;" > q.sql
  $ ./at_sizes streams.sql q.sql
  a,c
  1,1
  2,1
  error: q.sql:1: m.csv:4: column 'c': cannot cast 'zz' to INT
  [exit 1]
  $ echo 'SELECT a FROM m WHERE 10 / b > 0;' > q.sql
  $ ./at_sizes streams.sql q.sql
  a
  1
  2
  error: q.sql:1: m.csv:4: WHERE clause: division by zero
  [exit 1]

Through a UNION ALL, whose inputs are merged a batch at a time.

  $ echo 'SELECT a, 10 / b AS q FROM m UNION ALL SELECT a, a AS q FROM m;' > q.sql
  $ ./at_sizes streams.sql q.sql
  a,q
  1,10
  2,10
  error: q.sql:1: m.csv:4: column 'q': division by zero
  [exit 1]
  $ echo 'SELECT a FROM n UNION ALL SELECT a FROM m;' > q.sql
  $ ./at_sizes streams.sql q.sql
  a
  1
  2
  3
  4
  1
  2
  error: q.sql:1: n.csv:4: stream 'n': rowtime column 'ts' is NULL
  [exit 1]

After an aggregation the error names the column only (its rows are no input rows).

  $ echo 'SELECT b, 10 / (COUNT(*) - 2) AS q FROM m GROUP BY b;' > q.sql
  $ ./at_sizes streams.sql q.sql
  b,q
  error: q.sql:1: column 'q': division by zero
  [exit 1]

A late row under 'late.policy' = 'error'.

  $ printf 'a,ts\n1,2024-01-01 10:00:00\n2,2024-01-01 10:00:30\n3,2024-01-01 10:00:01\n' > late.csv
  $ cat > q.sql <<'SQL'
  > CREATE STREAM l (a INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
  >   WITH ('connector' = 'file', 'path' = 'late.csv', 'format' = 'csv', 'csv.header' = 'true',
  >         'late.policy' = 'error');
  > SELECT window_start, COUNT(*) AS n
  > FROM TABLE(TUMBLE(TABLE l, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  > GROUP BY window_start, window_end;
  > SQL
  $ ./at_sizes q.sql
  window_start,n
  2024-01-01 10:00:00.000,1
  error: q.sql:4: late.csv:4: stream 'l': late row at 2024-01-01 10:00:01.000: its last TUMBLE window, ending at 2024-01-01 10:00:10.000, has already fired (watermark 2024-01-01 10:00:30.000; 'late.policy' = 'error')
  [exit 1]

A malformed field, in csv and in jsonl.

  $ printf 'a\n1\n2\nx\n4\n' > bad.csv
  $ printf '{"a":1}\n{"a":2}\n{"a":"x"}\n' > bad.jsonl
  $ cat > q.sql <<'SQL'
  > CREATE STREAM c (a INT) WITH ('connector' = 'file', 'path' = 'bad.csv', 'format' = 'csv',
  >                              'csv.header' = 'true');
  > CREATE STREAM j (a INT) WITH ('connector' = 'file', 'path' = 'bad.jsonl', 'format' = 'jsonl');
  > SELECT * FROM c;
  > SQL
  $ ./at_sizes q.sql
  a
  1
  2
  error: q.sql:4: bad.csv:4: column 'a': cannot parse 'x' as INT
  [exit 1]
  $ sed -i 's/FROM c;/FROM j;/' q.sql
  $ ./at_sizes q.sql
  a
  1
  2
  error: q.sql:4: bad.jsonl:3: column 'a': cannot parse 'x' as INT
  [exit 1]

Generated rows are named by their stream and record number; stdin by its line.

  $ cat > q.sql <<'SQL'
  > CREATE STREAM g (a INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5',
  >   'fields.a.kind' = 'sequence', 'fields.a.start' = '1', 'fields.a.end' = '5');
  > SELECT a, 10 / (a - 3) AS q FROM g;
  > SQL
  $ ./at_sizes q.sql
  a,q
  1,-5
  2,-10
  error: q.sql:3: stream 'g' record 3: column 'q': division by zero
  [exit 1]
  $ printf 'a,b\n1,1\n2,0\n' | eddy --mode csv -c "CREATE STREAM s (a INT, b INT) WITH ('connector' = 'stdin', 'format' = 'csv', 'csv.header' = 'true'); SELECT a / b AS q FROM s;"
  q
  1
  error: <command>:1: <stdin>:3: column 'q': division by zero
  [1]

Invalid UTF-8 in a file is an error naming the line and the character, after the rows before it.

  $ printf 'a,s\n1,ok\n2,caf\xc3\xa9\n3,ab\xffcd\n4,z\n' > enc.csv
  $ cat > q.sql <<'SQL'
  > CREATE STREAM e (a INT, s STRING) WITH ('connector' = 'file', 'path' = 'enc.csv',
  >                                        'format' = 'csv', 'csv.header' = 'true');
  > SELECT a, UPPER(s) AS u FROM e;
  > SQL
  $ ./at_sizes q.sql
  a,u
  1,OK
  2,CAFÉ
  error: q.sql:3: enc.csv:4: invalid UTF-8 (byte 0xff at character 5 of the line); the input must be UTF-8 text
  [exit 1]
  $ printf '{"s":"ok"}\n{"s":"\xe9t\xe9"}\n' > enc.jsonl
  $ eddy --mode csv -c "CREATE STREAM e (s STRING) WITH ('connector' = 'file', 'path' = 'enc.jsonl', 'format' = 'jsonl'); SELECT * FROM e;"
  s
  ok
  error: <command>:1: enc.jsonl:2: invalid UTF-8 (byte 0xe9 at character 7 of the line); the input must be UTF-8 text
  [1]
