CREATE STREAM i (ts TIMESTAMP(3), WATERMARK FOR ts AS ts ADVANCE AFTER INTERVAL '30' SECOND IDLE)
WITH ('connector' = 'datagen', 'number-of-rows' = '1');
DESCRIBE i;
CREATE STREAM src (k STRING) WITH ('connector' = 'file', 'path' = 'in.csv', 'format' = 'csv', 'csv.header' = 'true');
CREATE STREAM out_plain (k STRING, n BIGINT) WITH ('connector' = 'file', 'path' = 'out.csv', 'format' = 'csv');
INSERT INTO out_plain SELECT k, COUNT(*) FROM src GROUP BY k;
CREATE STREAM out_log (k STRING, n BIGINT) WITH ('connector' = 'file', 'path' = 'log.csv', 'format' = 'csv', 'sink.changelog-mode' = 'all');
INSERT INTO out_log SELECT k, COUNT(*) FROM src GROUP BY k;
CREATE STREAM big (k STRING, v INT) WITH ('connector' = 'file', 'path' = 'big.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT k, v FROM big WHERE v > 0;
SELECT k, SUM(v) FROM big GROUP BY k;
