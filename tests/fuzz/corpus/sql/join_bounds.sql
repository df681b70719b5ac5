CREATE STREAM l (k INT, v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'l.csv', 'format' = 'csv');
CREATE STREAM r (k INT, w STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'file', 'path' = 'r.csv', 'format' = 'csv');
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '5' SECOND AND l.ts - INTERVAL '1' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '1' SECOND AND l.ts + INTERVAL '10' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts > l.ts AND r.ts < l.ts + INTERVAL '10' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts >= l.ts AND r.ts < l.ts + INTERVAL '10' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts > l.ts - INTERVAL '1' SECOND AND r.ts <= l.ts;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts < l.ts AND r.ts >= l.ts - INTERVAL '10' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND l.ts = r.ts;
SELECT l.v, r.w FROM l JOIN r ON r.ts = l.ts AND r.k = l.k;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts - INTERVAL '1' MILLISECOND AND l.ts + INTERVAL '1' MILLISECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND l.ts BETWEEN r.ts - INTERVAL '1' SECOND AND r.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts - INTERVAL '2' SECOND <= l.ts AND r.ts + INTERVAL '1' SECOND >= l.ts;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts >= l.ts - INTERVAL '5' SECOND AND r.ts <= l.ts + INTERVAL '10' SECOND
AND r.ts >= l.ts AND r.ts <= l.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts + INTERVAL '9999' MILLISECOND AND l.ts + INTERVAL '1' MINUTE;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts + INTERVAL '1' SECOND BETWEEN l.ts AND l.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts - INTERVAL '1' SECOND >= l.ts + INTERVAL '4' SECOND AND r.ts <= l.ts + INTERVAL '10' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k AND r.ts >= l.ts
WHERE r.ts <= l.ts + INTERVAL '5' SECOND;
SELECT l.v, r.w FROM l JOIN r ON r.ts BETWEEN l.ts AND l.ts + INTERVAL '1' SECOND;
SELECT l.v, r.w FROM l JOIN r ON l.k = r.k
AND r.ts BETWEEN l.ts + INTERVAL '5' SECOND AND l.ts + INTERVAL '1' SECOND;
