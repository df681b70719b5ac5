CREATE STREAM pay (u STRING, amount INT)
WITH ('connector' = 'file', 'path' = 'pay.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT n, COUNT(*) AS users FROM (SELECT u, COUNT(*) AS n FROM pay GROUP BY u) GROUP BY n;
CREATE VIEW totals AS SELECT u, SUM(amount) AS total FROM pay GROUP BY u;
SELECT SUM(total) AS everything, COUNT(*) AS users, MIN(total) AS smallest FROM totals;
SELECT MAX(total) FROM totals;
