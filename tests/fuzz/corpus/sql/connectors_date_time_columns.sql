CREATE STREAM j (id INT, d DATE, t TIME(3), t0 TIME) WITH ('connector' = 'file', 'path' = 'in.jsonl', 'format' = 'jsonl');
SELECT id, d, t, t0 FROM j;
CREATE STREAM bad_j (id INT, d DATE) WITH ('connector' = 'file', 'path' = 'bad.jsonl', 'format' = 'jsonl');
SELECT * FROM bad_j;
CREATE STREAM bad_t (id INT, t TIME(3)) WITH ('connector' = 'file', 'path' = 'bad_t.csv', 'format' = 'csv');
SELECT * FROM bad_t;
CREATE STREAM out_csv (id INT, d DATE, t TIME(3), t0 TIME) WITH ('connector' = 'file', 'path' = 'out.csv', 'format' = 'csv');
INSERT INTO out_csv SELECT * FROM j;
CREATE STREAM raw_csv (line STRING) WITH ('connector' = 'file', 'path' = 'out.csv', 'format' = 'csv', 'csv.field-delimiter' = '|');
SELECT line FROM raw_csv;
SELECT * FROM out_csv;
CREATE STREAM out_json (id INT, d DATE, t TIME(3), t0 TIME) WITH ('connector' = 'file', 'path' = 'out.jsonl', 'format' = 'jsonl');
INSERT INTO out_json SELECT * FROM j;
CREATE STREAM raw_json (line STRING) WITH ('connector' = 'file', 'path' = 'out.jsonl', 'format' = 'csv', 'csv.field-delimiter' = '|', 'csv.quote-character' = '''');
SELECT line FROM raw_json;
SELECT * FROM out_json;
CREATE STREAM g (d DATE, t TIME(3), rd DATE, rt TIME) WITH (
  'connector' = 'datagen', 'rows-per-second' = '0',
  'fields.d.kind' = 'sequence', 'fields.d.start' = '2024-02-27', 'fields.d.end' = '2024-03-02', 'fields.d.step' = '2',
  'fields.t.kind' = 'sequence', 'fields.t.start' = '23:59:59.5', 'fields.t.step' = '150 ms');
SELECT * FROM g;
CREATE STREAM g_t (t TIME(3)) WITH ('connector' = 'datagen', 'rows-per-second' = '0',
  'fields.t.kind' = 'sequence', 'fields.t.start' = '23:59:59.5', 'fields.t.step' = '200 ms');
SELECT * FROM g_t;
CREATE STREAM g_bad (d DATE) WITH ('connector' = 'datagen', 'fields.d.kind' = 'sequence', 'fields.d.start' = '2024-02-30');
