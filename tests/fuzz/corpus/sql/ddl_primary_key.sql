CREATE STREAM totals (
  region STRING,
  day DATE,
  total BIGINT,
  PRIMARY KEY (region, day) NOT ENFORCED
) WITH ('connector' = 'blackhole');
DESCRIBE totals;
SHOW CREATE STREAM totals;
DROP STREAM totals;
CREATE STREAM `totals` (
  `region` STRING NOT NULL,
  `day` DATE NOT NULL,
  `total` BIGINT,
  PRIMARY KEY (`region`, `day`) NOT ENFORCED
) WITH (
  'connector' = 'blackhole'
);
SHOW CREATE STREAM totals;
CREATE TABLE users (
  Id BIGINT primary key not enforced,
  name STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'blackhole');
SHOW CREATE TABLE users;
CREATE STREAM named (a INT, b INT NOT NULL, CONSTRAINT pk_a PRIMARY KEY (a) NOT ENFORCED) WITH ('connector' = 'blackhole');
SHOW CREATE STREAM named;
CREATE STREAM named_column (a INT CONSTRAINT pk PRIMARY KEY NOT ENFORCED, b INT) WITH ('connector' = 'blackhole');
SHOW CREATE STREAM named_column;
CREATE STREAM words (key STRING, enforced BOOLEAN, PRIMARY KEY (key) NOT ENFORCED) WITH ('connector' = 'blackhole');
DESCRIBE words;
CREATE STREAM nulls (total BIGINT PRIMARY KEY NOT ENFORCED) WITH ('connector' = 'blackhole');
INSERT INTO nulls SELECT CAST(NULL AS BIGINT);
CREATE STREAM dup (id INT, v STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'file', 'path' = 'dup.csv', 'format' = 'csv');
SELECT id, v FROM dup;
CREATE STREAM e1 (a INT, b INT, PRIMARY KEY (a)) WITH ('connector' = 'blackhole');
CREATE STREAM e2 (a INT, b INT, PRIMARY KEY (a) ENFORCED) WITH ('connector' = 'blackhole');
CREATE STREAM e3 (a INT PRIMARY KEY, b INT) WITH ('connector' = 'blackhole');
CREATE STREAM e4 (region STRING, n INT, PRIMARY KEY (regoin) NOT ENFORCED) WITH ('connector' = 'blackhole');
CREATE STREAM e5 (a INT, b INT, PRIMARY KEY (a, A) NOT ENFORCED) WITH ('connector' = 'blackhole');
CREATE STREAM e6 (a INT, b AS a + 1, PRIMARY KEY (b) NOT ENFORCED) WITH ('connector' = 'blackhole');
CREATE STREAM e7 (a INT PRIMARY KEY NOT ENFORCED, PRIMARY KEY (a) NOT ENFORCED) WITH ('connector' = 'blackhole');
CREATE STREAM e8 (primary INT) WITH ('connector' = 'blackhole');
SHOW STREAMS;
