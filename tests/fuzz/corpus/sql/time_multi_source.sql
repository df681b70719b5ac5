CREATE STREAM a (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'file', 'path' = 'a.csv', 'format' = 'csv');
CREATE STREAM b (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'b.csv', 'format' = 'csv');
SELECT id FROM a;
SELECT id FROM b;
SELECT id FROM a UNION ALL SELECT id FROM b;
SELECT id FROM b UNION ALL SELECT id FROM a;
CREATE STREAM g (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (
  'connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '3',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1',
  'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 00:00:00', 'fields.ts.step' = '2 s');
CREATE STREAM f (n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'file', 'path' = 'f.csv', 'format' = 'csv');
SELECT 'g' || CAST(id AS STRING), ts FROM g UNION ALL SELECT 'f' || CAST(n AS STRING), ts FROM f;
