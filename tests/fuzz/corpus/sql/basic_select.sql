CREATE STREAM logins (uid STRING, status STRING, ts TIMESTAMP(3))
WITH ('connector' = 'file', 'path' = 'logins.csv', 'format' = 'csv', 'csv.header' = 'true');
SELECT uid, ts FROM logins;
SELECT uid FROM logins WHERE status = 'fail';
SELECT uid, status IS NULL FROM logins;
SELECT uid, status FROM logins WHERE uid <> 'u2';
SELECT 1 + 2, 'x' || uid, CAST(NULL AS STRING) FROM logins WHERE uid = 'u3';
SELECT '' AS empty, uid FROM logins WHERE uid = 'u3';
