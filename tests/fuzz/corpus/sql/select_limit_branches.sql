CREATE STREAM a (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'a.csv', 'format' = 'csv', 'csv.header' = 'true');
CREATE STREAM b (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'b.csv', 'format' = 'csv', 'csv.header' = 'true');
(SELECT k FROM a LIMIT 1) UNION ALL SELECT k FROM b;
SELECT k FROM b UNION ALL (SELECT k FROM a LIMIT 1);
(SELECT k FROM a LIMIT 0) UNION ALL SELECT k FROM b;
(SELECT k FROM a LIMIT 2) UNION ALL (SELECT k FROM b LIMIT 1);
SELECT * FROM (SELECT k FROM a LIMIT 1) UNION ALL SELECT k FROM b WHERE v <> 'y';
SELECT k FROM a UNION ALL SELECT k FROM b LIMIT 3;
(SELECT k FROM a UNION ALL SELECT k FROM b) LIMIT 2;
SELECT x.k, b.v FROM (SELECT k FROM a LIMIT 1) x JOIN b ON x.k = b.k;
SELECT b.v, x.k FROM b LEFT JOIN (SELECT k FROM a LIMIT 2) x ON x.k = b.k;
SELECT x.k, b.v FROM (SELECT k, ts FROM a LIMIT 2) x JOIN b
  ON x.k = b.k AND b.ts BETWEEN x.ts AND x.ts + INTERVAL '10' SECOND;
SELECT b.v, x.k FROM b LEFT JOIN (SELECT k, ts FROM a LIMIT 1) x
  ON x.k = b.k AND b.ts BETWEEN x.ts AND x.ts + INTERVAL '10' SECOND;
CREATE STREAM forever (x BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '0',
  'fields.x.kind' = 'sequence', 'fields.x.start' = '1');
(SELECT x FROM forever LIMIT 3) UNION ALL SELECT k FROM a;
SELECT f.x, b.v FROM (SELECT x FROM forever LIMIT 2) f JOIN b ON f.x = b.k;
CREATE STREAM ticks (x BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'datagen', 'rows-per-second' = '0',
  'fields.x.kind' = 'sequence', 'fields.x.start' = '100',
  'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 10:00:00', 'fields.ts.step' = '1 s');
CREATE VIEW u AS (SELECT x, ts FROM ticks LIMIT 2) UNION ALL SELECT k, ts FROM a;
SELECT x, ts FROM u;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE u, DESCRIPTOR(ts), INTERVAL '2' SECOND))
GROUP BY window_start, window_end;
CREATE STREAM out (x BIGINT) WITH ('connector' = 'file', 'path' = 'out.csv', 'format' = 'csv');
INSERT INTO out (SELECT x FROM forever LIMIT 2) UNION ALL SELECT k FROM b;
SELECT x FROM out;
