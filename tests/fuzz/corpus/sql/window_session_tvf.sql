CREATE STREAM s (uid STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 's.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT window_start, window_end, uid, COUNT(*) AS n
FROM TABLE(SESSION(TABLE s PARTITION BY uid, DESCRIPTOR(ts), INTERVAL '30' SECOND))
GROUP BY window_start, window_end, uid;
SELECT window_start, window_end, uid, COUNT(*) AS n, SUM(amount) AS total
FROM TABLE(SESSION(TABLE s PARTITION BY uid, DESCRIPTOR(ts), INTERVAL '30' SECOND))
WHERE amount <> 3
GROUP BY window_start, window_end, uid;
SELECT t.uid, COUNT(*) AS n
FROM TABLE(SESSION(TABLE s PARTITION BY uid, DESCRIPTOR(ts), INTERVAL '30' SECOND)) AS t
WHERE t.amount > 1 AND t.uid = 'a'
GROUP BY t.window_start, t.window_end, t.uid;
SELECT window_start, window_end, COUNT(*) AS n
FROM TABLE(SESSION(TABLE s, DESCRIPTOR(ts), INTERVAL '30' SECOND))
WHERE uid = 'b'
GROUP BY window_start, window_end;
SELECT UPPER(uid) AS u, SUM(amount * 2) AS doubled, MAX(ts) AS last_ts,
       window_end - INTERVAL '1' SECOND AS almost_end
FROM TABLE(SESSION(TABLE s PARTITION BY uid, DESCRIPTOR(ts), INTERVAL '30' SECOND))
GROUP BY uid, window_start, window_end
HAVING COUNT(*) = 1 AND uid = 'b';
SELECT window_time, uid, COUNT(*) AS n
FROM TABLE(SESSION(TABLE s PARTITION BY uid, DESCRIPTOR(ts), INTERVAL '30' SECOND))
WHERE uid = 'a'
GROUP BY window_start, window_end, window_time, uid;
SELECT n FROM (
  SELECT uid, COUNT(*) AS n
  FROM TABLE(SESSION(TABLE s PARTITION BY uid, DESCRIPTOR(ts), INTERVAL '30' SECOND))
  WHERE ts > TIMESTAMP '2024-01-01 10:00:00'
  GROUP BY window_start, window_end, uid)
WHERE uid = 'a';
EXPLAIN SELECT uid, COUNT(*) AS n
FROM TABLE(SESSION(TABLE s PARTITION BY uid, DESCRIPTOR(ts), INTERVAL '30' SECOND))
WHERE amount > 1
GROUP BY window_start, window_end, uid;
SELECT uid, COUNT(*)
FROM TABLE(SESSION(TABLE s PARTITION BY uid, DESCRIPTOR(ts), INTERVAL '30' SECOND))
WHERE window_start > TIMESTAMP '2024-01-01 10:00:00'
GROUP BY window_start, window_end, uid;
SELECT uid, COUNT(*)
FROM TABLE(SESSION(TABLE s PARTITION BY uid, DESCRIPTOR(ts), INTERVAL '30' SECOND))
GROUP BY window_time, uid;
