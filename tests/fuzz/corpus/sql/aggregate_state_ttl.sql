CREATE STREAM clicks (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'file', 'path' = 'clicks.csv', 'format' = 'csv', 'csv.header' = 'true');
SET 'state.ttl' = 'soon';
SET 'state.ttl.time' = 'wall';
SET 'state.ttl' = '1 min';
SET 'state.ttl.time' = 'event';
SELECT uid, COUNT(*) AS n FROM clicks GROUP BY uid;
EXPLAIN SELECT uid, COUNT(*) FROM clicks GROUP BY uid;
RESET 'state.ttl';
SELECT uid, COUNT(*) AS n FROM clicks GROUP BY uid;
