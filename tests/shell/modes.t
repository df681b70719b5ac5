The four output modes, for an append-only and an updating result.

  $ cat > t.csv <<'CSV'
  > uid,n,ts
  > u1,1,2024-01-01 10:00:00
  > u2,,2024-01-01 10:00:05.5
  > u1,3,2024-01-01 10:01:00
  > CSV
  $ cat > setup.sql <<'SQL'
  > CREATE STREAM t (uid STRING, n INT, ts TIMESTAMP(3))
  >   WITH ('connector' = 'file', 'path' = 't.csv', 'format' = 'csv', 'csv.header' = 'true');
  > SQL
  $ eddy --mode box setup.sql -c "SELECT * FROM t"
  ┌─────┬──────┬─────────────────────────┐
  │ uid │  n   │           ts            │
  ├─────┼──────┼─────────────────────────┤
  │ u1  │    1 │ 2024-01-01 10:00:00.000 │
  │ u2  │ NULL │ 2024-01-01 10:00:05.500 │
  │ u1  │    3 │ 2024-01-01 10:01:00.000 │
  └─────┴──────┴─────────────────────────┘
  $ eddy --mode csv setup.sql -c "SELECT * FROM t"
  uid,n,ts
  u1,1,2024-01-01 10:00:00.000
  u2,,2024-01-01 10:00:05.500
  u1,3,2024-01-01 10:01:00.000
  $ eddy --mode jsonl setup.sql -c "SELECT * FROM t"
  {"uid":"u1","n":1,"ts":"2024-01-01 10:00:00.000"}
  {"uid":"u2","n":null,"ts":"2024-01-01 10:00:05.500"}
  {"uid":"u1","n":3,"ts":"2024-01-01 10:01:00.000"}
  $ eddy --mode changelog setup.sql -c "SELECT * FROM t"
  +I[u1, 1, 2024-01-01 10:00:00.000]
  +I[u2, null, 2024-01-01 10:00:05.500]
  +I[u1, 3, 2024-01-01 10:01:00.000]

Results stream: a query over stdin prints each row as soon as it is read.

  $ (printf 'a\n'; sleep 1; printf 'b\n') | eddy --mode csv -c "CREATE STREAM lines (line STRING) WITH ('connector' = 'stdin', 'format' = 'csv'); SELECT line FROM lines"
  line
  a
  b
