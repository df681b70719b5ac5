`eddy inspect CKPT.db` lists what a checkpoint file holds: every checkpoint, then the operators,
sources, sinks and statement of each job's newest checkpoint. It only reads the file. Times of
day (taken_at), state sizes and checkpoint ids (which depend on when checkpoints are taken and how
many are kept) are patterns.

A count with timeout from a csv file into a csv file, checkpointed before the first row, every 4
input rows and at the end. The file keeps the newest two: a full checkpoint at 8 rows and, at the
end, a delta over it.

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
  > INSERT INTO counts
  > SELECT uid, COUNT(*) AS logins, TIMEOUT_TIME() AS idle_at
  > FROM logins
  > GROUP BY uid TIMEOUT INTERVAL '1' MINUTE;
  > SQL
  $ eddy --batch-size 1 --checkpoint ck.db job.sql
  $ cat counts.csv
  b,1,2024-01-01 10:01:10.000
  a,2,2024-01-01 10:01:20.000
  c,1,2024-01-01 10:01:30.000
  b,2,2024-01-01 10:02:30.000
  a,3,2024-01-01 10:03:00.000
  c,2,2024-01-01 10:04:00.000
  b,3,2024-01-01 10:04:10.000
  a,4,2024-01-01 10:04:20.000
  d,1,2024-01-01 10:04:40.000

Box mode: each table under a title line. The finished checkpoint's watermark is the end of the
input; "none" (no watermark yet, no timer pending) is NULL.

  $ md5sum ck.db > before.md5
  $ eddy inspect ck.db --mode box
  checkpoints
  ┌────┬─────┬─────────────────────────┬─────────────┬──────┬──────────┬─────────────────────────┬─────────┬──────────┬───────┬────────┐
  │ id │ job │        taken_at         │    kind     │ base │ finished │        watermark        │ rows_in │ rows_out │ bytes │ damage │
  ├────┼─────┼─────────────────────────┼─────────────┼──────┼──────────┼─────────────────────────┼─────────┼──────────┼───────┼────────┤
  │ +\d+ │ 1   │ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC │ full        │ NULL │ FALSE    │ 2024-01-01 10:03:05.000 │       8 │        5 │ +\d+ │ NULL   │ (re)
  │ +\d+ │ 1   │ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC │ incremental │ +\d+ │ TRUE     │ end of input            │      10 │        9 │ +\d+ │ NULL   │ (re)
  └────┴─────┴─────────────────────────┴─────────────┴──────┴──────────┴─────────────────────────┴─────────┴──────────┴───────┴────────┘
  
  operators
  ┌────────────┬──────────┬─────────┬──────┬─────────────┬────────┬──────────────────┬───────────────────────┬──────────────┐
  │ checkpoint │ operator │  name   │ keys │ state_bytes │ timers │ next_event_timer │ next_processing_timer │  watermark   │
  ├────────────┼──────────┼─────────┼──────┼─────────────┼────────┼──────────────────┼───────────────────────┼──────────────┤
  │ +\d+ │        0 │ Scan    │    0 │           0 │      0 │ NULL             │ NULL                  │ end of input │ (re)
  │ +\d+ │        1 │ Calc    │    0 │           0 │      0 │ NULL             │ NULL                  │ end of input │ (re)
  │ +\d+ │        2 │ Timeout │    4 │ +\d+ │      0 │ NULL             │ NULL                  │ end of input │ (re)
  │ +\d+ │        3 │ Calc    │    0 │           0 │      0 │ NULL             │ NULL                  │ end of input │ (re)
  └────────────┴──────────┴─────────┴──────┴─────────────┴────────┴──────────────────┴───────────────────────┴──────────────┘
  
  sources
  ┌────────────┬───────┬───────────────────────┬────────┬──────┐
  │ checkpoint │ input │      description      │ offset │ line │
  ├────────────┼───────┼───────────────────────┼────────┼──────┤
  │ +\d+ │     0 │ file logins.csv \(csv\) │    227 │   12 │ (re)
  └────────────┴───────┴───────────────────────┴────────┴──────┘
  
  sinks
  ┌────────────┬────────┬───────────────────────┬──────┬───────┐
  │ checkpoint │  name  │      description      │ rows │ bytes │
  ├────────────┼────────┼───────────────────────┼──────┼───────┤
  │ +\d+ │ counts │ file counts.csv \(csv\) │    9 │   252 │ (re)
  └────────────┴────────┴───────────────────────┴──────┴───────┘
  
  statements
  ┌────────────┬─────┬───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐
  │ checkpoint │ job │                                                             statement                                                             │
  ├────────────┼─────┼───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┤
  │ +\d+ │ 1   │ INSERT INTO counts SELECT uid, COUNT\(\*\) AS logins, TIMEOUT_TIME\(\) AS idle_at FROM logins GROUP BY uid TIMEOUT INTERVAL '1' MINUTE │ (re)
  └────────────┴─────┴───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘

Inspecting changed nothing, and left no -wal or -shm file beside it.

  $ md5sum -c before.md5
  ck.db: OK
  $ ls ck.db*
  ck.db

An older checkpoint with --checkpoint-id: at 8 rows the timeout operator had three keys and two
timers pending (the earliest at 10:04:00), its source stood before line 10 and its sink held 5
rows. csv (the
mode when the output is not a terminal) gives every row a first column `table`, and separates
the tables by an empty line, each with its own header.

  $ eddy inspect ck.db --checkpoint-id "$(eddy inspect ck.db | grep '^checkpoints,' | head -1 | cut -d, -f2)"
  table,id,job,taken_at,kind,base,finished,watermark,rows_in,rows_out,bytes,damage
  checkpoints,\d+,1,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC,full,,false,2024-01-01 10:03:05.000,8,5,\d+, (re)
  checkpoints,\d+,1,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC,incremental,\d+,true,end of input,10,9,\d+, (re)
  
  table,checkpoint,operator,name,keys,state_bytes,timers,next_event_timer,next_processing_timer,watermark
  operators,\d+,0,Scan,0,0,0,,, (re)
  operators,\d+,1,Calc,0,0,0,,,2024-01-01 10:03:05.000 (re)
  operators,\d+,2,Timeout,3,\d+,2,2024-01-01 10:04:00.000,,2024-01-01 10:03:05.000 (re)
  operators,\d+,3,Calc,0,0,0,,,2024-01-01 10:03:05.000 (re)
  
  table,checkpoint,input,description,offset,line
  sources,\d+,0,file logins.csv \(csv\),183,10 (re)
  
  table,checkpoint,name,description,rows,bytes
  sinks,\d+,counts,file counts.csv \(csv\),5,140 (re)
  
  table,checkpoint,job,statement
  statements,\d+,1,"INSERT INTO counts SELECT uid, COUNT\(\*\) AS logins, TIMEOUT_TIME\(\) AS idle_at FROM logins GROUP BY uid TIMEOUT INTERVAL '1' MINUTE" (re)

jsonl: one object per row, `table` first (jq 'select(.table == "sinks")').

  $ eddy --mode jsonl inspect ck.db | grep -v '"checkpoints"'
  \{"table":"operators","checkpoint":\d+,"operator":0,"name":"Scan","keys":0,"state_bytes":0,"timers":0,"next_event_timer":null,"next_processing_timer":null,"watermark":"end of input"\} (re)
  \{"table":"operators","checkpoint":\d+,"operator":1,"name":"Calc","keys":0,"state_bytes":0,"timers":0,"next_event_timer":null,"next_processing_timer":null,"watermark":"end of input"\} (re)
  \{"table":"operators","checkpoint":\d+,"operator":2,"name":"Timeout","keys":4,"state_bytes":\d+,"timers":0,"next_event_timer":null,"next_processing_timer":null,"watermark":"end of input"\} (re)
  \{"table":"operators","checkpoint":\d+,"operator":3,"name":"Calc","keys":0,"state_bytes":0,"timers":0,"next_event_timer":null,"next_processing_timer":null,"watermark":"end of input"\} (re)
  \{"table":"sources","checkpoint":\d+,"input":0,"description":"file logins.csv \(csv\)","offset":227,"line":12\} (re)
  \{"table":"sinks","checkpoint":\d+,"name":"counts","description":"file counts.csv \(csv\)","rows":9,"bytes":252\} (re)
  \{"table":"statements","checkpoint":\d+,"job":"1","statement":"INSERT INTO counts SELECT uid, COUNT\(\*\) AS logins, TIMEOUT_TIME\(\) AS idle_at FROM logins GROUP BY uid TIMEOUT INTERVAL '1' MINUTE"\} (re)

One table per kind, whatever the number of jobs: a script of two queries has two jobs, and the
detail tables hold the newest checkpoint of each (here both finished, so each its last).

  $ cat > two.sql <<'SQL'
  > CREATE STREAM logins (uid STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
  >   WITH ('connector' = 'file', 'path' = 'logins.csv', 'format' = 'csv', 'csv.header' = 'true');
  > SELECT uid, ts FROM logins WHERE uid = 'd';
  > SELECT uid FROM logins WHERE ts > TIMESTAMP '2024-01-01 10:03:15';
  > SQL
  $ eddy --checkpoint two.db two.sql
  uid,ts
  d,2024-01-01 10:03:40.000
  uid
  a
  d
  $ eddy inspect two.db | grep -E '^(table|statements|sinks)'
  table,id,job,taken_at,kind,base,finished,watermark,rows_in,rows_out,bytes,damage
  table,checkpoint,operator,name,keys,state_bytes,timers,next_event_timer,next_processing_timer,watermark
  table,checkpoint,input,description,offset,line
  table,checkpoint,name,description,rows,bytes
  sinks,\d+,<result>,query result,1,0 (re)
  sinks,\d+,<result>,query result,2,0 (re)
  table,checkpoint,job,statement
  statements,\d+,1,"SELECT uid, ts FROM logins WHERE uid = 'd'" (re)
  statements,\d+,2,SELECT uid FROM logins WHERE ts > TIMESTAMP '2024-01-01 10:03:15' (re)

The shell's `.checkpoints` prints the same tables in the current mode, for the file given or
the one the shell checkpoints to.

  $ printf '.mode jsonl\n.checkpoints ck.db\n' | eddy | grep sinks
  \{"table":"sinks","checkpoint":\d+,"name":"counts","description":"file counts.csv \(csv\)","rows":9,"bytes":252\} (re)
  $ eddy --checkpoint ck.db -c '.checkpoints' | grep -c '^checkpoints,'
  2
  $ printf '.checkpoints\n' | eddy
  error: <stdin>:1: .checkpoints: no checkpoint file (give its path, or set 'checkpoint.path' / run with --checkpoint PATH)
  [1]

Errors: one `error:` line naming the file, exit status 1; nothing is created or changed.

  $ eddy inspect missing.db
  error: cannot open checkpoint store missing.db: no such file
  [1]
  $ ls missing.db*
  ls: cannot access 'missing.db*': No such file or directory
  [2]
  $ eddy inspect ck.db --checkpoint-id 99
  error: ck.db has no checkpoint \d+ (re)
  [1]
  $ echo 'not a database' > notes.txt
  $ eddy inspect notes.txt
  error: notes.txt is not an eddy checkpoint store: file is not a database
  [1]
  $ touch empty.db
  $ eddy inspect empty.db
  error: empty.db is not an eddy checkpoint store: it is empty
  [1]
  $ python3 -c "import sqlite3; c = sqlite3.connect('other.db'); c.execute('CREATE TABLE t (x)')"
  $ eddy inspect other.db
  error: other.db is not an eddy checkpoint store: it is a SQLite database of another application (tables t)
  [1]
  $ cat notes.txt; ls other.db* empty.db*
  not a database
  empty.db
  other.db
  $ eddy inspect
  error: file is required (try --help)
  [1]
  $ eddy job.sql inspect ck.db
  error: inspect takes no scripts or commands (try --help)
  [1]
