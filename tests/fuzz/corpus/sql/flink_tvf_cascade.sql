CREATE TABLE T1 (
  `ts` STRING,
  `int` INT,
  `double` DOUBLE,
  `float` FLOAT,
  `bigdec` DECIMAL(10, 2),
  `string` STRING,
  `name` STRING,
  `rowtime` AS TO_TIMESTAMP(`ts`),
  WATERMARK FOR `rowtime` AS `rowtime` - INTERVAL '1' SECOND
) WITH ('connector' = 'file', 'path' = 't1.csv', 'format' = 'csv');
CREATE VIEW V1 AS
SELECT
  `name`,
  window_time as rowtime,
  COUNT(*) as cnt,
  SUM(`bigdec`) as sum_bigdec,
  MAX(`double`) as max_double,
  MIN(`float`) as min_float,
  COUNT(DISTINCT `string`) as uv
FROM TABLE(
   TUMBLE(TABLE T1, DESCRIPTOR(rowtime), INTERVAL '5' SECOND))
GROUP BY `name`, window_start, window_end, window_time;
SELECT
  `name`, window_start, window_end,
  SUM(cnt),
  SUM(sum_bigdec),
  MAX(max_double),
  MIN(min_float),
  SUM(uv)
FROM TABLE(
   TUMBLE(TABLE V1, DESCRIPTOR(rowtime), INTERVAL '10' SECOND))
GROUP BY `name`, window_start, window_end;
CREATE VIEW V2 AS
SELECT
  0 as group_id,
  `name`,
  window_time as rowtime,
  COUNT(*) as cnt,
  SUM(`bigdec`) as sum_bigdec,
  MAX(`double`) as max_double,
  MIN(`float`) as min_float,
  COUNT(DISTINCT `string`) as uv
FROM TABLE(
   TUMBLE(TABLE T1, DESCRIPTOR(rowtime), INTERVAL '5' SECOND))
GROUP BY `name`, window_start, window_end, window_time
UNION ALL
SELECT
  1 as group_id,
  CAST(NULL AS STRING) as `name`,
  window_time as rowtime,
  COUNT(*) as cnt,
  SUM(`bigdec`) as sum_bigdec,
  MAX(`double`) as max_double,
  MIN(`float`) as min_float,
  COUNT(DISTINCT `string`) as uv
FROM TABLE(
   TUMBLE(TABLE T1, DESCRIPTOR(rowtime), INTERVAL '5' SECOND))
GROUP BY window_start, window_end, window_time;
SELECT
  group_id,
  `name`,
  window_start,
  window_end,
  SUM(cnt),
  SUM(sum_bigdec),
  MAX(max_double),
  MIN(min_float),
  SUM(uv)
FROM TABLE(
   TUMBLE(TABLE V2, DESCRIPTOR(rowtime), INTERVAL '10' SECOND))
GROUP BY group_id, `name`, window_start, window_end;
SELECT
  cnt,
  window_start,
  window_end,
  COUNT(*)
  FROM
  (
    SELECT
    `name`,
    window_start,
    window_end,
    COUNT(DISTINCT `string`) AS cnt
    FROM TABLE(
      TUMBLE(TABLE T1, DESCRIPTOR(rowtime), INTERVAL '1' DAY, INTERVAL '8' HOUR))
    GROUP BY `name`, window_start, window_end
) GROUP BY cnt, window_start, window_end;
