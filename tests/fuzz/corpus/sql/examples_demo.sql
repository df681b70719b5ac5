-- eddy demo: a continuous query over a login log (run with `make demo`).
-- The file is replayed as a stream; event time comes from `ts`, and rows may arrive up to
-- five seconds out of order. A row older than that is behind the watermark: plain queries keep
-- it, and the timeout below counts and drops it only if its key's minute had already passed.
CREATE STREAM logins (
  uid     STRING,
  status  STRING,
  ip      STRING,
  ts      TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector'  = 'file',
  'path'       = 'data/logins.csv',
  'format'     = 'csv',
  'csv.header' = 'true'
);

-- Failed logins, with the minute they fall in and whether they came from outside 10.0.0.0/16.
SELECT uid,
       ip,
       ts,
       DATE_FORMAT(ts, 'HH:mm') AS minute,
       CASE WHEN ip LIKE '10.0.%' THEN 'internal' ELSE 'external' END AS origin
FROM logins
WHERE status = 'fail';

-- The seed's count-with-timeout: per user, the number of logins so far, emitted whenever the
-- user has been idle for one minute of event time. The count keeps growing (KEEP STATE); the
-- end of the file flushes the users still active.
SELECT uid,
       COUNT(*)       AS logins,
       TIMEOUT_TIME() AS idle_at
FROM logins
GROUP BY uid TIMEOUT INTERVAL '1' MINUTE;
