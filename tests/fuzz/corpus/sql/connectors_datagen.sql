CREATE STREAM seq (id BIGINT, n INT, d DOUBLE, m DECIMAL(6, 2), s STRING, ts TIMESTAMP(3)) WITH (
  'connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '4',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '10',
  'fields.n.kind' = 'sequence', 'fields.n.start' = '-3', 'fields.n.step' = '2',
  'fields.d.kind' = 'sequence', 'fields.d.start' = '0.5', 'fields.d.step' = '0.25',
  'fields.m.kind' = 'sequence', 'fields.m.start' = '1.10',
  'fields.s.kind' = 'sequence', 'fields.s.start' = '7',
  'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-01-01 00:00:00', 'fields.ts.step' = '90 s');
SELECT * FROM seq;
SELECT id, ts FROM seq WHERE n > 0;
CREATE STREAM ends (a INT, b INT) WITH ('connector' = 'datagen', 'rows-per-second' = '0',
  'fields.a.kind' = 'sequence', 'fields.a.start' = '1', 'fields.a.end' = '3',
  'fields.b.kind' = 'sequence', 'fields.b.start' = '10', 'fields.b.end' = '100');
SELECT a, b FROM ends;
CREATE STREAM ends_first (a INT) WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '10',
  'fields.a.kind' = 'sequence', 'fields.a.start' = '5', 'fields.a.end' = '6');
SELECT a FROM ends_first;
CREATE STREAM none (a INT) WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '0');
SELECT a FROM none;
CREATE STREAM rnd (i INT, l BIGINT, d DOUBLE, s STRING, b BOOLEAN, m DECIMAL(5, 2)) WITH (
  'connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '2000',
  'fields.i.min' = '0', 'fields.i.max' = '10',
  'fields.l.min' = '-5', 'fields.l.max' = '-5',
  'fields.d.min' = '1.5', 'fields.d.max' = '2.5',
  'fields.s.length' = '4',
  'fields.m.min' = '-1', 'fields.m.max' = '1');
SELECT i FROM rnd WHERE i < 0 OR i > 10 OR i IS NULL;
SELECT l FROM rnd WHERE l <> -5 OR l IS NULL;
SELECT d FROM rnd WHERE d < 1.5 OR d > 2.5 OR d IS NULL;
SELECT s FROM rnd WHERE CHAR_LENGTH(s) <> 4 OR s IS NULL;
SELECT m FROM rnd WHERE m < -1 OR m > 1 OR m IS NULL;
SELECT b FROM rnd WHERE b IS NULL;
SELECT i FROM rnd WHERE i = 0 LIMIT 1;
SELECT i FROM rnd WHERE i = 10 LIMIT 1;
SELECT b FROM rnd WHERE b LIMIT 1;
SELECT b FROM rnd WHERE NOT b LIMIT 1;
CREATE STREAM nulls (a INT, b STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '50',
  'fields.a.null-rate' = '1', 'fields.b.null-rate' = '0');
SELECT a, b FROM nulls WHERE a IS NOT NULL OR b IS NULL;
CREATE STREAM endless (a BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'fields.a.kind' = 'sequence', 'fields.a.start' = '1');
SELECT a FROM endless WHERE a % 250 = 0 LIMIT 3;
CREATE STREAM e1 (x INT) WITH ('connector' = 'datagen', 'fields.x.kind' = 'sequence');
CREATE STREAM e2 (id INT) WITH ('connector' = 'datagen', 'fields.idd.kind' = 'sequence');
CREATE STREAM e3 (id INT) WITH ('connector' = 'datagen', 'fields.id.kin' = 'sequence');
CREATE STREAM e4 (id INT) WITH ('connector' = 'datagen', 'fields.id.min' = '5', 'fields.id.max' = '1');
CREATE STREAM e5 (b BOOLEAN) WITH ('connector' = 'datagen', 'fields.b.kind' = 'sequence', 'fields.b.start' = '1');
CREATE STREAM e6 (x INT NOT NULL) WITH ('connector' = 'datagen', 'fields.x.null-rate' = '0.5');
CREATE STREAM e7 (x INT) WITH ('connector' = 'datagen', 'fields.x.kind' = 'shuffle');
CREATE STREAM e8 (x INT) WITH ('connector' = 'datagen', 'fields.x.kind' = 'sequence', 'fields.x.start' = '5', 'fields.x.end' = '1');
CREATE STREAM big (x INT) WITH ('connector' = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '3',
  'fields.x.kind' = 'sequence', 'fields.x.start' = '2147483646');
SELECT x FROM big;
