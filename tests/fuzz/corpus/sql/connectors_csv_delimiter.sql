CREATE STREAM semi (id INT, s STRING, t STRING) WITH ('connector' = 'file', 'path' = 'semi.csv', 'format' = 'csv', 'csv.field-delimiter' = ';');
SELECT id, s, t FROM semi;
CREATE STREAM tabs (id INT, s STRING, t STRING) WITH ('connector' = 'file', 'path' = 'tabs.tsv', 'format' = 'csv', 'csv.field-delimiter' = '\t');
SELECT id, s, t FROM tabs;
CREATE STREAM pipes (id INT, s STRING, t STRING) WITH ('connector' = 'file', 'path' = 'pipes.csv', 'format' = 'csv', 'csv.field-delimiter' = '|', 'csv.quote-character' = '''');
SELECT id, s, t FROM pipes;
CREATE STREAM bad (id INT) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv', 'csv.field-delimiter' = ';;');
CREATE STREAM bad (id INT) WITH ('connector' = 'file', 'path' = 'x.csv', 'format' = 'csv', 'csv.quote-character' = '');
