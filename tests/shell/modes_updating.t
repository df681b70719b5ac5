An updating result gets an op column (csv, box), an "op" key (jsonl) or its kind (changelog).

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
  $ eddy --mode csv --batch-size 1 setup.sql -c "SELECT uid, COUNT(*) AS cnt FROM t GROUP BY uid"
  op,uid,cnt
  +I,u1,1
  +I,u2,1
  -U,u1,1
  +U,u1,2
  $ eddy --mode jsonl --batch-size 1 setup.sql -c "SELECT uid, COUNT(*) AS cnt FROM t GROUP BY uid"
  {"op":"+I","uid":"u1","cnt":1}
  {"op":"+I","uid":"u2","cnt":1}
  {"op":"-U","uid":"u1","cnt":1}
  {"op":"+U","uid":"u1","cnt":2}
  $ eddy --mode changelog --batch-size 1 setup.sql -c "SELECT uid, COUNT(*) AS cnt FROM t GROUP BY uid"
  +I[u1, 1]
  +I[u2, 1]
  -U[u1, 1]
  +U[u1, 2]

  $ eddy --mode box --batch-size 1 setup.sql -c "SELECT uid, COUNT(*) AS cnt FROM t GROUP BY uid"
  ┌────┬─────┬─────┐
  │ op │ uid │ cnt │
  ├────┼─────┼─────┤
  │ +I │ u1  │   1 │
  │ +I │ u2  │   1 │
  │ -U │ u1  │   1 │
  │ +U │ u1  │   2 │
  └────┴─────┴─────┘
