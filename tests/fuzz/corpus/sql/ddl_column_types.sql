CREATE STREAM t (
  b BOOLEAN,
  i INT,
  i2 INTEGER,
  l BIGINT,
  d DOUBLE,
  dp DOUBLE PRECISION,
  m DECIMAL(10, 2),
  m0 DECIMAL,
  s STRING,
  v VARCHAR,
  v10 VARCHAR(10),
  ts TIMESTAMP(3),
  ts0 TIMESTAMP
) WITH ('connector' = 'blackhole');
DESCRIBE t;
CREATE STREAM nn (a INT NOT NULL, b STRING NOT NULL, c STRING) WITH ('connector' = 'blackhole');
DESCRIBE nn;
DESC NN;
CREATE STREAM x (a INTEGR) WITH ('connector' = 'blackhole');
CREATE STREAM x (a DECIMAL(5, 6)) WITH ('connector' = 'blackhole');
CREATE STREAM x (a DECIMAL(0)) WITH ('connector' = 'blackhole');
DESCRIBE nothing_here;
