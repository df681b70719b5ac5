SELECT INITCAP('hello wORLD'), INITCAP('foo_bar-baz'), INITCAP('3rd PLACE'), INITCAP('o''neil'), INITCAP(''), INITCAP(NULL);
SELECT REVERSE('abc'), REVERSE('héllo'), REVERSE(''), REVERSE(NULL);
SELECT REPEAT('ab', 3), REPEAT('x', 0), REPEAT('', 5), REPEAT(NULL, 2);
SELECT LEFT('hello', 2), RIGHT('hello', 2), LEFT('hello', 10), RIGHT('hello', 0), LEFT('日本語', 2), RIGHT('日本語', 1);
SELECT ASCII('A'), ASCII('abc'), CHR(97), CHR(65), ASCII(NULL);
SELECT STARTSWITH('hello', 'he'), STARTSWITH('hello', 'lo'), ENDSWITH('hello', 'lo'), ENDSWITH('hello', 'he'), STARTSWITH('x', '');
SELECT SPLIT_INDEX('a,b,c', ',', 0), SPLIT_INDEX('a,b,c', ',', 2), SPLIT_INDEX('a,b,c', ',', 3), SPLIT_INDEX('a::b', '::', 1), SPLIT_INDEX('a,,c', ',', 1);
SELECT REGEXP('abc123', '[0-9]+'), REGEXP('abc', '^[0-9]+$'), REGEXP_EXTRACT('foo123bar', '([a-z]+)([0-9]+)', 2), REGEXP_EXTRACT('foo123bar', '([a-z]+)([0-9]+)', 1), REGEXP_REPLACE('a1b22c', '[0-9]+', '#');
SELECT REGEXP_EXTRACT('abc', '([0-9]+)', 1), REGEXP_REPLACE('aaa', 'a', 'b'), REGEXP_REPLACE(NULL, 'a', 'b');
