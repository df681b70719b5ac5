CREATE STREAM orders (id INT, item STRING, price DECIMAL(6, 2), qty INT)
WITH ('connector' = 'file', 'path' = 'o.csv', 'format' = 'csv');
SELECT item, total FROM (SELECT item, price * qty AS total FROM orders) WHERE total > 9;
SELECT x.item FROM (SELECT item, qty FROM orders WHERE qty > 0) AS x WHERE x.qty < 10;
SELECT x.item FROM (SELECT item, qty FROM orders WHERE qty > 0) x WHERE x.qty >= 10;
SELECT * FROM (SELECT * FROM (SELECT id, UPPER(item) AS u FROM orders) WHERE id > 1) WHERE id < 4;
SELECT c FROM (SELECT 40 + 2 AS c);
SELECT price FROM (SELECT id FROM orders);
SELECT orders.id FROM (SELECT id FROM orders) AS sub;
SELECT sub.id FROM (SELECT id FROM orders) AS sub WHERE sub.id = 4;
