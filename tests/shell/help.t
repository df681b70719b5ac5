Help: `.help` lists the commands and the help topics; `HELP` on a line of its own is `.help`.

  $ printf '.help\n' | eddy
  $ printf 'HELP modes;\n' | eddy
  $ eddy -c 'help editing'
  $ eddy -c '.help paths'

`.help functions` lists every function, aggregate and table function with its usage, the
engine's registered ones included; so does SHOW FUNCTIONS, with each function's kind.

  $ eddy -c '.help functions' > functions.txt
  $ grep -c . functions.txt
  $ grep -E '^  (COUNT|SUM|CAST|TRY_CAST|SUBSTRING|TUMBLE|SESSION)\(' functions.txt
  $ grep -E '^[A-Z]' functions.txt
  $ eddy --mode csv -c 'SHOW FUNCTIONS' | grep -E '^(name|COUNT|CAST|TUMBLE|LOWER),'

`.help NAME` is one command or one function; anything else names the topics.

  $ eddy -c '.help substring' -c '.help count' -c '.help .timer' -c 'HELP tumble'
  $ eddy -c '.help nonsense'
  [1]

HELP in the middle of a statement, or through the API, is not a statement; the error says what
to do.

  $ eddy -c 'SELECT 1; HELP'
  [1]
