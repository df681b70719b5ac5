CREATE STREAM n (k STRING, v INT, j STRING) WITH ('connector' = 'file', 'path' = 'n.csv', 'format' = 'csv');
SELECT k, COUNT(*), SUM(v) FROM n GROUP BY k;
SELECT k, j, COUNT(*) FROM n GROUP BY k, j;
SELECT v IS NULL, COUNT(*) FROM n GROUP BY v IS NULL;
SELECT v, COUNT(*), COUNT(k) FROM n GROUP BY v;
