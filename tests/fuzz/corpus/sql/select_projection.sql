CREATE STREAM people (id INT, name STRING, age INT)
WITH ('connector' = 'file', 'path' = 'people.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT * FROM people;
SELECT people.* FROM people;
SELECT p.* FROM people AS p;
SELECT p.* FROM people p;
SELECT id * 100, * FROM people;
SELECT *, name FROM people;
SELECT age, id FROM people;
SELECT name, name, name FROM people;
SELECT id + age, age * 2 - id, name || '!' FROM people;
SELECT id AS ident, name nm, p.age AS years FROM people p;
SELECT 'k', 7, NULL, TRUE FROM people;
SELECT people.id FROM people p;
SELECT q.* FROM people p;
SELECT nam FROM people;
SELECT p.nope FROM people p;
