CREATE STREAM f (k STRING, v STRING, n INT) WITH ('connector' = 'file', 'path' = 'f.csv', 'format' = 'csv');
SELECT k, FIRST_VALUE(v), LAST_VALUE(v) FROM f GROUP BY k;
SELECT k, FIRST_VALUE(n), LAST_VALUE(n) FROM f GROUP BY k;
SELECT k, LAST_VALUE(v), LAST_VALUE(n) FROM f GROUP BY k;
SELECT FIRST_VALUE(UPPER(v)), LAST_VALUE(n * 10) FROM f;
CREATE STREAM t (k INT, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = 't.csv', 'format' = 'csv');
SELECT k, FIRST_VALUE(ts), LAST_VALUE(ts) FROM t GROUP BY k;
CREATE STREAM es (k STRING, v STRING) WITH ('connector' = 'file', 'path' = 'es.csv', 'format' = 'csv');
SELECT k, FIRST_VALUE(v), LAST_VALUE(v), MIN(v), MAX(v), COUNT(v), COUNT(DISTINCT v) FROM es GROUP BY k;
