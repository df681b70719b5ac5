CREATE STREAM g (k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen',
  'number-of-rows' = '200000', 'rows-per-second' = '0',
  'fields.k.kind' = 'sequence', 'fields.k.start' = '1', 'fields.k.end' = '200000',
  'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 00:00:00',
  'fields.ts.step' = '1 ms');
SET 'state.max-bytes' = '2 parsecs';
SET 'state.max-bytes' = '1 MB';
SELECT k, COUNT(*) AS c FROM g GROUP BY k;
SELECT DISTINCT k FROM g;
SELECT a.k FROM g a JOIN g b ON a.k = b.k + 1 AND a.ts BETWEEN b.ts AND b.ts + INTERVAL '1' HOUR;
SELECT window_start, k / 1000 AS bucket, COUNT(*) AS c
FROM TABLE(TUMBLE(TABLE g, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end, k / 1000;
SELECT k, COUNT(*) AS c FROM g GROUP BY k TIMEOUT INTERVAL '10' MILLISECOND RESET STATE;
SET 'state.max-bytes' = '0';
SELECT DISTINCT k FROM g;
SET 'checkpoint.path' = 'budget.db';
CREATE TABLE counts (k BIGINT, c BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO counts SELECT k, COUNT(*) FROM g GROUP BY k;
SET 'state.max-bytes' = '1 MB';
INSERT INTO counts SELECT k, COUNT(*) FROM g GROUP BY k;
