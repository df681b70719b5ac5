CREATE STREAM seq (n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (
  'connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '5000',
  'fields.n.kind' = 'sequence', 'fields.n.start' = '1',
  'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 00:00:00', 'fields.ts.step' = '2 s');
CREATE STREAM odd (n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (
  'connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '3000',
  'fields.n.kind' = 'sequence', 'fields.n.start' = '1',
  'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 00:00:01', 'fields.ts.step' = '2 s');
SELECT n FROM seq WHERE n % 1000 = 0;
SELECT n, ts FROM seq WHERE n BETWEEN 1023 AND 1026;
SELECT n FROM (SELECT n FROM seq LIMIT 1500) WHERE n > 1497;
SELECT n FROM seq WHERE n > 2047 LIMIT 3;
SELECT 'e' || CAST(n AS STRING), ts FROM seq WHERE n BETWEEN 1024 AND 1025 UNION ALL SELECT 'o' || CAST(n AS STRING), ts FROM odd WHERE n BETWEEN 1023 AND 1025;
SELECT n FROM (SELECT n FROM seq UNION ALL SELECT -n FROM odd) WHERE n IN (-1, 1, 2, -2, 2999, -2999, 3000, -3000, 3001, 3002) ;
SELECT n FROM (SELECT n FROM seq UNION ALL SELECT -n FROM odd) LIMIT 4;
