CREATE STREAM a (id INT, name STRING, ats TIMESTAMP(3), WATERMARK FOR ats AS ats - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'a.csv', 'format' = 'csv');
CREATE STREAM b (id INT, name STRING, qty INT, bts TIMESTAMP(3),
  WATERMARK FOR bts AS bts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'b.csv', 'format' = 'csv');
CREATE STREAM c (id BIGINT, label STRING, cts TIMESTAMP(3),
  WATERMARK FOR cts AS cts - INTERVAL '1' SECOND)
WITH ('connector' = 'file', 'path' = 'c.csv', 'format' = 'csv');
SELECT * FROM a JOIN b USING (id) WHERE b.bts BETWEEN a.ats AND a.ats + INTERVAL '5' SECOND;
SELECT id, a.name, b.name, qty FROM a INNER JOIN b USING (id);
CREATE VIEW nat AS
SELECT * FROM a NATURAL JOIN b WHERE b.bts BETWEEN a.ats AND a.ats + INTERVAL '5' SECOND;
DESCRIBE nat;
SELECT * FROM nat;
SELECT id, a.id, b.id, a.name, b.name FROM a LEFT JOIN b USING (id);
SELECT id, a.id, b.id, qty FROM a RIGHT JOIN b USING (id);
SELECT id, a.name, b.name FROM a FULL JOIN b USING (id);
SELECT name FROM a JOIN b USING (id);
SELECT b.*, a.ats FROM a JOIN b USING (id) WHERE b.bts BETWEEN a.ats AND a.ats + INTERVAL '5' SECOND;
SELECT * FROM a JOIN b USING (id) JOIN c USING (id)
WHERE b.bts BETWEEN a.ats AND a.ats + INTERVAL '5' SECOND
  AND c.cts BETWEEN b.bts - INTERVAL '1' SECOND AND b.bts + INTERVAL '1' SECOND;
SELECT * FROM a LEFT SEMI JOIN b USING (id);
EXPLAIN SELECT * FROM a JOIN b USING (id) WHERE b.bts BETWEEN a.ats AND a.ats + INTERVAL '5' SECOND;
SELECT * FROM a JOIN b USING (nope);
SELECT * FROM a JOIN b USING (id, ID);
SELECT * FROM a NATURAL JOIN (SELECT label FROM c) x;
SELECT * FROM a NATURAL JOIN b USING (id);
