CREATE STREAM s (uid STRING, n INT NOT NULL, ts TIMESTAMP(3),
                 WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'datagen');
SHOW STREAMS;
DESCRIBE s;
DESCRIBE nope;
