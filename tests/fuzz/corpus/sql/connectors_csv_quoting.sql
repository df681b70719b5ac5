CREATE STREAM q (id INT, text STRING, n INT) WITH ('connector' = 'file', 'path' = 'q.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT id, text, n FROM q;
SELECT id FROM q WHERE POSITION(CHR(10) IN text) > 0;
CREATE STREAM after_newline (id INT, s STRING, n INT) WITH ('connector' = 'file', 'path' = 'after_newline.csv', 'format' = 'csv');
SELECT * FROM after_newline;
CREATE STREAM junk (id INT, s STRING) WITH ('connector' = 'file', 'path' = 'junk.csv', 'format' = 'csv');
SELECT * FROM junk;
CREATE STREAM open (id INT, s STRING) WITH ('connector' = 'file', 'path' = 'open.csv', 'format' = 'csv');
SELECT * FROM open;
