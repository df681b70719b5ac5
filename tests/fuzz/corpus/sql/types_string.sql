CREATE STREAM s (id INT, v STRING) WITH ('connector' = 'file', 'path' = 's.csv', 'format' = 'csv');
SELECT id, v FROM s;
SELECT 'it''s', '', 'a\tb', 'back\\slash', 'new
line';
SELECT id FROM s WHERE v = '';
SELECT id FROM s WHERE v IS NULL;
SELECT 'a' < 'b', 'B' < 'a', 'abc' < 'abd', 'ab' < 'abc', '' < 'a', 'é' > 'z';
SELECT 'abc' = 'abc', 'abc' = 'ABC', 'abc' <> 'abc ', 'x' != 'y';
SELECT CAST('abc' AS VARCHAR), CAST(12 AS VARCHAR(5)), CAST(12 AS STRING), CAST(-1.50 AS STRING);
SELECT id, CHAR_LENGTH(v) FROM s;
SELECT 'a' = 1;
SELECT 'abc;
