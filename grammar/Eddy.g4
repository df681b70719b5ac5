// eddy's SQL dialect: Flink-SQL-flavoured statements, one statement per parse.
//
// The front end (parser/parser.cpp) splits a script at top-level ';' before ANTLR runs and parses
// each statement with `singleStatement`, so ';' never reaches this grammar. It also bounds the
// nesting of parentheses, CASE and prefix operators first: ANTLR's recursive descent would
// otherwise overflow the stack on deep input.
//
// Layout, so that later clauses (scalar subqueries, IN (query)) slot in:
//   statements -> query (UNION ALL of select blocks) -> select block clauses
//   -> relations (comma-separated, each a primary relation and a chain of joins)
//   -> expressions (booleanExpression > predicate > valueExpression > primaryExpression, which
//      includes EXISTS (query)) -> types -> identifiers (nonReserved keeps most keywords usable
//      as names) -> lexer.
// Keywords are case-insensitive (letter fragments at the bottom).
grammar Eddy;

// ===== Statements =================================================================================

singleStatement
    : statement EOF
    ;

statement
    : query                                                            #queryStatement
    | insertStatement                                                  #insertStmt
    | CREATE createBody                                                #createStmt
    | DROP kind=(STREAM | TABLE | VIEW) (IF EXISTS)? identifier         #dropStmt
    | SHOW (what=(STREAMS | TABLES | VIEWS | FUNCTIONS | SETTINGS | QUERIES)
           | CREATE kind=(STREAM | TABLE | VIEW) identifier)          #showStmt
    | (DESCRIBE | DESC) identifier                                     #describeStmt
    | SET (key=STRING EQ value=STRING)?                                #setStmt
    | RESET key=STRING?                                                #resetStmt
    | EXPLAIN FLINK? (query | insertStatement | CREATE createBody)      #explainStmt
    | CHECKPOINT                                                       #checkpointStmt
    ;

insertStatement
    : INSERT INTO identifier query
    ;

// CREATE is factored out so that a misspelling after it is reported against the words that may
// follow CREATE rather than against every statement.
createBody
    : TEMPORARY? kind=(STREAM | TABLE) ifNotExists? identifier
      LPAREN tableElement (COMMA tableElement)* RPAREN
      (WITH LPAREN option (COMMA option)* RPAREN)?                     #createStream
    | (OR REPLACE)? VIEW ifNotExists? identifier AS query              #createView
    ;

ifNotExists
    : IF NOT EXISTS
    ;

tableElement
    : watermarkDefinition
    | primaryKeyDefinition
    | columnDefinition
    ;

// `name AS expr` is a computed column (pt AS PROCTIME(), total AS price * qty), as in Flink.
// `name type METADATA [FROM 'key'] [VIRTUAL]` is filled by the connector (Kafka's partition,
// offset, timestamp), as in Flink.
columnDefinition
    : identifier dataType METADATA (FROM key=STRING)? VIRTUAL?         #metadataColumn
    | identifier dataType (NOT NULL_)? columnPrimaryKey?               #physicalColumn
    | identifier AS expression                                         #computedColumn
    ;

// Flink's key constraints: `a INT PRIMARY KEY NOT ENFORCED` on a column, or
// `[CONSTRAINT name] PRIMARY KEY (a, b) NOT ENFORCED` after the columns. ENFORCED and a missing
// NOT ENFORCED parse so that the builder can say that Flink requires NOT ENFORCED.
columnPrimaryKey
    : (CONSTRAINT name=identifier)? PRIMARY KEY (NOT? ENFORCED)?
    ;

primaryKeyDefinition
    : (CONSTRAINT name=identifier)? PRIMARY KEY
      LPAREN identifier (COMMA identifier)* RPAREN (NOT? ENFORCED)?
    ;

// ADVANCE AFTER <interval> IDLE: event time follows the wall clock once the stream has been
// silent that long, so timeouts still fire when traffic stops.
watermarkDefinition
    : WATERMARK FOR identifier AS expression (ADVANCE AFTER intervalValue IDLE)?
    ;

option
    : key=STRING EQ value=STRING
    ;

// ===== Queries ====================================================================================

// ORDER BY and LIMIT apply to the whole UNION ALL; a parenthesised branch may have its own.
query
    : queryTerm unionTail* orderByClause? limitClause?
    ;

orderByClause
    : ORDER BY sortItem (COMMA sortItem)*
    ;

sortItem
    : expression ordering=(ASC | DESC)? (NULLS nullOrder=(FIRST | LAST))?
    ;

// UNION without ALL parses so the builder can say that only UNION ALL is supported.
unionTail
    : UNION quantifier=(ALL | DISTINCT)? queryTerm
    ;

limitClause
    : LIMIT INTEGER_VALUE
    ;

queryTerm
    : selectBlock                                                      #selectTerm
    | LPAREN query RPAREN                                              #parenthesizedTerm
    ;

// TIMEOUT belongs to GROUP BY (it says when a key's group is emitted) and is written after the
// keys; HAVING may come before or after it, as both read naturally:
//   GROUP BY uid TIMEOUT INTERVAL '1' MINUTE RESET STATE HAVING COUNT(*) > 3
//   GROUP BY uid HAVING COUNT(*) > 3 TIMEOUT INTERVAL '1' MINUTE
// The grammar also takes a TIMEOUT without GROUP BY so that the builder can say what is missing
// rather than list the tokens that could have come instead.
selectBlock
    : SELECT setQuantifier? selectItem (COMMA selectItem)*
      fromClause?
      whereClause?
      groupByClause?
      (havingClause timeoutClause? | timeoutClause havingClause?)?
    ;

setQuantifier
    : DISTINCT
    | ALL
    ;

selectItem
    : qualifier=identifier DOT ASTERISK                                #qualifiedStarItem
    | ASTERISK                                                         #starItem
    | expression (AS? alias=identifier)?                               #expressionItem
    ;

// `FROM a, b, c` is a cross join of the relations, each of which may be a chain of joins; the
// builder nests both to the left: (((a JOIN b) JOIN c), d) for `FROM a JOIN b .. JOIN c .., d`.
fromClause
    : FROM relation (COMMA relation)*
    ;

relation
    : primaryRelation joinClause*
    ;

// ON is optional here so that the builder can say that a JOIN needs one (and that a CROSS JOIN
// takes none) rather than list the tokens that could have come instead. The right side is a
// primary relation: joins nest to the left; a parenthesised subquery nests them otherwise.
joinClause
    : NATURAL? joinType? JOIN right=primaryRelation
      (ON condition=expression | USING LPAREN identifier (COMMA identifier)* RPAREN)?
    ;

// SEMI and ANTI are non-reserved, so `FROM a semi JOIN b` is a join of `a AS semi`; the builder
// rejects that spelling (see build_query.cpp).
joinType
    : INNER                                                            #innerJoin
    | side=(LEFT | RIGHT | FULL) OUTER?                                #outerJoin
    | LEFT filter=(SEMI | ANTI)                                        #semiJoin
    | CROSS                                                            #crossJoin
    ;

primaryRelation
    : TABLE LPAREN tableFunction RPAREN (AS? alias=identifier)?        #tableFunctionRelation
    | tableFunction (AS? alias=identifier)?                            #tableFunctionRelation
    | name=identifier (AS? alias=identifier)?                          #namedRelation
    | LPAREN query RPAREN (AS? alias=identifier)?                      #subqueryRelation
    ;

// A table function call in FROM, written bare or inside TABLE(...) (Flink 2.x takes both): the
// window table functions TUMBLE / HOP / CUMULATE / SESSION and the engine's registered ones:
//   TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND)
//   count_with_timeout(TABLE logins PARTITION BY uid, INTERVAL '1' MINUTE)
// The name is an identifier, not a keyword, so that TUMBLE and the rest stay usable as names
// and as group-window calls in GROUP BY; the binder resolves it and checks the arguments.
tableFunction
    : function=identifier LPAREN (tableArgument (COMMA tableArgument)*)? RPAREN
    ;

tableArgument
    : TABLE input=identifier partitionBy?                              #tableArg
    | DESCRIPTOR LPAREN identifier (COMMA identifier)* RPAREN          #descriptorArg
    | expression                                                       #expressionArg
    ;

partitionBy
    : PARTITION BY (identifier | LPAREN identifier (COMMA identifier)* RPAREN)
    ;

whereClause
    : WHERE expression
    ;

// Group-window calls (TUMBLE(ts, INTERVAL '1' MINUTE), HOP(...), SESSION(...)) are ordinary
// function calls here. GROUP BY () is one group over all rows.
groupByClause
    : GROUP BY (LPAREN RPAREN | expression (COMMA expression)*)
    ;

havingClause
    : HAVING expression
    ;

timeoutClause
    : TIMEOUT intervalValue (retention=(KEEP | RESET) STATE)? (ON PROCESSING TIME)?
    ;

// ===== Expressions ================================================================================
// Precedence, loosest first: OR < AND < NOT < predicates (comparison, IS NULL, LIKE, IN, BETWEEN)
// < (+ - ||) < (* / %) < unary (- +) < primary. Predicates do not chain: a = b = c is an error.

expression
    : booleanExpression
    ;

booleanExpression
    : valueExpression predicate?                                       #predicated
    | NOT booleanExpression                                            #logicalNot
    | left=booleanExpression op=AND right=booleanExpression            #logicalBinary
    | left=booleanExpression op=OR right=booleanExpression             #logicalBinary
    ;

// IN (query) comes before IN (list) so that `x IN (SELECT ...)` is a subquery.
predicate
    : comparisonOperator right=valueExpression                         #comparisonPredicate
    | NOT? BETWEEN lower=valueExpression AND upper=valueExpression     #betweenPredicate
    | NOT? IN LPAREN query RPAREN                                      #inQueryPredicate
    | NOT? IN LPAREN expression (COMMA expression)* RPAREN             #inPredicate
    | NOT? LIKE pattern=valueExpression (ESCAPE escape=valueExpression)? #likePredicate
    | IS NOT? NULL_                                                     #nullPredicate
    | IS NOT? DISTINCT FROM right=valueExpression                      #distinctPredicate
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE
    ;

valueExpression
    : primaryExpression                                                #valuePrimary
    | op=(MINUS | PLUS) valueExpression                                #unaryArithmetic
    | left=valueExpression op=(ASTERISK | SLASH | PERCENT) right=valueExpression #binaryArithmetic
    | left=valueExpression op=(PLUS | MINUS | CONCAT) right=valueExpression      #binaryArithmetic
    ;

// The special call syntaxes come before the generic call so that, where both match
// (POSITION(a IN (b))), the special form wins. `NOT EXISTS (query)` is logicalNot over
// existsExpression; the builder folds the NOT into the Exists node. Later: scalar subqueries.
primaryExpression
    : NULL_                                                             #nullLiteral
    | (TRUE | FALSE)                                                   #booleanLiteral
    | INTEGER_VALUE                                                    #integerLiteral
    | DECIMAL_VALUE                                                    #decimalLiteral
    | DOUBLE_VALUE                                                     #doubleLiteral
    | STRING                                                           #stringLiteral
    | TIMESTAMP STRING                                                 #timestampLiteral
    | DATE STRING                                                      #dateLiteral
    | TIME STRING                                                      #timeLiteral
    | intervalValue                                                    #intervalLiteral
    | CASE operand=expression? whenClause+ (ELSE otherwise=expression)? END #caseExpression
    | kind=(CAST | TRY_CAST) LPAREN expression AS dataType RPAREN      #castExpression
    | EXTRACT LPAREN unit=identifier FROM expression RPAREN            #extractExpression
    | POSITION LPAREN needle=valueExpression IN haystack=valueExpression RPAREN #positionExpression
    | SUBSTRING LPAREN expression FROM expression (FOR expression)? RPAREN #substringExpression
    | TRIM LPAREN side=(BOTH | LEADING | TRAILING)? chars=valueExpression? FROM expression RPAREN
                                                                       #trimExpression
    | kind=(FLOOR | CEIL) LPAREN expression TO unit=identifier RPAREN  #floorCeilExpression
    | EXISTS LPAREN query RPAREN                                       #existsExpression
    | functionName LPAREN ASTERISK RPAREN                              #starCall
    | functionName LPAREN (setQuantifier? expression (COMMA expression)*)? RPAREN #functionCall
    | qualifier=identifier DOT name=identifier                         #qualifiedColumn
    | name=identifier                                                  #columnReference
    | LPAREN expression RPAREN                                         #parenthesized
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

// Its own rule because TIMEOUT and ADVANCE AFTER take an interval literal, not any expression.
intervalValue
    : INTERVAL sign=(MINUS | PLUS)? value=(STRING | INTEGER_VALUE | DECIMAL_VALUE) intervalUnit?
    ;

// Reserved words that are also common function names.
functionName
    : identifier
    | LEFT
    | RIGHT
    ;

// Day-time units give an INTERVAL in milliseconds, MONTH and YEAR a year-month INTERVAL.
intervalUnit
    : MILLISECOND | MILLISECONDS | SECOND | SECONDS | MINUTE | MINUTES | HOUR | HOURS | DAY | DAYS
    | MONTH | MONTHS | YEAR | YEARS
    ;

// ===== Types ======================================================================================
// Type names are identifiers resolved by the builder, which can then say "unknown type 'FOO'" and
// keep words like TIMESTAMP usable as column names.

dataType
    : name=identifier PRECISION? (LPAREN INTEGER_VALUE (COMMA INTEGER_VALUE)? RPAREN)?
    ;

// ===== Identifiers ================================================================================

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | BACKQUOTED_IDENTIFIER
    | nonReserved
    ;

// Every keyword not listed here is reserved: it ends an expression or a clause (FROM, WHERE, AND,
// JOIN, ON, ...) or is kept for clauses to come (ORDER, WITH), so it cannot be an implicit alias.
// The reserved words are: ALL AND AS BETWEEN BY CASE CROSS DISTINCT ELSE END ESCAPE EXISTS FALSE
// FROM FULL GROUP HAVING IN INNER INSERT INTO IS JOIN LEFT LIKE LIMIT NATURAL NOT NULL ON OR ORDER
// OUTER RIGHT SELECT THEN TRUE UNION USING WHEN WHERE WITH, and CONSTRAINT and PRIMARY (reserved in
// Flink too, and what tells a key constraint from a column). Everything the time and window clauses added
// (TIMEOUT, KEEP, STATE, PROCESSING, TIME, ADVANCE, AFTER, IDLE, DESCRIPTOR, PARTITION, QUERIES)
// is non-reserved, and so are ORDER BY's ASC, DESC, NULLS, FIRST and LAST, SEMI and ANTI
// (keywords only after LEFT in a join), FLINK (only after EXPLAIN), FLOOR, CEIL and TO (keywords only for
// FLOOR / CEIL(ts TO unit)); TUMBLE, HOP, CUMULATE, SESSION, window_start,
// window_end and window_time are not keywords at all.
nonReserved
    : ADVANCE | AFTER | ANTI | ASC | BOTH | CAST | CEIL | CHECKPOINT | CREATE | DATE | DAY | DAYS
    | DESC | DESCRIBE | DESCRIPTOR | DROP | ENFORCED | EXPLAIN | EXTRACT | FIRST | FLINK | FLOOR | FOR | FUNCTIONS
    | HOUR | HOURS | IDLE | IF | INTERVAL | KEEP | KEY | LAST | LEADING | MILLISECOND | MILLISECONDS
    | METADATA | MINUTE | MINUTES | MONTH | MONTHS | NULLS
    | PARTITION
    | POSITION | PRECISION | PROCESSING | QUERIES | REPLACE | RESET | SECOND | SECONDS | SEMI
    | SET | SETTINGS | SHOW | STATE | STREAM | STREAMS | SUBSTRING | TABLE | TABLES | TEMPORARY
    | TIME | TIMEOUT | TIMESTAMP | TO | TRAILING | TRIM | TRY_CAST | VIEW | VIEWS | VIRTUAL
    | WATERMARK
    | YEAR | YEARS
    ;

// ===== Lexer ======================================================================================

LPAREN : '(' ;
RPAREN : ')' ;
COMMA : ',' ;
DOT : '.' ;
SEMICOLON : ';' ;
EQ : '=' ;
NEQ : '<>' | '!=' ;
LTE : '<=' ;
GTE : '>=' ;
LT : '<' ;
GT : '>' ;
PLUS : '+' ;
MINUS : '-' ;
ASTERISK : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
CONCAT : '||' ;

// Keywords, alphabetical: syntax_error.cpp takes every token from ADVANCE to YEARS for a keyword.
ADVANCE : A D V A N C E ;
AFTER : A F T E R ;
ALL : A L L ;
AND : A N D ;
ANTI : A N T I ;
AS : A S ;
ASC : A S C ;
BETWEEN : B E T W E E N ;
BOTH : B O T H ;
BY : B Y ;
CASE : C A S E ;
CAST : C A S T ;
CHECKPOINT : C H E C K P O I N T ;
CEIL : C E I L ;
CONSTRAINT : C O N S T R A I N T ;
CREATE : C R E A T E ;
CROSS : C R O S S ;
DATE : D A T E ;
DAY : D A Y ;
DAYS : D A Y S ;
DESC : D E S C ;
DESCRIBE : D E S C R I B E ;
DESCRIPTOR : D E S C R I P T O R ;
DISTINCT : D I S T I N C T ;
DROP : D R O P ;
ELSE : E L S E ;
END : E N D ;
ENFORCED : E N F O R C E D ;
ESCAPE : E S C A P E ;
EXISTS : E X I S T S ;
EXPLAIN : E X P L A I N ;
FLINK : F L I N K ;
EXTRACT : E X T R A C T ;
FALSE : F A L S E ;
FIRST : F I R S T ;
FLOOR : F L O O R ;
FOR : F O R ;
FROM : F R O M ;
FULL : F U L L ;
FUNCTIONS : F U N C T I O N S ;
GROUP : G R O U P ;
HAVING : H A V I N G ;
HOUR : H O U R ;
HOURS : H O U R S ;
IDLE : I D L E ;
IF : I F ;
IN : I N ;
INNER : I N N E R ;
INSERT : I N S E R T ;
INTERVAL : I N T E R V A L ;
INTO : I N T O ;
IS : I S ;
JOIN : J O I N ;
KEEP : K E E P ;
KEY : K E Y ;
LAST : L A S T ;
LEADING : L E A D I N G ;
LEFT : L E F T ;
LIKE : L I K E ;
LIMIT : L I M I T ;
METADATA : M E T A D A T A ;
MILLISECOND : M I L L I S E C O N D ;
MILLISECONDS : M I L L I S E C O N D S ;
MINUTE : M I N U T E ;
MINUTES : M I N U T E S ;
MONTH : M O N T H ;
MONTHS : M O N T H S ;
NATURAL : N A T U R A L ;
NOT : N O T ;
NULL_ : N U L L ;  // not NULL: that is a C macro in the generated code
NULLS : N U L L S ;
ON : O N ;
OR : O R ;
ORDER : O R D E R ;
OUTER : O U T E R ;
PARTITION : P A R T I T I O N ;
POSITION : P O S I T I O N ;
PRECISION : P R E C I S I O N ;
PRIMARY : P R I M A R Y ;
PROCESSING : P R O C E S S I N G ;
QUERIES : Q U E R I E S ;
REPLACE : R E P L A C E ;
RESET : R E S E T ;
RIGHT : R I G H T ;
SECOND : S E C O N D ;
SECONDS : S E C O N D S ;
SELECT : S E L E C T ;
SEMI : S E M I ;
SET : S E T ;
SETTINGS : S E T T I N G S ;
SHOW : S H O W ;
STATE : S T A T E ;
STREAM : S T R E A M ;
STREAMS : S T R E A M S ;
SUBSTRING : S U B S T R I N G ;
TABLE : T A B L E ;
TABLES : T A B L E S ;
TEMPORARY : T E M P O R A R Y ;
THEN : T H E N ;
TIME : T I M E ;
TIMEOUT : T I M E O U T ;
TIMESTAMP : T I M E S T A M P ;
TO : T O ;
TRAILING : T R A I L I N G ;
TRIM : T R I M ;
TRUE : T R U E ;
TRY_CAST : T R Y '_' C A S T ;
UNION : U N I O N ;
USING : U S I N G ;
VIEW : V I E W ;
VIEWS : V I E W S ;
VIRTUAL : V I R T U A L ;
WATERMARK : W A T E R M A R K ;
WHEN : W H E N ;
WHERE : W H E R E ;
WITH : W I T H ;
YEAR : Y E A R ;
YEARS : Y E A R S ;

// Literals. A doubled quote inside a string or quoted identifier stands for one quote. The front
// end reports unterminated strings, quoted identifiers and comments at their start before ANTLR
// runs, so these rules only ever see terminated ones.
STRING : '\'' ( ~'\'' | '\'\'' )* '\'' ;
INTEGER_VALUE : DIGIT+ ;
DECIMAL_VALUE : DIGIT+ '.' DIGIT* | '.' DIGIT+ ;
DOUBLE_VALUE : DIGIT+ ( '.' DIGIT* )? EXPONENT | '.' DIGIT+ EXPONENT ;

IDENTIFIER : ( LETTER | '_' ) ( LETTER | DIGIT | '_' | '$' )* ;
QUOTED_IDENTIFIER : '"' ( ~'"' | '""' )* '"' ;
BACKQUOTED_IDENTIFIER : '`' ( ~'`' | '``' )* '`' ;

LINE_COMMENT : '--' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS : [ \t\r\n\u000B\u000C\uFEFF]+ -> skip ;

fragment EXPONENT : [eE] [+-]? DIGIT+ ;
fragment DIGIT : [0-9] ;
fragment LETTER : [\p{L}] ;

fragment A : [aA] ;
fragment B : [bB] ;
fragment C : [cC] ;
fragment D : [dD] ;
fragment E : [eE] ;
fragment F : [fF] ;
fragment G : [gG] ;
fragment H : [hH] ;
fragment I : [iI] ;
fragment J : [jJ] ;
fragment K : [kK] ;
fragment L : [lL] ;
fragment M : [mM] ;
fragment N : [nN] ;
fragment O : [oO] ;
fragment P : [pP] ;
fragment Q : [qQ] ;
fragment R : [rR] ;
fragment S : [sS] ;
fragment T : [tT] ;
fragment U : [uU] ;
fragment V : [vV] ;
fragment W : [wW] ;
fragment X : [xX] ;
fragment Y : [yY] ;
fragment Z : [zZ] ;
