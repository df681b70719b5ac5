-- The Nexmark streams (nexmark-flink's ddl_gen.sql + ddl_views.sql, one stream per kind).
-- Run a query with:  build/eddy examples/nexmark/ddl.sql examples/nexmark/q5.sql
-- 10M generator events at 10,000 events per second of event time (the reference's default
-- first-event.rate): 1000 s of event time, 100K events in a 10 s window. Another size or rate:
-- see README.md.
CREATE TABLE IF NOT EXISTS person (
  id BIGINT,
  name VARCHAR,
  emailAddress VARCHAR,
  creditCard VARCHAR,
  city VARCHAR,
  state VARCHAR,
  dateTime TIMESTAMP(3),
  extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) WITH ('connector' = 'nexmark', 'nexmark.table' = 'person',
        'events' = '10000000', 'event-rate' = '10000');

CREATE TABLE IF NOT EXISTS auction (
  id BIGINT,
  itemName VARCHAR,
  description VARCHAR,
  initialBid BIGINT,
  reserve BIGINT,
  dateTime TIMESTAMP(3),
  expires TIMESTAMP(3),
  seller BIGINT,
  category BIGINT,
  extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) WITH ('connector' = 'nexmark', 'nexmark.table' = 'auction',
        'events' = '10000000', 'event-rate' = '10000');

CREATE TABLE IF NOT EXISTS bid (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  channel VARCHAR,
  url VARCHAR,
  dateTime TIMESTAMP(3),
  extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid',
        'events' = '10000000', 'event-rate' = '10000');
