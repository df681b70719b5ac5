Limits on what a user types (docs/language.md, Limits): each is an error naming where, never a
crash or minutes of work.

A statement of more than 4 MB (4194304 bytes):

  $ python3 -c "print('SELECT LENGTH(\'' + 'x' * 4194304 + '\') AS n;')" > long.sql
  $ eddy --mode csv long.sql 2>&1 | head -1
  error: long.sql:1:1: statement too long (4194326 bytes; the limit is 4194304 bytes)
  $ python3 -c "print('SELECT LENGTH(\'' + 'x' * 4194000 + '\') AS n;')" > fine.sql
  $ eddy --mode csv fine.sql
  n
  4194000

A stream of more than 4096 columns:

  $ python3 -c "print('CREATE STREAM w (' + ', '.join(f'c{i} INT' for i in range(5000)) + ') WITH (\'connector\' = \'datagen\');')" > wide.sql
  $ eddy wide.sql 2>&1 | head -1
  error: wide.sql:1:43964: too many columns (5000; the limit is 4096 per stream)
  $ python3 -c "print('CREATE STREAM w (' + ', '.join(f'c{i} INT' for i in range(4096)) + ') WITH (\'connector\' = \'datagen\', \'number-of-rows\' = \'1\'); SELECT c4095 IS NOT NULL AS ok FROM w;')" > wide_ok.sql
  $ eddy --mode csv wide_ok.sql
  ok
  true

Nesting 100,000 levels deep is rejected before the parser recurses:

  $ python3 -c "print('SELECT ' + '(' * 100000 + '1' + ')' * 100000 + ';')" > deep.sql
  $ eddy --mode csv deep.sql 2>&1 | head -1
  error: deep.sql:1:208: parentheses nested too deeply (the limit is 200 levels)
