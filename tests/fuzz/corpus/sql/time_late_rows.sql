CREATE STREAM w (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'w.csv', 'format' = 'csv');
SELECT id, ts FROM w;
SELECT MIN(id) FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(ts), INTERVAL '1' MILLISECOND))
GROUP BY window_start, window_end;
SELECT id FROM w WHERE id IN (3, 4, 6, 7);
CREATE STREAM plain (id INT, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = 'w.csv', 'format' = 'csv');
SELECT id FROM plain;
CREATE STREAM lax (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '10' SECOND)
WITH ('connector' = 'file', 'path' = 'w.csv', 'format' = 'csv');
SELECT id FROM lax;
SELECT MIN(id) FROM TABLE(TUMBLE(TABLE lax, DESCRIPTOR(ts), INTERVAL '1' MILLISECOND))
GROUP BY window_start, window_end;
CREATE STREAM tight (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2500' MILLISECOND)
WITH ('connector' = 'file', 'path' = 'w.csv', 'format' = 'csv');
SELECT id FROM tight;
SELECT MIN(id) FROM TABLE(TUMBLE(TABLE tight, DESCRIPTOR(ts), INTERVAL '1' MILLISECOND))
GROUP BY window_start, window_end;
CREATE STREAM ahead (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts + INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'w.csv', 'format' = 'csv');
SELECT id FROM ahead;
SELECT MIN(id) FROM TABLE(TUMBLE(TABLE ahead, DESCRIPTOR(ts), INTERVAL '1' MILLISECOND))
GROUP BY window_start, window_end;
CREATE STREAM inorder (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'inorder.csv', 'format' = 'csv');
SELECT id FROM inorder;
SELECT MIN(id) FROM TABLE(TUMBLE(TABLE inorder, DESCRIPTOR(ts), INTERVAL '1' MILLISECOND))
GROUP BY window_start, window_end;
