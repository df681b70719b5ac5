Result modes in scripts: an updating result prints its final rows in box, csv, jsonl and table
mode (the changelog applied, rows in the order their keys first appeared), the same at every
batch size; changelog mode prints every change.

  $ cat > pay.csv <<'CSV'
  > u,amount
  > ann,10
  > bob,5
  > ann,0
  > bob,
  > ann,7
  > cid,3
  > CSV
  $ cat > pay.sql <<'SQL'
  > CREATE STREAM pay (u STRING, amount INT)
  >   WITH ('connector' = 'file', 'path' = 'pay.csv', 'format' = 'csv', 'csv.header' = 'true');
  > SQL
  $ for b in 1 2 1024; do eddy --mode csv --batch-size $b pay.sql -c "SELECT u, COUNT(*) AS n, SUM(amount) AS total FROM pay GROUP BY u"; done
  u,n,total
  ann,3,17
  bob,2,5
  cid,1,3
  u,n,total
  ann,3,17
  bob,2,5
  cid,1,3
  u,n,total
  ann,3,17
  bob,2,5
  cid,1,3
  $ eddy --mode jsonl pay.sql -c "SELECT u, SUM(amount) AS total FROM pay GROUP BY u"
  {"u":"ann","total":17}
  {"u":"bob","total":5}
  {"u":"cid","total":3}
  $ eddy --mode box pay.sql -c "SELECT u, SUM(amount) AS total FROM pay GROUP BY u"
  ┌─────┬───────┐
  │  u  │ total │
  ├─────┼───────┤
  │ ann │    17 │
  │ bob │     5 │
  │ cid │     3 │
  └─────┴───────┘
  $ eddy --mode table pay.sql -c "SELECT u, SUM(amount) AS total FROM pay GROUP BY u"
  ┌─────┬───────┐
  │  u  │ total │
  ├─────┼───────┤
  │ ann │    17 │
  │ bob │     5 │
  │ cid │     3 │
  └─────┴───────┘
  $ eddy --mode changelog pay.sql -c "SELECT u, SUM(amount) AS total FROM pay GROUP BY u"
  +I[ann, 10]
  +I[bob, 5]
  -U[ann, 10]
  +U[ann, 17]
  +I[cid, 3]

Table mode shows an append-only result as a table too (at the end, in a script).

  $ eddy --mode table pay.sql -c "SELECT u FROM pay WHERE amount > 5"
  ┌─────┐
  │  u  │
  ├─────┤
  │ ann │
  │ ann │
  └─────┘

A row deleted and inserted again goes last; HAVING's deletions take rows away.

  $ eddy --mode csv pay.sql -c "SELECT u, COUNT(*) AS n FROM pay GROUP BY u HAVING COUNT(*) < 2"
  u,n
  cid,1

A global aggregate over an empty input is one row: COUNT 0, the others NULL (as DuckDB); its
changelog says the same.

  $ printf 'u,amount\n' > empty.csv
  $ eddy --mode csv -c "CREATE STREAM e (u STRING, amount INT) WITH ('connector' = 'file', 'path' = 'empty.csv', 'format' = 'csv', 'csv.header' = 'true')" -c "SELECT COUNT(*) AS n, SUM(amount) AS s, MAX(u) AS m FROM e"
  n,s,m
  0,,
  $ eddy --mode changelog -c "CREATE STREAM e (u STRING, amount INT) WITH ('connector' = 'file', 'path' = 'empty.csv', 'format' = 'csv', 'csv.header' = 'true')" -c "SELECT COUNT(*) FROM e" -c "SELECT u, COUNT(*) FROM e GROUP BY u"
  +I[0]

LIMIT over an updating result: the first rows of its table (the changelog shows how they came).

  $ eddy --mode csv pay.sql -c "SELECT u, SUM(amount) AS total FROM pay GROUP BY u LIMIT 2"
  u,total
  bob,5
  ann,17
  $ eddy --mode changelog pay.sql -c "SELECT u, SUM(amount) AS total FROM pay GROUP BY u LIMIT 2"
  +I[ann, 10]
  +I[bob, 5]
  -D[ann, 10]
  +I[ann, 17]

An unbounded updating query cancelled with Ctrl-C (SIGINT) prints its table as of then and
exits with status 130.

  $ { printf 'a\nb\na\n'; sleep 4; } | timeout --preserve-status -s INT 2 eddy --mode csv -c "CREATE STREAM s (k STRING) WITH ('connector' = 'stdin', 'format' = 'csv')" -c "SELECT k, COUNT(*) AS n FROM s GROUP BY k"
  k,n
  a,2
  b,1
  [130]

Box output escapes control characters, so a row stays one line; csv and jsonl keep values whole.

  $ eddy --mode box -c "SELECT 'two' || CHR(10) || 'lines' AS s, 'tab' || CHR(9) || CHR(1) AS t"
  ┌────────────┬───────────┐
  │     s      │     t     │
  ├────────────┼───────────┤
  │ two\nlines │ tab\t\x01 │
  └────────────┴───────────┘
  $ eddy --mode csv -c "SELECT 'two' || CHR(10) || 'lines' AS s"
  s
  "two
  lines"

.maxwidth fits box lines to a width (not a terminal here: no limit unless set), cutting the
widest columns with '…'; a huge value is cut at 1000 columns in box mode, never in csv.

  $ eddy -c ".mode box" -c ".maxwidth 30" -c "SELECT 'a rather long value that does not fit' AS v, 1 AS n"
  ┌────────────────────────┬───┐
  │           v            │ n │
  ├────────────────────────┼───┤
  │ a rather long value t… │ 1 │
  └────────────────────────┴───┘
  $ eddy --mode box -c "SELECT REPEAT('x', 100000) AS big" | wc -c
  11059
  $ eddy --mode csv -c "SELECT REPEAT('x', 100000) AS big" | wc -c
  100005
  $ eddy -c ".mode box" -c ".maxwidth nope"
  error: <command>:1: .maxwidth: expected a number (0: no limit), got 'nope'
  [1]

.maxrows shows the first and last rows of a table around a row of '…'.

  $ printf 'n\n1\n2\n3\n4\n5\n6\n' > six.csv
  $ eddy -c ".mode box" -c ".maxrows 4" -c "CREATE STREAM six (n INT) WITH ('connector' = 'file', 'path' = 'six.csv', 'format' = 'csv', 'csv.header' = 'true')" -c "SELECT n % 2 AS odd, n, COUNT(*) AS c FROM six GROUP BY n % 2, n"
  ┌─────┬───┬───┐
  │ odd │ n │ c │
  ├─────┼───┼───┤
  │   1 │ 1 │ 1 │
  │   0 │ 2 │ 1 │
  │   … │ … │ … │
  │   1 │ 5 │ 1 │
  │   0 │ 6 │ 1 │
  └─────┴───┴───┘
  (6 rows, 4 shown: .maxrows to show more)

EXPLAIN prints its plan as lines, not a box padded to the longest; csv quotes every line.

  $ eddy --mode box pay.sql -c "EXPLAIN SELECT u FROM pay WHERE amount > 5" | head -2
  Result  columns: u
  └─ Calc  filter: amount > 5  project: u
  $ eddy --mode csv pay.sql -c "EXPLAIN SELECT u FROM pay WHERE amount > 5" | head -3
  plan
  "Result  columns: u"
  "└─ Calc  filter: amount > 5  project: u"

A SHOW or DESCRIBE table too wide for the width is shown expanded: a rule per row, then one
`column │ value` line per column (as psql's \x auto).

  $ eddy --mode box pay.sql -c ".maxwidth 20" -c "DESCRIBE pay"
  ─[ row 1 ]─────────
  name      │ u
  type      │ STRING
  null      │ YES
  watermark │ NULL
  ─[ row 2 ]─────────
  name      │ amount
  type      │ INT
  null      │ YES
  watermark │ NULL
  $ eddy --mode box pay.sql -c ".maxwidth 80" -c "DESCRIBE pay"
  ┌────────┬────────┬──────┬───────────┐
  │  name  │  type  │ null │ watermark │
  ├────────┼────────┼──────┼───────────┤
  │ u      │ STRING │ YES  │ NULL      │
  │ amount │ INT    │ YES  │ NULL      │
  └────────┴────────┴──────┴───────────┘
