CREATE STREAM w (id INT, s STRING) WITH ('connector' = 'file', 'path' = 'w.csv', 'format' = 'csv');
SELECT id FROM w WHERE s LIKE 'a%';
SELECT id FROM w WHERE s LIKE '%a%';
SELECT id FROM w WHERE s LIKE '_pple';
SELECT id FROM w WHERE s LIKE 'a_b';
SELECT id FROM w WHERE s LIKE 'a!_b' ESCAPE '!';
SELECT id FROM w WHERE s LIKE 'a\%b' ESCAPE '\';
SELECT id FROM w WHERE s NOT LIKE '%a%';
SELECT id FROM w WHERE s LIKE '_';
SELECT id, s LIKE 'b%' FROM w WHERE id >= 3;
SELECT 'abc' LIKE 'abc', 'abc' LIKE 'ab', 'abc' LIKE '%', '' LIKE '%', '' LIKE '_', 'ABC' LIKE 'abc';
SELECT 'a.c' LIKE 'a.c', 'abc' LIKE 'a.c', 'a*c' LIKE 'a*c', 'a[b]c' LIKE 'a[b]c', 'line
two' LIKE 'line%';
SELECT NULL LIKE 'a', 'a' LIKE NULL, 'a' NOT LIKE NULL;
SELECT '100%' LIKE '100!%' ESCAPE '!', '1000' LIKE '100!%' ESCAPE '!', 'x_y' NOT LIKE 'x#_y' ESCAPE '#';
SELECT 1 LIKE 'a';
