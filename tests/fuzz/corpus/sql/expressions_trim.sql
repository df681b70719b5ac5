SELECT '[' || TRIM('  x y  ') || ']', '[' || LTRIM('  x y  ') || ']', '[' || RTRIM('  x y  ') || ']', '[' || BTRIM('  x y  ') || ']';
SELECT TRIM(BOTH 'x' FROM 'xxaxx'), TRIM(LEADING 'x' FROM 'xxaxx'), TRIM(TRAILING 'x' FROM 'xxaxx'), TRIM('x' FROM 'xxaxx');
SELECT '[' || TRIM(BOTH FROM '  a  ') || ']', '[' || TRIM(LEADING FROM '  a  ') || ']', '[' || TRIM(TRAILING FROM '  a  ') || ']';
SELECT TRIM('xy' FROM 'yxaxyx'), TRIM(LEADING 'ab' FROM 'babac'), TRIM(TRAILING '.!' FROM 'end.!.!');
SELECT TRIM(' 	a	 '), CHAR_LENGTH(TRIM('   ')), TRIM('');
SELECT TRIM(NULL), LTRIM(NULL), TRIM(BOTH NULL FROM 'a'), TRIM('a' FROM CAST(NULL AS STRING));
SELECT TRIM('é' FROM 'ééxéé'), TRIM(LEADING '日' FROM '日日本');
