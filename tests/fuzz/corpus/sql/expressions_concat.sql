CREATE STREAM c (id INT, x STRING, y STRING) WITH ('connector' = 'file', 'path' = 'c.csv', 'format' = 'csv');
SELECT id, x || y, CONCAT(x, y), CONCAT(x, '-', y), CONCAT_WS('-', x, y) FROM c;
SELECT 'a' || 'b' || 'c', CONCAT('a', ''), CONCAT('a', 'b', 'c', 'd'), 'x' || '', '' || '';
SELECT 'a' || NULL, CONCAT('a', NULL, 'b'), CONCAT_WS('-', 'a', NULL, 'b'), CONCAT_WS(NULL, 'a', 'b'), CONCAT_WS(', ', 'x', NULL);
SELECT '日本' || '語', CONCAT('é', 'è'), CHAR_LENGTH('ab' || 'cd');
SELECT 'n=' || CAST(1 + 1 AS STRING);
SELECT 'a' || 1;
SELECT CONCAT('a', 1);
