SELECT LPAD('7', 3, '0'), RPAD('7', 3, '0'), LPAD('ab', 5, 'xy'), RPAD('ab', 5, 'xy'), LPAD('hello', 3, '*'), RPAD('hello', 3, '*');
SELECT LPAD('abc', 3, 'x'), LPAD('abc', 0, 'x'), LPAD('', 2, 'x'), RPAD('', 0, 'x');
SELECT LPAD('abc', -1, 'x'), RPAD('abc', -1, 'x'), LPAD('abc', 5, ''), RPAD('abc', 5, '');
SELECT LPAD('é', 3, 'ü'), RPAD('日本', 4, '語'), CHAR_LENGTH(LPAD('日', 5, '本'));
SELECT LPAD(NULL, 3, 'x'), LPAD('a', NULL, 'x'), RPAD('a', 3, NULL);
