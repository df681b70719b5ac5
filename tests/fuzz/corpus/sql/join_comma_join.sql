CREATE STREAM orders (o_id INT, cust STRING, amount INT, ots TIMESTAMP(3), WATERMARK FOR ots AS ots - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'orders.csv', 'format' = 'csv');
CREATE STREAM shipments (s_id INT, order_id INT, sts TIMESTAMP(3), WATERMARK FOR sts AS sts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'shipments.csv', 'format' = 'csv');
CREATE STREAM payments (p_order INT, paid INT, pts TIMESTAMP(3), WATERMARK FOR pts AS pts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'payments.csv', 'format' = 'csv');
SELECT o_id, cust, s_id FROM orders, shipments
WHERE o_id = order_id AND sts BETWEEN ots AND ots + INTERVAL '10' SECOND;
SELECT * FROM orders o, shipments s
WHERE o.o_id = s.order_id AND s.sts BETWEEN o.ots AND o.ots + INTERVAL '10' SECOND;
SELECT s.*, o.cust FROM orders o, shipments s
WHERE o.o_id = s.order_id AND s.sts BETWEEN o.ots AND o.ots + INTERVAL '10' SECOND;
SELECT o_id, s_id FROM orders CROSS JOIN shipments
WHERE o_id = order_id AND sts BETWEEN ots AND ots + INTERVAL '10' SECOND;
SELECT o_id, s_id FROM orders, shipments WHERE o_id = order_id;
SELECT o_id, s_id FROM orders, shipments WHERE o_id = order_id AND amount > 10;
SELECT o_id, s_id FROM orders, shipments
WHERE o_id = order_id AND sts >= ots AND sts < ots + INTERVAL '10' SECOND;
SELECT o.o_id, s.s_id, p.paid FROM orders o, shipments s, payments p
WHERE o.o_id = s.order_id AND s.sts BETWEEN o.ots AND o.ots + INTERVAL '10' SECOND
AND p.p_order = o.o_id AND p.pts BETWEEN o.ots AND o.ots + INTERVAL '10' SECOND;
SELECT o.o_id, s.s_id, p.paid FROM orders o, shipments s, payments p
WHERE p.pts BETWEEN o.ots AND o.ots + INTERVAL '10' SECOND AND p.p_order = o.o_id
AND s.sts BETWEEN o.ots AND o.ots + INTERVAL '10' SECOND AND o.o_id = s.order_id;
SELECT o.o_id, s.s_id, p.paid
FROM orders o JOIN shipments s ON o.o_id = s.order_id AND s.sts BETWEEN o.ots AND o.ots + INTERVAL '10' SECOND,
payments p
WHERE p.p_order = o.o_id AND p.pts BETWEEN o.ots AND o.ots + INTERVAL '10' SECOND;
SELECT o.o_id, s.s_id, p.paid
FROM orders o
JOIN shipments s ON o.o_id = s.order_id AND s.sts BETWEEN o.ots AND o.ots + INTERVAL '10' SECOND
JOIN payments p ON p.p_order = o.o_id AND p.pts BETWEEN o.ots AND o.ots + INTERVAL '10' SECOND;
SELECT o.o_id, s.s_id, p.paid
FROM orders o
JOIN shipments s ON o.o_id = s.order_id AND s.sts BETWEEN o.ots AND o.ots + INTERVAL '10' SECOND
LEFT JOIN payments p ON p.p_order = o.o_id AND p.pts BETWEEN o.ots AND o.ots + INTERVAL '2' SECOND;
SELECT o.o_id, s.s_id, p.paid FROM orders o, shipments s, payments p
WHERE o.o_id = s.order_id AND p.p_order = o.o_id;
