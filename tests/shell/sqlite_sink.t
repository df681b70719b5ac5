The sqlite connector writes a stream into a table of a SQLite database, which sqlite3 then reads.

  $ cat > orders.csv <<'CSV'
  > id,customer,amount,ts
  > 1,alice,10.50,2024-01-01 10:00:00
  > 2,bob,3.25,2024-01-01 10:00:05
  > 3,alice,1.00,2024-01-01 10:00:09
  > 4,carol,,2024-01-01 10:00:12
  > CSV
  $ cat > orders.sql <<'SQL'
  > CREATE STREAM orders (id INT, customer STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3))
  >   WITH ('connector' = 'file', 'path' = 'orders.csv', 'format' = 'csv', 'csv.header' = 'true');
  > SQL

Insert-only: every row appended. The table is created with SQLite types; DECIMAL is REAL (a
number to sqlite3), TIMESTAMP is text that sqlite3's date functions read, NULL stays NULL.

  $ eddy orders.sql -c "
  > CREATE STREAM copied (id INT, customer STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3))
  >   WITH ('connector' = 'sqlite', 'path' = 'out.db', 'table' = 'orders');
  > INSERT INTO copied SELECT * FROM orders"
  $ sqlite3 out.db "SELECT sql FROM sqlite_master WHERE name = 'orders'"
  CREATE TABLE "orders" ("id" INTEGER, "customer" TEXT, "amount" REAL, "ts" TEXT)
  $ sqlite3 -header out.db "SELECT id, customer, amount, typeof(amount) AS type, ts, datetime(ts, '+1 hour') AS later FROM orders"
  id|customer|amount|type|ts|later
  1|alice|10.5|real|2024-01-01 10:00:00.000|2024-01-01 11:00:00
  2|bob|3.25|real|2024-01-01 10:00:05.000|2024-01-01 11:00:05
  3|alice|1.0|real|2024-01-01 10:00:09.000|2024-01-01 11:00:09
  4|carol||null|2024-01-01 10:00:12.000|2024-01-01 11:00:12
  $ sqlite3 out.db "SELECT customer, SUM(amount) FROM orders GROUP BY customer ORDER BY 2 DESC"
  alice|11.5
  bob|3.25
  carol|
  $ sqlite3 out.db "PRAGMA journal_mode"
  wal

An existing table is appended to, not replaced: running the INSERT again doubles the rows.

  $ eddy orders.sql -c "
  > CREATE STREAM copied (id INT, customer STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3))
  >   WITH ('connector' = 'sqlite', 'path' = 'out.db', 'table' = 'orders');
  > INSERT INTO copied SELECT * FROM orders"
  $ sqlite3 out.db "SELECT COUNT(*) FROM orders"
  8

An updating result into a stream with a PRIMARY KEY: +I and +U upsert the key's row, -D
deletes it, -U is ignored (Flink's upsert sink). alice's group leaves the HAVING (a -D) when her
second order comes. The table has the key; the progress table counts the changes written.

  $ eddy orders.sql -c "
  > CREATE STREAM single_order (customer STRING, total DECIMAL(18, 2), n BIGINT,
  >   PRIMARY KEY (customer) NOT ENFORCED)
  >   WITH ('connector' = 'sqlite', 'path' = 'out.db');
  > INSERT INTO single_order
  >   SELECT customer, SUM(amount), COUNT(*) FROM orders GROUP BY customer HAVING COUNT(*) = 1"
  $ sqlite3 out.db "SELECT sql FROM sqlite_master WHERE name = 'single_order'"
  CREATE TABLE "single_order" ("customer" TEXT NOT NULL, "total" REAL, "n" INTEGER, PRIMARY KEY ("customer"))
  $ sqlite3 out.db "SELECT * FROM single_order ORDER BY customer"
  bob|3.25|1
  carol||1
  $ sqlite3 out.db "SELECT * FROM eddy_sink_progress ORDER BY sink_table"
  orders|4
  single_order|4

Upserts are idempotent: the same INSERT again leaves the same table.

  $ eddy orders.sql -c "
  > CREATE STREAM single_order (customer STRING, total DECIMAL(18, 2), n BIGINT,
  >   PRIMARY KEY (customer) NOT ENFORCED)
  >   WITH ('connector' = 'sqlite', 'path' = 'out.db');
  > INSERT INTO single_order
  >   SELECT customer, SUM(amount), COUNT(*) FROM orders GROUP BY customer HAVING COUNT(*) = 1"
  $ sqlite3 out.db "SELECT * FROM single_order ORDER BY customer"
  bob|3.25|1
  carol||1

Without a key, an updating result is applied as inserts and deletes of whole rows (-U and -D
delete one equal row), so the table holds the result's rows.

  $ eddy orders.sql -c "
  > CREATE STREAM counts (customer STRING, n BIGINT) WITH ('connector' = 'sqlite', 'path' = 'out.db');
  > INSERT INTO counts SELECT customer, COUNT(*) FROM orders GROUP BY customer"
  $ sqlite3 out.db "SELECT * FROM counts ORDER BY customer"
  alice|2
  bob|1
  carol|1

An existing table must have the stream's columns.

  $ eddy orders.sql -c "
  > CREATE STREAM wrong (id INT, name STRING) WITH ('connector' = 'sqlite', 'path' = 'out.db', 'table' = 'orders');
  > INSERT INTO wrong SELECT id, customer FROM orders"
  error: <command>:3:1: sqlite sink 'out.db': table 'orders' exists with columns (id, customer, amount, ts), but the stream has (id, name); missing: name; not in the stream: customer, amount, ts (drop the table, or write to another with 'table')
  INSERT INTO wrong SELECT id, customer FROM orders
  ^
  [1]

It is a sink only.

  $ eddy -c "
  > CREATE STREAM back (id INT) WITH ('connector' = 'sqlite', 'path' = 'out.db');
  > SELECT * FROM back"
  error: <command>:3: stream 'back': connector 'sqlite' cannot be read from (it is a sink)
  [1]
