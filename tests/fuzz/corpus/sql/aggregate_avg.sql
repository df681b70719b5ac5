CREATE STREAM a (k STRING, i INT, d DOUBLE) WITH ('connector' = 'file', 'path' = 'a.csv', 'format' = 'csv');
SELECT k, AVG(i) FROM a GROUP BY k;
SELECT k, AVG(d) FROM a GROUP BY k;
SELECT k, AVG(CAST(i AS BIGINT)), AVG(i * 1.0e0) FROM a GROUP BY k;
SELECT AVG(i), AVG(d) FROM a;
