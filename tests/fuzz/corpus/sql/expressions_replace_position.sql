SELECT REPLACE('banana', 'an', 'AN'), REPLACE('aaa', 'a', 'bb'), REPLACE('aaa', 'a', ''), REPLACE('abc', 'x', 'y'), REPLACE('aaaa', 'aa', 'b');
SELECT REPLACE('héllo wörld', 'ö', 'o'), REPLACE('a.b.c', '.', '||');
SELECT REPLACE(NULL, 'a', 'b'), REPLACE('a', NULL, 'b'), REPLACE('a', 'a', NULL);
SELECT POSITION('an' IN 'banana'), POSITION('z' IN 'banana'), POSITION('b' IN 'banana'), POSITION('A' IN 'banana'), POSITION('' IN 'abc');
SELECT POSITION('本' IN '日本語'), POSITION('l' IN 'héllo'), LOCATE('ö', 'wörld'), INSTR('日本語', '語');
SELECT LOCATE('na', 'banana'), LOCATE('na', 'banana', 4), LOCATE('na', 'banana', 6), INSTR('banana', 'na'), INSTR('banana', 'x');
SELECT POSITION(NULL IN 'a'), POSITION('a' IN CAST(NULL AS STRING)), LOCATE(NULL, 'a'), INSTR(NULL, 'a');
CREATE STREAM p (id INT, s STRING, n STRING) WITH ('connector' = 'file', 'path' = 'p.csv', 'format' = 'csv');
SELECT id, POSITION(n IN s), REPLACE(s, n, '_') FROM p;
