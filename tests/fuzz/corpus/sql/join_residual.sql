CREATE STREAM a (k INT, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'a.csv', 'format' = 'csv');
CREATE STREAM b (k INT, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'b.csv', 'format' = 'csv');
SELECT a.amount, b.amount FROM a JOIN b ON a.k = b.k
AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND AND a.amount > b.amount;
SELECT a.amount, b.amount FROM a JOIN b ON a.k = b.k
WHERE b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND AND a.amount > b.amount;
SELECT a.amount, b.amount FROM a LEFT JOIN b ON a.k = b.k
AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND AND a.amount > b.amount;
SELECT a.amount, b.amount FROM a RIGHT JOIN b ON a.k = b.k
AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND AND a.amount > b.amount;
SELECT a.amount, b.amount FROM a FULL JOIN b ON a.k = b.k
AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND AND a.amount > b.amount;
SELECT a.amount, b.amount FROM a LEFT JOIN b ON a.k = b.k
AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND
WHERE a.amount > b.amount;
SELECT a.amount, b.amount FROM a LEFT JOIN b ON a.k = b.k
AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND AND a.amount > 12;
SELECT a.amount, b.amount FROM a LEFT JOIN b ON a.k = b.k
AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND AND b.amount < 10;
SELECT a.amount, b.amount FROM a JOIN b ON a.k = b.k
AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND AND (a.amount + 5 > b.amount OR b.amount = 15);
SELECT a.amount FROM a LEFT SEMI JOIN b ON a.k = b.k
AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND AND a.amount > b.amount;
SELECT a.amount FROM a LEFT ANTI JOIN b ON a.k = b.k
AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND AND a.amount > b.amount;
SELECT a.amount, b.amount FROM a JOIN b ON a.k = b.k AND a.amount > b.amount;
SELECT a.amount, b.amount FROM a LEFT JOIN b ON a.k = b.k AND a.amount > b.amount;
