An updating result is shown as its final rows (csv, jsonl, box: the changelog applied, keys in
the order they first appeared) or as its changes (changelog). results.t has more.

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
  uid,cnt
  u1,2
  u2,1
  $ eddy --mode jsonl --batch-size 1 setup.sql -c "SELECT uid, COUNT(*) AS cnt FROM t GROUP BY uid"
  {"uid":"u1","cnt":2}
  {"uid":"u2","cnt":1}
  $ eddy --mode changelog --batch-size 1 setup.sql -c "SELECT uid, COUNT(*) AS cnt FROM t GROUP BY uid"
  +I[u1, 1]
  +I[u2, 1]
  -U[u1, 1]
  +U[u1, 2]

  $ eddy --mode box --batch-size 1 setup.sql -c "SELECT uid, COUNT(*) AS cnt FROM t GROUP BY uid"
  ┌─────┬─────┐
  │ uid │ cnt │
  ├─────┼─────┤
  │ u1  │   2 │
  │ u2  │   1 │
  └─────┴─────┘
