The shell runs SQL from -c, script files and stdin, and prints results as they come.

  $ eddy --mode csv -c "SELECT 1 AS a, 'x' AS b"
  a,b
  1,x

Without --mode, output that is not a terminal is csv.

  $ eddy -c "SELECT 1 AS a"
  a
  1

Several statements in one -c; DDL prints nothing in a script.

  $ cat > logins.csv <<'CSV'
  > uid,status,ts
  > u1,ok,2024-01-01 10:00:00
  > u2,fail,2024-01-01 10:00:05
  > u1,fail,2024-01-01 10:01:00
  > CSV
  $ eddy --mode csv -c "CREATE STREAM logins (uid STRING, status STRING, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = 'logins.csv', 'format' = 'csv', 'csv.header' = 'true'); SELECT uid, ts FROM logins WHERE status = 'fail'"
  uid,ts
  u2,2024-01-01 10:00:05.000
  u1,2024-01-01 10:01:00.000

A script file, its last statement without ';'.

  $ cat > script.sql <<'SQL'
  > -- logins that failed
  > CREATE STREAM logins (uid STRING, status STRING, ts TIMESTAMP(3))
  >   WITH ('connector' = 'file', 'path' = 'logins.csv', 'format' = 'csv', 'csv.header' = 'true');
  > 
  > SELECT uid
  > FROM logins
  > WHERE status = 'ok'
  > SQL
  $ eddy --mode csv script.sql
  uid
  u1
  $ eddy --mode csv -f script.sql
  uid
  u1

A script on stdin.

  $ printf 'SELECT 2 AS two;\nSELECT 3 AS three;\n' | eddy --mode csv
  two
  2
  three
  3

`-f -` reads stdin; the last statement needs neither ';' nor a final newline.

  $ printf 'SELECT 5 AS five' | eddy --mode csv -f -
  five
  5

Files and commands run in the order given.

  $ eddy --mode csv -c "SELECT 'first' AS n" script.sql -c "SELECT 'last' AS n"
  n
  first
  uid
  u1
  n
  last

--version and --help.

  $ eddy --version
  eddy \d+\.\d+\.\d+ (re)
  $ eddy --help | grep -c -- '--mode'
  1
