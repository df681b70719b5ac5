SHOW QUERIES at 'parallelism' 2 and 3: a keyed operator that runs as several instances shows how
many (parallelism), how unevenly its key groups split the rows (skew: the busiest instance's rows
in over the mean) and each instance's rows in, keys and state bytes (instances). State bytes are
approximate (they depend on the hash tables' sizes): patterns. A query whose operators run once
(a global COUNT has no key to route by) shows parallelism 1, no skew and no instances.

  $ cat > e.csv <<'CSV'
  > alice,2024-01-01 00:00:01
  > bob,2024-01-01 00:00:02
  > carol,2024-01-01 00:00:03
  > dave,2024-01-01 00:00:04
  > alice,2024-01-01 00:00:05
  > erin,2024-01-01 00:00:06
  > frank,2024-01-01 00:00:07
  > grace,2024-01-01 00:00:08
  > bob,2024-01-01 00:00:09
  > heidi,2024-01-01 00:00:10
  > ivan,2024-01-01 00:00:11
  > judy,2024-01-01 00:00:12
  > CSV
  $ cat > q.sql <<'SQL'
  > CREATE STREAM e (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
  >   WITH ('connector' = 'file', 'path' = 'e.csv', 'format' = 'csv');
  > SQL
  $ eddy --mode jsonl q.sql -c "SET 'parallelism' = '2'" -c "SELECT COUNT(*) AS n FROM e GROUP BY k" \
  >   -c "SELECT COUNT(*) AS n FROM e" -c "SHOW QUERIES" | tail -2 | grep -o '"id":[0-9]*\|"parallelism".*'
  "id":1
  "parallelism":2,"skew":1.67,"instances":"GroupAggregate: rows in 10/2, keys 8/2, state bytes \d+/\d+"} (re)
  "id":2
  "parallelism":1,"skew":null,"instances":null}

  $ eddy --mode jsonl q.sql -c "SET 'parallelism' = '3'" -c "SELECT COUNT(*) AS n FROM e GROUP BY k" \
  >   -c "SHOW QUERIES" | tail -1 | grep -o '"parallelism".*'
  "parallelism":3,"skew":2.25,"instances":"GroupAggregate: rows in 9/2/1, keys 7/2/1, state bytes \d+/\d+/\d+"} (re)

Two keyed operators in one query (users per count: a GROUP BY over a GROUP BY's changelog, routed
by the count), at 2: each with its instances. The counts 1 and 2 both fall to instance 0, so
the second's skew is 2 (all rows on one of two instances), and the query's is the worse of the two.

  $ eddy --mode jsonl q.sql -c "SET 'parallelism' = '2'" \
  >   -c "SELECT n, COUNT(*) AS users FROM (SELECT k, COUNT(*) AS n FROM e GROUP BY k) GROUP BY n" \
  >   -c "SHOW QUERIES" | tail -1 | grep -o '"parallelism".*'
  "parallelism":2,"skew":2.0,"instances":"GroupAggregate: rows in 10/2, keys 8/2, state bytes \d+/\d+; GroupAggregate: rows in 14/0, keys 2/0, state bytes \d+/0"} (re)
