CREATE STREAM t (ts TIMESTAMP(3)) WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '100',
  'fields.ts.max-past' = '10 s');
SELECT ts FROM t WHERE ts < TIMESTAMP '1969-12-31 23:59:50' OR ts > TIMESTAMP '1970-01-01 00:00:00' OR ts IS NULL;
