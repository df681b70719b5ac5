Help: `.help` lists the commands and the help topics; `HELP` on a line of its own is `.help`.

  $ printf '.help\n' | eddy
  .checkpoints [PATH]                List the checkpoints in PATH (default: 'checkpoint.path')
  .exit                              Exit the shell
  .help [TOPIC|COMMAND|FUNCTION]     Show the commands and help topics, or one
  .maxrows [N]                       Show at most N rows of a table in box mode (0: all)
  .maxwidth [N]                      Fit box output to N columns (0: no limit)
  .mode [box|table|csv|jsonl|changelog] Set the output mode (no argument: show it)
  .output [FILE]                     Write results to FILE (no argument: back to stdout)
  .quit                              Exit the shell
  .read FILE                         Run the statements and dot-commands in FILE
  .schema [NAME]                     Print the CREATE statements of the streams and views
  .tables [PATTERN]                  List the streams and views (SHOW STREAMS: details)
  .timer on|off                      Print each statement's run time
  
  SQL statements end with ';' and may span lines. Unique prefixes of commands work (.mo csv).
  
  Help topics (.help TOPIC, or HELP TOPIC):
    statements   the SQL statements
    functions    every function, aggregate and table function, with its usage
    modes        the output modes (.mode)
    editing      line editing, history and completion
    paths        where relative paths point
    .help NAME   a command (.help mode) or a function (.help substring)
  $ printf 'HELP modes;\n' | eddy
  box        a table drawn with lines (the default on a terminal)
  csv        RFC 4180 lines after a header line (the default otherwise)
  jsonl      one JSON object per row
  changelog  +I[v1, v2], Flink's print format, the change kind first
  
  An updating result (GROUP BY without TIMEOUT) has an op column (+I -U +U -D) in box
  and csv, an "op" key in jsonl. --mode sets the mode on the command line.
  $ eddy -c 'help editing'
  Up / Down     recall earlier statements (a statement typed over several lines comes
                back whole); kept in ~/.eddy_history ($EDDY_HISTORY; empty: none)
  Tab           complete keywords, stream, view and column names, functions, and
                dot-commands at the start of a line
  Ctrl-C        cancel the running query, or drop the statement being typed
  Ctrl-D        at an empty prompt: leave; on a continuation line (...>): drop the
                unfinished statement, which is printed (Up recalls it)
  $ eddy -c '.help paths'
  A relative path ('path' options, .read) is taken relative to the working directory;
  in a script, one that does not exist there is taken relative to the script's folder,
  so `eddy examples/demo.sql` finds examples/data/logins.csv. A file to write needs
  its folder to exist. When neither exists the error names both paths.

`.help functions` lists every function, aggregate and table function with its usage, the
engine's registered ones included; so does SHOW FUNCTIONS, with each function's kind.

  $ eddy -c '.help functions' > functions.txt
  $ test $(eddy --mode csv -c 'SHOW FUNCTIONS' | tail -n +2 | wc -l) -eq $(grep -c '^  ' functions.txt) && echo every function listed
  every function listed
  $ grep -E '^  (COUNT|SUM|CAST|TRY_CAST|SUBSTRING|TUMBLE|SESSION)\(' functions.txt
    CAST(x AS type)
    SUBSTRING(s, start[, length])
    TRY_CAST(x AS type) (NULL when x does not convert)
    COUNT(*) or COUNT([DISTINCT] x)
    SUM(x)
    SESSION(TABLE t [PARTITION BY k], DESCRIPTOR(ts), gap)
    TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])
  $ grep -E '^[A-Z]' functions.txt
  Scalar functions:
  Aggregate functions:
  Table functions:
  $ eddy --mode csv -c 'SHOW FUNCTIONS' | grep -E '^(name|COUNT|CAST|TUMBLE|LOWER),'
  name,kind,usage
  CAST,scalar,CAST(x AS type)
  COUNT,aggregate,COUNT(*) or COUNT([DISTINCT] x)
  LOWER,scalar,LOWER(s)
  TUMBLE,table,"TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])"

`.help NAME` is one command or one function; anything else names the topics.

  $ eddy -c '.help substring' -c '.help count' -c '.help .timer' -c 'HELP tumble'
  SUBSTRING(s, start[, length])  (scalar function)
  COUNT(*) or COUNT([DISTINCT] x)  (aggregate function)
  .timer on|off                      Print each statement's run time
  TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])  (table function)
  $ eddy -c '.help nonsense'
  error: <command>:1: .help: no help on 'nonsense': try a topic (statements, functions, modes, editing, paths), a dot-command or a function name
  [1]

HELP in the middle of a statement, or through the API, is not a statement; the error says what
to do.

  $ eddy -c 'SELECT 1; HELP'
  1
  1
  error: <command>:1:11: syntax error at 'HELP': expected a statement (SELECT, INSERT, CREATE, ...); HELP is a command of the eddy shell, not a statement; SHOW FUNCTIONS lists the functions
  SELECT 1; HELP
            ^
  [1]
