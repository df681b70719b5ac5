CREATE STREAM c (id INT, a INT, b INT) WITH ('connector' = 'file', 'path' = 'c.csv', 'format' = 'csv');
SELECT id, a = b, a <> b, a != b, a < b, a <= b, a > b, a >= b FROM c;
SELECT id FROM c WHERE a = b OR a <> b;
SELECT 1 = NULL, NULL = NULL, NULL <> NULL, NULL < 1, 'a' > NULL;
SELECT 1 = 1.0, 1 = 1e0, 2 > 1.5, CAST(3 AS BIGINT) = 3, 0.1e0 < 0.2, 1.5 = 1.5e0;
SELECT 'abc' < 'abd', 'abc' = 'abc', 'a' <> 'A', TRUE > FALSE;
SELECT 1 < 2 < 3;
SELECT 'a' = 1;
SELECT 1 = TRUE;
