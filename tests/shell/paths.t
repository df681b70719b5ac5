Relative paths in a script ('path' options and .read) are taken relative to the working
directory, and, when they do not exist there, relative to the script's own folder.

  $ mkdir -p project/data project/lib out
  $ printf 'alice,1\nbob,2\n' > project/data/users.csv
  $ cat > project/users.sql <<'SQL'
  > CREATE STREAM users (uid STRING, n INT)
  >   WITH ('connector' = 'file', 'path' = 'data/users.csv', 'format' = 'csv');
  > SQL
  $ cat > project/main.sql <<'SQL'
  > .read lib/query.sql
  > SQL
  $ cat > project/lib/query.sql <<'SQL'
  > .read ../users.sql
  > SELECT uid, n FROM users;
  > SQL
  $ eddy --mode csv project/users.sql -c 'SELECT uid FROM users'
  uid
  alice
  bob
  $ eddy --mode csv project/main.sql
  uid,n
  alice,1
  bob,2
  $ cd project && eddy --mode csv users.sql -c 'SELECT n FROM users'
  n
  1
  2

The working directory comes first: a file there wins over the one beside the script.

  $ mkdir -p data && printf 'carol,3\n' > data/users.csv
  $ eddy --mode csv project/users.sql -c 'SELECT uid FROM users'
  uid
  carol
  $ rm -r data

A file to write goes where its folder exists.

  $ mkdir -p project/results
  $ cat > project/write.sql <<'SQL'
  > .read users.sql
  > CREATE STREAM copy (uid STRING) WITH ('connector' = 'file', 'path' = 'results/copy.csv', 'format' = 'csv');
  > INSERT INTO copy SELECT uid FROM users;
  > SQL
  $ eddy project/write.sql && cat project/results/copy.csv
  alice
  bob

When neither exists, the error names both paths.

  $ cat > project/missing.sql <<'SQL'
  > CREATE STREAM gone (a INT) WITH ('connector' = 'file', 'path' = 'data/gone.csv', 'format' = 'csv');
  > SELECT a FROM gone;
  > .read nothere.sql
  > SQL
  $ eddy project/missing.sql
  error: project/missing.sql:2: cannot open 'data/gone.csv': No such file or directory (nor 'project/data/gone.csv', beside the script)
  [1]
  $ printf '.read lib/nothere.sql\n' > project/read_missing.sql
  $ eddy project/read_missing.sql
  error: project/read_missing.sql:1: .read: cannot open 'lib/nothere.sql': No such file or directory (nor 'project/lib/nothere.sql', beside the script)
  [1]

Statements typed with -c or on stdin have no script folder: their paths are the working
directory's.

  $ eddy -c ".read users.sql"
  error: <command>:1: .read: cannot open 'users.sql': No such file or directory
  [1]
