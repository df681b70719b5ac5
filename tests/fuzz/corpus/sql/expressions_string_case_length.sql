CREATE STREAM s (id INT, v STRING) WITH ('connector' = 'file', 'path' = 's.csv', 'format' = 'csv');
SELECT id, LOWER(v), UPPER(v) FROM s;
SELECT id, LENGTH(v), CHAR_LENGTH(v), CHARACTER_LENGTH(v) FROM s;
SELECT LOWER('MiXeD 123'), UPPER('mixed 123'), LENGTH('héllo'), CHAR_LENGTH(''), LENGTH(' ');
