DATE and TIME values in every output mode: YYYY-MM-DD, and HH:MM:SS with the TIME's precision
(none for TIME(0)); a box column is at least as wide as its values, NULL included.

  $ cat > d.csv <<'CSV'
  > 1,2024-01-31,10:20:30.123
  > 2,,7:05
  > CSV
  $ cat > setup.sql <<'SQL'
  > CREATE STREAM d (id INT, day DATE, t TIME(3))
  >   WITH ('connector' = 'file', 'path' = 'd.csv', 'format' = 'csv');
  > SQL
  $ eddy --mode box setup.sql -c "SELECT id, day, t, CAST(t AS TIME) AS t0 FROM d"
  ┌────┬────────────┬──────────────┬──────────┐
  │ id │    day     │      t       │    t0    │
  ├────┼────────────┼──────────────┼──────────┤
  │  1 │ 2024-01-31 │ 10:20:30.123 │ 10:20:30 │
  │  2 │ NULL       │ 07:05:00.000 │ 07:05:00 │
  └────┴────────────┴──────────────┴──────────┘
  $ eddy --mode csv setup.sql -c "SELECT id, day, t, CAST(t AS TIME) AS t0 FROM d"
  id,day,t,t0
  1,2024-01-31,10:20:30.123,10:20:30
  2,,07:05:00.000,07:05:00
  $ eddy --mode jsonl setup.sql -c "SELECT id, day, t, CAST(t AS TIME) AS t0 FROM d"
  {"id":1,"day":"2024-01-31","t":"10:20:30.123","t0":"10:20:30"}
  {"id":2,"day":null,"t":"07:05:00.000","t0":"07:05:00"}
  $ eddy --mode changelog setup.sql -c "SELECT id, day, t, CAST(t AS TIME) AS t0 FROM d"
  +I[1, 2024-01-31, 10:20:30.123, 10:20:30]
  +I[2, null, 07:05:00.000, 07:05:00]

An invalid literal is an error at its line and column.

  $ eddy -c "SELECT DATE '2024-02-30'"
  error: <command>:1:8: invalid DATE literal '2024-02-30': expected 'YYYY-MM-DD'
  SELECT DATE '2024-02-30'
         ^
  [1]
