CREATE STREAM bad_op (k STRING, v INT)
WITH ('connector' = 'file', 'path' = 'bad_op.csv', 'format' = 'csv', 'source.changelog-mode' = 'all');
SELECT * FROM bad_op;
CREATE STREAM short (k STRING, v INT)
WITH ('connector' = 'file', 'path' = 'short.csv', 'format' = 'csv', 'source.changelog-mode' = 'all');
SELECT * FROM short;
CREATE STREAM no_op (k STRING, v INT)
WITH ('connector' = 'file', 'path' = 'no_op.jsonl', 'format' = 'jsonl', 'source.changelog-mode' = 'all');
SELECT * FROM no_op;
CREATE STREAM bad_op_json (k STRING, v INT)
WITH ('connector' = 'file', 'path' = 'bad_op.jsonl', 'format' = 'jsonl', 'source.changelog-mode' = 'all');
SELECT * FROM bad_op_json;
CREATE STREAM x (k STRING) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv', 'source.changelog-mode' = 'some');
CREATE STREAM changes (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'changes.csv', 'format' = 'csv', 'source.changelog-mode' = 'all');
CREATE STREAM plain (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'plain.csv', 'format' = 'csv');
SELECT k, v, ts FROM changes;
SELECT window_start, COUNT(*), SUM(v) FROM TABLE(TUMBLE(TABLE changes, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;
SELECT COUNT(*) FROM changes GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE);
SELECT k, COUNT(*) FROM changes GROUP BY k, SESSION(ts, INTERVAL '1' MINUTE);
SELECT k, COUNT(*) FROM changes GROUP BY k TIMEOUT INTERVAL '1' MINUTE;
SELECT * FROM changes c JOIN plain p ON c.k = p.k AND p.ts BETWEEN c.ts AND c.ts + INTERVAL '1' MINUTE;
SELECT * FROM changes LIMIT 1;
SELECT k, FIRST_VALUE(v) FROM changes GROUP BY k;
INSERT INTO plain SELECT * FROM changes;
SELECT k, v, window_start FROM TABLE(HOP(TABLE changes, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '2' MINUTE));
