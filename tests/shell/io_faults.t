Output that cannot be written (issue 11). A reader that goes away ends eddy quietly with exit
status 0, as other Unix tools do: here `head` stops reading an unbounded stream after one line.

  $ eddy --mode csv -c "CREATE STREAM g (a INT) WITH ('connector' = 'datagen', 'fields.a.kind' = 'sequence', 'fields.a.start' = '1'); SELECT a FROM g" | head -2; echo "eddy: ${PIPESTATUS[0]}"
  a
  1
  eddy: 0

A sink that cannot write (here a file-size limit, as a full disk would) names its file, and the
exit status is 1. eddy ignores SIGXFSZ, so the write fails with EFBIG rather than killing it.

  $ cat > job.sql <<'SQL'
  > CREATE STREAM g (a BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '100000',
  >   'fields.a.kind' = 'sequence', 'fields.a.start' = '1');
  > CREATE STREAM o (a BIGINT) WITH ('connector' = 'file', 'path' = 'o.csv', 'format' = 'csv');
  > INSERT INTO o SELECT a FROM g;
  > SQL
  $ (ulimit -f 8; eddy job.sql)
  error: job.sql:4: cannot write 'o.csv': File too large
  [1]

Results that cannot be written to standard output are an error too.

  $ head -2 job.sql > gen.sql; echo 'SELECT a FROM g;' >> gen.sql
  $ (ulimit -f 8; eddy --mode csv gen.sql > results.csv)
  error: cannot write to standard output (disk full or file size limit?)
  [1]

A sink that cannot hold what a checkpoint commits fails the query rather than losing rows: here
a device, which cannot be synced (nor rolled back on a resume), so the first checkpoint fails.

  $ cat > device.sql <<'SQL'
  > CREATE STREAM g (a BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '3',
  >   'fields.a.kind' = 'sequence', 'fields.a.start' = '1');
  > CREATE STREAM o (a BIGINT) WITH ('connector' = 'file', 'path' = '/dev/full', 'format' = 'csv');
  > INSERT INTO o SELECT a FROM g;
  > SQL
  $ eddy --checkpoint ckpt.db device.sql
  error: device.sql:4: cannot checkpoint what '/dev/full' holds: it is not a regular file (a pipe or device cannot be synced or rolled back)
  [1]
