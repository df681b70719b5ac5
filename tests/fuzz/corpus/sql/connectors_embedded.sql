CREATE STREAM clicks (uid STRING NOT NULL, ts TIMESTAMP(3), WATERMARK FOR ts AS SOURCE_WATERMARK()) WITH ('connector' = 'embedded');
EXPLAIN SELECT uid, ts FROM clicks WHERE uid <> 'bot';
SHOW CREATE STREAM clicks;
CREATE STREAM both_ways (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'embedded');
CREATE STREAM bad (uid STRING) WITH ('connector' = 'embedded', 'path' = 'x.csv');
CREATE STREAM f (ts TIMESTAMP(3), WATERMARK FOR ts AS SOURCE_WATERMARK()) WITH ('connector' = 'datagen');
INSERT INTO clicks SELECT 'x', TIMESTAMP '2024-01-01 00:00:00';
SELECT uid FROM both_ways ORDER BY uid;
