CREATE STREAM clicks (`user` STRING, page STRING)
WITH ('connector' = 'file', 'path' = 'clicks.csv', 'format' = 'csv', 'csv.header' = 'true');
CREATE STREAM page_counts (page STRING, cnt BIGINT)
WITH ('connector' = 'file', 'path' = 'counts.csv', 'format' = 'csv', 'csv.header' = 'true', 'sink.changelog-mode' = 'all');
INSERT INTO page_counts SELECT page, COUNT(*) AS cnt FROM clicks GROUP BY page;
CREATE STREAM counts_raw (line STRING) WITH ('connector' = 'file', 'path' = 'counts.csv', 'format' = 'csv', 'csv.field-delimiter' = '\t');
SELECT line FROM counts_raw;
SELECT * FROM page_counts;
SELECT cnt, COUNT(*) AS pages FROM page_counts GROUP BY cnt;
SELECT SUM(cnt) AS total, COUNT(*) AS pages, MAX(cnt) AS top FROM page_counts;
CREATE STREAM page_counts_json (page STRING, cnt BIGINT)
WITH ('connector' = 'file', 'path' = 'counts.jsonl', 'format' = 'jsonl', 'sink.changelog-mode' = 'all');
INSERT INTO page_counts_json SELECT page, COUNT(*) AS cnt FROM clicks GROUP BY page;
CREATE STREAM counts_json_raw (line STRING) WITH ('connector' = 'file', 'path' = 'counts.jsonl', 'format' = 'csv', 'csv.field-delimiter' = '\t', 'csv.quote-character' = '^');
SELECT line FROM counts_json_raw;
CREATE STREAM histogram (cnt BIGINT, pages BIGINT)
WITH ('connector' = 'file', 'path' = 'histogram.csv', 'format' = 'csv', 'sink.changelog-mode' = 'all');
INSERT INTO histogram SELECT cnt, COUNT(*) FROM page_counts_json GROUP BY cnt;
SELECT cnt, SUM(pages) FROM histogram GROUP BY cnt;
CREATE STREAM reader (page STRING, cnt BIGINT)
WITH ('connector' = 'file', 'path' = 'counts.jsonl', 'format' = 'json', 'source.changelog-mode' = 'all');
SELECT page, MIN(cnt), MAX(cnt) FROM reader GROUP BY page;
CREATE STREAM titles (page STRING, title STRING)
WITH ('connector' = 'file', 'path' = 'titles.csv', 'format' = 'csv');
SELECT t.title, c.cnt FROM titles t JOIN page_counts c ON t.page = c.page;
