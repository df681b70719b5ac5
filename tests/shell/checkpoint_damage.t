Damaged checkpoint files, end to end (docs/checkpoints.md, "Guarantees"). eddy names the file and
the checkpoint, falls back to an older checkpoint only when that one verifies, never starts from
bad data, keeps the damaged checkpoint as evidence, and a checkpoint that cannot be written does
not stop the query. damage_checkpoint.py (beside this file) changes one bit of a blob through
SQLite, leaving the row's checksum as it was.

A count with timeout from a csv file into a csv file, with full checkpoints every 4 input rows;
the file keeps the newest two: at 8 rows, and at the end.

  $ cat > logins.csv <<'CSV'
  > uid,ts
  > a,2024-01-01 10:00:00
  > b,2024-01-01 10:00:10
  > a,2024-01-01 10:00:20
  > c,2024-01-01 10:00:30
  > b,2024-01-01 10:01:30
  > a,2024-01-01 10:02:00
  > c,2024-01-01 10:03:00
  > b,2024-01-01 10:03:10
  > a,2024-01-01 10:03:20
  > d,2024-01-01 10:03:40
  > CSV
  $ cat > job.sql <<'SQL'
  > CREATE STREAM logins (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
  >   WITH ('connector' = 'file', 'path' = 'logins.csv', 'format' = 'csv', 'csv.header' = 'true');
  > CREATE STREAM counts (uid STRING, logins BIGINT, idle_at TIMESTAMP(3))
  >   WITH ('connector' = 'file', 'path' = 'counts.csv', 'format' = 'csv');
  > SET 'checkpoint.interval' = '4 records';
  > SET 'checkpoint.incremental' = 'false';
  > INSERT INTO counts
  > SELECT uid, COUNT(*) AS logins, TIMEOUT_TIME() AS idle_at
  > FROM logins
  > GROUP BY uid TIMEOUT INTERVAL '1' MINUTE;
  > SQL
  $ printf '#!/bin/sh\nexec python3 "$TESTDIR/damage_checkpoint.py" "$@"\n' > damage
  $ printf "#!/bin/sh\neddy inspect \"\$1\" | grep '^checkpoints,' | cut -d, -f7,9,10,12\n" > checkpoints
  $ chmod +x damage checkpoints

The uninterrupted run, without checkpoints, is the reference.

  $ eddy --batch-size 1 job.sql && mv counts.csv expected.csv
  $ eddy --batch-size 1 --checkpoint ck.db job.sql
  $ cmp counts.csv expected.csv
  $ ./checkpoints ck.db
  false,8,5,
  true,10,9,
  $ cp ck.db good.db

(a) A flipped bit in a key group of the newest checkpoint: the rerun warns, naming the file, the
job and the checkpoint, resumes from the older one and writes the rest of the output again, so
the sink ends up as an uninterrupted run's. The damaged checkpoint stays in the file, marked.

  $ ./damage ck.db flip-key-group
  flipped a bit of checkpoint \d+, operator 2, key group \d+ (re)
  $ ./checkpoints ck.db
  false,8,5,
  true,10,9,
  $ eddy inspect --verify ck.db | grep '^checkpoints,' | tail -1 | cut -d, -f12
  operator 2 key group \d+: checksum mismatch (re)
  $ eddy --batch-size 1 --checkpoint ck.db job.sql
  warning: checkpoint \d+ of job 1 in ck.db is damaged \(operator 2 key group \d+: checksum mismatch\); restoring checkpoint \d+ (re)
  note: resuming job 1 from checkpoint \d+ of ck.db \(taken \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\) (re)
  $ cmp counts.csv expected.csv
  $ ./checkpoints ck.db
  false,8,5,
  true,10,9,operator 2 key group \d+: checksum mismatch (re)
  true,10,9,

An operator's named values (its watermarks and counters) are checked the same way.

  $ cp good.db op.db
  $ ./damage op.db flip-operator
  flipped a bit of checkpoint \d+, operator 3's values (re)
  $ eddy --batch-size 1 --checkpoint op.db job.sql
  warning: checkpoint \d+ of job 1 in op.db is damaged \(operator 3: checksum mismatch\); restoring checkpoint \d+ (re)
  note: resuming job 1 from checkpoint \d+ of op.db \(taken \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\) (re)
  $ cmp counts.csv expected.csv

(b) Both checkpoints damaged: an error naming the file and each checkpoint, exit status 1, and
the sink is not even opened (a missing output file stays missing). Both stay in the file.

  $ cp good.db both.db
  $ ./damage both.db flip-key-group newest && ./damage both.db flip-key-group previous
  flipped a bit of checkpoint \d+, operator 2, key group \d+ (re)
  flipped a bit of checkpoint \d+, operator 2, key group \d+ (re)
  $ rm counts.csv
  $ eddy --batch-size 1 --checkpoint both.db job.sql
  error: job.sql:7: no checkpoint of job 1 in both.db can be restored: checkpoint \d+ is damaged \(operator 2 key group \d+: checksum mismatch\); checkpoint \d+ is damaged \(operator 2 key group \d+: checksum mismatch\) (re)
  [1]
  $ ls counts.csv
  ls: cannot access 'counts.csv': No such file or directory
  [2]
  $ ./checkpoints both.db
  false,8,5,operator 2 key group \d+: checksum mismatch (re)
  true,10,9,operator 2 key group \d+: checksum mismatch (re)

Starting over is explicit, and deletes them.

  $ eddy --batch-size 1 --checkpoint both.db --checkpoint-fresh job.sql
  note: starting job 1 afresh: its checkpoints in both.db were discarded
  $ cmp counts.csv expected.csv
  $ ./checkpoints both.db
  false,8,5,
  true,10,9,

(c) A truncated file: an error naming it; the file is left as it is.

  $ cp good.db short.db
  $ truncate -s 100000 short.db
  $ eddy --checkpoint short.db job.sql
  error: job.sql:7: short.db is damaged: it is truncated \(100000 bytes, its header says \d+\) (re)
  [1]
  $ eddy inspect short.db
  error: short.db is damaged: it is truncated \(100000 bytes, its header says \d+\) (re)
  [1]
  $ wc -c < short.db
  100000

A page SQLite itself cannot read (here the first byte of the checkpoints table's page, its page
type): the file is malformed, and eddy says so and writes nothing into it.

  $ cp good.db broken.db
  $ python3 -c "f = open('broken.db', 'r+b'); f.seek(65536); f.write(b'U')"
  $ md5sum broken.db > broken.md5
  $ eddy --checkpoint broken.db job.sql
  error: job.sql:7: cannot read job 1 from broken.db (database disk image is malformed); the file is damaged
  [1]
  $ eddy inspect broken.db
  error: cannot list the checkpoints in broken.db (database disk image is malformed); the file is damaged
  [1]
  $ md5sum -c broken.md5
  broken.db: OK

(d) A file that is not eddy's: another application's SQLite database, a text file. Neither is
changed.

  $ python3 -c "import sqlite3; c = sqlite3.connect('other.db'); c.execute('CREATE TABLE t (x)')"
  $ md5sum other.db > other.md5
  $ eddy --checkpoint other.db job.sql
  error: job.sql:7: other.db is not an eddy checkpoint store: it is a SQLite database of another application (tables t)
  [1]
  $ md5sum -c other.md5
  other.db: OK
  $ echo 'uid,ts' > notes.csv
  $ eddy --checkpoint notes.csv job.sql
  error: job.sql:7: notes.csv is not an eddy checkpoint store: file is not a database
  [1]
  $ cat notes.csv
  uid,ts

(e) A file written by a newer eddy (a higher format version).

  $ cp good.db newer.db
  $ ./damage newer.db version 2
  user_version = 2
  $ eddy --checkpoint newer.db job.sql
  error: job.sql:7: newer.db was written by a newer eddy (format 2, this eddy reads 1)
  [1]
  $ eddy inspect newer.db
  error: newer.db was written by a newer eddy (format 2, this eddy reads 1)
  [1]

(f) A changed query over the same file: the error shows what differs, around the first
difference. Reformatting or commenting the statement is not a change.

  $ cp good.db changed.db
  $ sed "s/'1' MINUTE/'2' MINUTE/" job.sql > changed.sql
  $ eddy --checkpoint changed.db changed.sql
  error: changed.sql:7: changed.db holds checkpoints of job 1 for another query: its statement was different:
    checkpointed: ...ROUP BY uid TIMEOUT INTERVAL '1' MINUTE
    this query:   ...ROUP BY uid TIMEOUT INTERVAL '2' MINUTE
  to start over, run with --checkpoint-fresh (or SET 'checkpoint.fresh' = 'true')
  [1]
  $ sed "s|'logins.csv'|'./logins.csv'|" job.sql > moved.sql
  $ eddy --checkpoint changed.db moved.sql
  error: moved.sql:7: changed.db holds checkpoints of job 1 for another query: its plan or a stream it reads or writes differs (a column, a connector option or a setting changed):
    checkpointed: ... stream: logins  source: file logins.csv csv  rowtime: ts  watermark: ts - INTER...
    this query:   ... stream: logins  source: file ./logins.csv csv  rowtime: ts  watermark: ts - INT...
  to start over, run with --checkpoint-fresh (or SET 'checkpoint.fresh' = 'true')
  [1]
  $ sed "s/^FROM logins$/  FROM logins -- every login/" job.sql > commented.sql
  $ eddy --batch-size 1 --checkpoint changed.db commented.sql
  note: resuming job 1 from checkpoint \d+ of changed.db \(taken \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, after the query had finished\) (re)
  $ eddy --batch-size 1 --checkpoint changed.db --checkpoint-fresh changed.sql
  note: starting job 1 afresh: its checkpoints in changed.db were discarded
  $ head -2 counts.csv
  c,1,2024-01-01 10:02:30.000
  c,2,2024-01-01 10:05:00.000

(g) The disk fills up during the run (a file-size limit stands in for it: writes past 1.5 MB
fail, here the write-ahead log's after a few checkpoints). The query keeps running and its output
is complete; a warning reports the checkpoints that failed; the file keeps the last checkpoint
written, and a rerun resumes from it and still writes the same output.

  $ (trap '' XFSZ; ulimit -f 1536; eddy --batch-size 1 --checkpoint full.db job.sql)
  warning: a checkpoint failed \(the query keeps running\): checkpoint \d+ of job 1 not written to full.db: .* (re)
  warning: \d+ checkpoints? failed in all (re)
  $ cmp counts.csv expected.csv
  $ ./checkpoints full.db | tail -1 | cut -d, -f1
  false
  $ eddy --batch-size 1 --checkpoint full.db job.sql
  note: resuming job 1 from checkpoint \d+ of full.db \(taken .*\) (re)
  $ cmp counts.csv expected.csv
