CREATE TABLE upsert_currency (
  currency STRING,
  currency_no STRING,
  rate  BIGINT,
  currency_time TIMESTAMP(3),
  WATERMARK FOR currency_time AS currency_time - interval '5' SECOND
) WITH ('connector' = 'file', 'path' = 'currency.csv', 'format' = 'csv',
  'source.changelog-mode' = 'all');
SELECT
currency,
COUNT(1) AS cnt,
MAX(rate),
TUMBLE_START(currency_time, INTERVAL '5' SECOND) as w_start,
TUMBLE_END(currency_time, INTERVAL '5' SECOND) as w_end
FROM upsert_currency
GROUP BY currency, TUMBLE(currency_time, INTERVAL '5' SECOND);
SELECT
TUMBLE_START(currency_time, INTERVAL '5' SECOND) as w_start,
TUMBLE_END(currency_time, INTERVAL '5' SECOND) as w_end,
MAX(rate) AS max_rate
FROM upsert_currency
GROUP BY TUMBLE(currency_time, INTERVAL '5' SECOND);
