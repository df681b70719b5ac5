Joins from the shell: an interval join over two files, a regular outer join's changelog, an anti
join fed by standard input, and the errors a join can give.

  $ cat > orders.csv <<'CSV'
  > id,amount,ts
  > 1,30,2024-01-01 10:00:00
  > 2,75,2024-01-01 10:01:00
  > 3,20,2024-01-01 10:02:00
  > CSV
  $ cat > shipments.csv <<'CSV'
  > order_id,carrier,ts
  > 1,ups,2024-01-01 10:20:00
  > 3,dhl,2024-01-01 11:30:00
  > CSV
  $ cat > joins.sql <<'SQL'
  > CREATE STREAM orders (id INT, amount INT, ts TIMESTAMP(3),
  >   WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE)
  > WITH ('connector' = 'file', 'path' = 'orders.csv', 'format' = 'csv', 'csv.header' = 'true');
  > CREATE STREAM shipments (order_id INT, carrier STRING, ts TIMESTAMP(3),
  >   WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE)
  > WITH ('connector' = 'file', 'path' = 'shipments.csv', 'format' = 'csv', 'csv.header' = 'true');
  > SQL

An interval join: orders shipped within the hour; a LEFT JOIN adds the others, null-padded.

  $ eddy --mode csv joins.sql -c "SELECT o.id, s.carrier FROM orders o JOIN shipments s ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '1' HOUR"
  id,carrier
  1,ups
  $ eddy --mode csv joins.sql -c "SELECT o.id, s.carrier FROM orders o LEFT JOIN shipments s ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '1' HOUR"
  id,carrier
  1,ups
  2,
  3,

A regular LEFT JOIN is an updating result: the changelog mode shows the retractions.

  $ eddy --mode changelog joins.sql -c "SELECT o.id, s.carrier FROM orders o LEFT JOIN shipments s ON o.id = s.order_id"
  +I[1, null]
  +I[2, null]
  +I[3, null]
  -D[1, null]
  +I[1, ups]
  -D[3, null]
  +I[3, dhl]

One side may be standard input: orders not shipped within the hour, as they are decided.

  $ printf '1,ups,2024-01-01 10:20:00\n3,dhl,2024-01-01 11:30:00\n' | eddy --mode csv joins.sql -c "CREATE STREAM live (order_id INT, carrier STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE) WITH ('connector' = 'stdin', 'format' = 'csv'); SELECT id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM live s WHERE s.order_id = o.id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '1' HOUR)"
  id
  2
  3

An empty interval is legal, as in Flink: nothing matches, and a LEFT JOIN pads every order at once.

  $ eddy --mode csv joins.sql -c "SELECT o.id, s.carrier FROM orders o LEFT JOIN shipments s ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts - INTERVAL '1' HOUR"
  id,carrier
  1,
  2,
  3,

Errors: a missing ON (with the caret), no equality between the streams.

  $ eddy joins.sql -c "SELECT * FROM orders o JOIN shipments s"
  error: <command>:1:24: JOIN needs ON <condition>; write CROSS JOIN or FROM a, b for a join whose conditions are in WHERE
  SELECT * FROM orders o JOIN shipments s
                         ^
  [1]
  $ eddy joins.sql -c "SELECT * FROM orders o, shipments s WHERE s.ts > o.ts"
  error: <command>:1:23: a join of two streams needs an equality condition between them (an equi key such as a.id = b.id), or a time bound on both sides' time attributes for an interval join
  SELECT * FROM orders o, shipments s WHERE s.ts > o.ts
                        ^
  [1]
