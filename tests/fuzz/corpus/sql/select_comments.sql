SELECT 1 -- a line comment;
-- a comment before the statement
SELECT /* inline */ 2 /* another
spanning lines */ + 3;
SELECT 'not -- a comment', 'not /* a comment */ either';
SELECT 1--2;
SELECT 4/**/*/**/2;
SELECT 1 /* outer /* inner */ still comment? */;
SELECT 1 /* never closed;
-- nothing here
/* or here */;
