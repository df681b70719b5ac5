The DESIGN.md example: the seed's count with timeout over a csv file. The result is append-only, so
no mode adds an op column; a script over a finite file prints every key's final idle period (end
of input flushes) and exits 0.

  $ cat > logins.csv <<'CSV'
  > uid,status,ts
  > u1,ok,2024-01-01 10:00:00
  > u2,ok,2024-01-01 10:00:10
  > u1,fail,2024-01-01 10:00:50
  > u1,ok,2024-01-01 10:02:00
  > u2,ok,2024-01-01 10:02:30
  > CSV
  $ cat > setup.sql <<'SQL'
  > CREATE STREAM logins (
  >   uid     STRING,
  >   status  STRING,
  >   ts      TIMESTAMP(3),
  >   WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
  > ) WITH ('connector' = 'file', 'path' = 'logins.csv', 'format' = 'csv', 'csv.header' = 'true');
  > SQL
  $ eddy --mode csv setup.sql -c "SELECT uid, COUNT(*) AS cnt, TIMEOUT_TIME() AS idle_at FROM logins GROUP BY uid TIMEOUT INTERVAL '1' MINUTE"
  uid,cnt,idle_at
  u2,1,2024-01-01 10:01:10.000
  u1,2,2024-01-01 10:01:50.000
  u1,3,2024-01-01 10:03:00.000
  u2,2,2024-01-01 10:03:30.000
  $ eddy --mode changelog setup.sql -c "SELECT uid, COUNT(*) FROM logins GROUP BY uid TIMEOUT INTERVAL '1' MINUTE RESET STATE"
  +I[u2, 1]
  +I[u1, 2]
  +I[u1, 1]
  +I[u2, 1]
  $ eddy --mode jsonl setup.sql -c "SELECT uid, COUNT(*) AS cnt FROM logins WHERE status = 'ok' GROUP BY uid TIMEOUT INTERVAL '90' SECOND"
  {"uid":"u1","cnt":1}
  {"uid":"u2","cnt":1}
  {"uid":"u1","cnt":2}
  {"uid":"u2","cnt":2}
