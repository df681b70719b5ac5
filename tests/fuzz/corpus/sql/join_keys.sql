CREATE STREAM a (k INT, region STRING, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'a.csv', 'format' = 'csv');
CREATE STREAM b (k BIGINT, region STRING, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'b.csv', 'format' = 'csv');
SELECT a.v, b.w, b.k FROM a JOIN b ON a.k = b.k
AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND;
SELECT a.v, b.w FROM a JOIN b ON CAST(a.k AS BIGINT) + 4294967296 = b.k
AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND;
SELECT a.v, b.w FROM a JOIN b ON a.k = b.k AND a.region = b.region
AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND;
SELECT a.v, b.w FROM a JOIN b ON b.ts >= a.ts - INTERVAL '10' SECOND AND b.region = a.region
AND a.ts + INTERVAL '10' SECOND >= b.ts AND b.k = a.k;
SELECT a.v, b.w FROM a LEFT JOIN b ON a.k = b.k AND a.region = b.region
AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND;
SELECT a.v, b.w FROM a FULL JOIN b ON a.k = b.k AND a.region = b.region
AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND;
SELECT a.v, b.w FROM a JOIN b ON a.region = b.region
AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND;
SELECT a.v, b.w FROM a JOIN b ON a.k + 1 = b.k
AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND;
SELECT a.v, b.w FROM a JOIN b ON a.k = b.k AND UPPER(a.region) = b.region
AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND;
SELECT a.v, b.w FROM a JOIN b ON a.k = b.k AND a.region = b.region;
SELECT a.v, b.w FROM a JOIN b ON b.k = a.k;
SELECT a.v FROM a LEFT SEMI JOIN b ON a.k = b.k AND a.region = b.region
AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND;
SELECT a.v FROM a LEFT ANTI JOIN b ON a.k = b.k AND a.region = b.region
AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND;
CREATE STREAM kd (k DOUBLE, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'kd.csv', 'format' = 'csv');
CREATE STREAM km (k DECIMAL(5, 2), v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'km.csv', 'format' = 'csv');
CREATE STREAM ki (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'ki.csv', 'format' = 'csv');
SELECT kd.v, ki.w FROM kd JOIN ki ON kd.k = ki.k
AND ki.ts BETWEEN kd.ts - INTERVAL '10' SECOND AND kd.ts + INTERVAL '10' SECOND;
SELECT km.v, ki.w FROM km JOIN ki ON ki.k = km.k
AND ki.ts BETWEEN km.ts - INTERVAL '10' SECOND AND km.ts + INTERVAL '10' SECOND;
SELECT kd.v, ki.w FROM kd LEFT JOIN ki ON kd.k = ki.k
AND ki.ts BETWEEN kd.ts - INTERVAL '10' SECOND AND kd.ts + INTERVAL '10' SECOND;
SELECT km.v, ki.w FROM km JOIN ki ON km.k = ki.k;
SELECT a.v FROM a JOIN ki ON a.region = ki.k;
