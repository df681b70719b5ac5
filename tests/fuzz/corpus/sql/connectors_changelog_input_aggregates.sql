CREATE STREAM changes (k STRING, v INT, s STRING)
WITH ('connector' = 'file', 'path' = 'changes.csv', 'format' = 'csv', 'csv.header' = 'true', 'source.changelog-mode' = 'all');
SELECT k, COUNT(*), COUNT(v), SUM(v), AVG(v), MIN(v), MAX(v), MIN(s), MAX(s), COUNT(DISTINCT s)
FROM changes GROUP BY k;
SELECT k, MAX(s) FROM changes WHERE k = 'a' GROUP BY k;
CREATE STREAM doubles (d DOUBLE)
WITH ('connector' = 'file', 'path' = 'doubles.csv', 'format' = 'csv', 'source.changelog-mode' = 'all');
SELECT MIN(d), MAX(d), SUM(d) FROM doubles;
CREATE STREAM orphan (k STRING, v INT)
WITH ('connector' = 'file', 'path' = 'orphan.csv', 'format' = 'csv', 'source.changelog-mode' = 'all');
SELECT k, SUM(v) FROM orphan GROUP BY k;
