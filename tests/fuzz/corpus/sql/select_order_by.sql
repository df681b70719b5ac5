CREATE STREAM e (uid STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'e.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT uid, amount, ts FROM e ORDER BY ts;
SELECT uid, amount FROM (SELECT * FROM e ORDER BY ts ASC, amount);
SELECT uid, amount FROM (SELECT * FROM e ORDER BY ts, uid DESC) LIMIT 5;
SELECT uid, ts FROM e ORDER BY ts LIMIT 2;
CREATE VIEW sorted AS SELECT * FROM e ORDER BY ts;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE sorted, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
EXPLAIN SELECT uid, ts FROM e ORDER BY ts, uid DESC LIMIT 2;
SELECT uid FROM e ORDER BY ts;
EXPLAIN SELECT uid FROM e ORDER BY ts, amount;
SELECT uid, amount FROM e ORDER BY amount DESC LIMIT 3;
SELECT uid, amount FROM e ORDER BY 2 LIMIT 2;
SELECT uid, amount FROM e ORDER BY amount % 4, uid;
SELECT uid, amount * 2 AS d FROM e ORDER BY amount % 4, d DESC, e.uid LIMIT 3;
SELECT uid, amount, ts FROM e ORDER BY ts DESC LIMIT 2;
SELECT uid, COUNT(*) AS c FROM e GROUP BY uid ORDER BY c DESC, uid LIMIT 2;
SELECT uid, SUM(amount) AS total FROM e GROUP BY uid ORDER BY total;
EXPLAIN SELECT uid, COUNT(*) AS c FROM e GROUP BY uid ORDER BY c DESC LIMIT 3;
SELECT uid, amount FROM e WHERE uid = 'a' UNION ALL SELECT uid, amount FROM e WHERE uid = 'c'
ORDER BY amount LIMIT 3;
(SELECT uid, amount FROM e ORDER BY amount DESC LIMIT 1)
UNION ALL (SELECT uid, amount FROM e ORDER BY amount LIMIT 1);
CREATE STREAM n (id INT, v INT) WITH ('connector' = 'file', 'path' = 'n.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT v FROM n ORDER BY v;
SELECT v FROM n ORDER BY v DESC;
SELECT v FROM n ORDER BY v NULLS LAST;
SELECT v FROM n ORDER BY v DESC NULLS FIRST;
CREATE STREAM ticks (x BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'datagen', 'rows-per-second' = '0',
  'fields.x.kind' = 'sequence', 'fields.x.start' = '1',
  'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 10:00:00', 'fields.ts.step' = '1 s');
SELECT x, ts FROM ticks ORDER BY ts LIMIT 2;
SELECT x, ts FROM ticks ORDER BY x LIMIT 3;
SELECT x, ts FROM ticks ORDER BY ts DESC;
SELECT x FROM ticks ORDER BY x;
SELECT x % 3 AS k, COUNT(*) AS c FROM ticks GROUP BY x % 3 ORDER BY c LIMIT 1;
SELECT uid, amount FROM e ORDER BY amout;
SELECT DISTINCT uid FROM e ORDER BY ts;
SELECT uid, COUNT(*) AS c FROM e GROUP BY uid ORDER BY amount;
SELECT uid, amount FROM e ORDER BY 3;
SELECT uid, COUNT(*) FROM e GROUP BY uid LIMIT 1;
CREATE STREAM sl_strict (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'sl.csv', 'format' = 'csv', 'late.policy' = 'error');
SELECT id FROM sl_strict ORDER BY ts;
CREATE STREAM sl_late (id STRING, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'sl_late.csv', 'format' = 'csv');
CREATE STREAM sl_routed (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'sl.csv', 'format' = 'csv', 'late.sink' = 'sl_late');
SELECT id FROM sl_routed ORDER BY ts;
CREATE STREAM sl_back (id STRING, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'sl_late.csv', 'format' = 'csv');
SELECT id, ts FROM sl_back;
