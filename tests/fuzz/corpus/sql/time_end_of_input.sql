CREATE STREAM short (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'file', 'path' = 'short.csv', 'format' = 'csv');
CREATE STREAM long (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'file', 'path' = 'long.csv', 'format' = 'csv');
CREATE STREAM empty (id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'file', 'path' = 'empty.csv', 'format' = 'csv');
SELECT id FROM short UNION ALL SELECT id FROM long;
SELECT id FROM long UNION ALL SELECT id FROM short;
SELECT id FROM empty UNION ALL SELECT id FROM long;
SELECT id FROM empty UNION ALL SELECT id FROM empty;
SELECT id FROM short WHERE FALSE UNION ALL SELECT id FROM long WHERE id <> 'l3';
CREATE STREAM g (n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen', 'rows-per-second' = '0',
  'number-of-rows' = '2', 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',
  'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 00:00:02.500', 'fields.ts.step' = '1 s');
SELECT id FROM long UNION ALL SELECT 'g' || CAST(n AS STRING) FROM g;
