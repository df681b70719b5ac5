CREATE STREAM h (k STRING, v INT) WITH ('connector' = 'file', 'path' = 'h.csv', 'format' = 'csv');
SELECT k, SUM(v) FROM h GROUP BY k HAVING SUM(v) > 5;
SELECT k FROM h GROUP BY k HAVING COUNT(*) >= 2;
SELECT k, COUNT(*) AS c FROM h GROUP BY k HAVING COUNT(*) < 3;
SELECT k, SUM(v) FROM h GROUP BY k HAVING k = 'b';
SELECT k, MAX(v) FROM h GROUP BY k HAVING MIN(v) < 0 AND (COUNT(*) > 3 OR NULL);
SELECT COUNT(*) FROM h HAVING COUNT(*) > 4;
SELECT SUM(v) AS s FROM h HAVING SUM(v) < 0;
