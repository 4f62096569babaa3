/*
 * Python 3.12 lexer: the context-free part of CPython's tokenizer.
 *
 * What a regular lexer cannot do lives in PythonLexerBase (C#): NEWLINE/INDENT/DEDENT from
 * indentation, implicit line joining inside brackets, string and f-string literals (3.12 allows
 * nested f-strings with the same quotes, so their extent is not a regular language), and CPython's
 * error messages. Every character of the input ends up in exactly one token, on the default channel
 * or on HIDDEN, so the token stream reproduces the file byte for byte.
 */
lexer grammar PythonLexer;

options { superClass = PythonLexerBase; }

// Produced by PythonLexerBase, never by a rule below.
tokens { INDENT, DEDENT, NL, BOM, STRING, FSTRING_START, FSTRING_MIDDLE, FSTRING_END }

// Hard keywords.
FALSE    : 'False';
NONE     : 'None';
TRUE     : 'True';
AND      : 'and';
AS       : 'as';
ASSERT   : 'assert';
ASYNC    : 'async';
AWAIT    : 'await';
BREAK    : 'break';
CLASS    : 'class';
CONTINUE : 'continue';
DEF      : 'def';
DEL      : 'del';
ELIF     : 'elif';
ELSE     : 'else';
EXCEPT   : 'except';
FINALLY  : 'finally';
FOR      : 'for';
FROM     : 'from';
GLOBAL   : 'global';
IF       : 'if';
IMPORT   : 'import';
IN       : 'in';
IS       : 'is';
LAMBDA   : 'lambda';
NONLOCAL : 'nonlocal';
NOT      : 'not';
OR       : 'or';
PASS     : 'pass';
RAISE    : 'raise';
RETURN   : 'return';
TRY      : 'try';
WHILE    : 'while';
WITH     : 'with';
YIELD    : 'yield';

// Soft keywords: keywords only where the parser says so (its `name` rule accepts them as names).
MATCH      : 'match';
CASE       : 'case';
TYPE       : 'type';
UNDERSCORE : '_';

NAME : ID_START ID_CONTINUE*;

NUMBER
    : DEC_INTEGER
    | '0' [bB] ('_'? [01])+
    | '0' [oO] ('_'? [0-7])+
    | '0' [xX] ('_'? HEX_DIGIT)+
    | FLOAT_NUMBER
    | (FLOAT_NUMBER | DIGIT_PART) [jJ]
    ;

// "0777", "0_7": CPython rejects decimal integers with leading zeros; the base class reports it.
LEADING_ZERO_INTEGER : '0' ('_'? '0')* '_'? [1-9] ('_'? DIGIT)*;

// Operators and delimiters, named as in CPython's token module.
LPAR             : '(';
RPAR             : ')';
LSQB             : '[';
RSQB             : ']';
LBRACE           : '{';
RBRACE           : '}';
COLON            : ':';
COMMA            : ',';
SEMI             : ';';
PLUS             : '+';
MINUS            : '-';
STAR             : '*';
SLASH            : '/';
VBAR             : '|';
AMPER            : '&';
LESS             : '<';
GREATER          : '>';
EQUAL            : '=';
DOT              : '.';
PERCENT          : '%';
EQEQUAL          : '==';
NOTEQUAL         : '!=';
LESSEQUAL        : '<=';
GREATEREQUAL     : '>=';
TILDE            : '~';
CIRCUMFLEX       : '^';
LEFTSHIFT        : '<<';
RIGHTSHIFT       : '>>';
DOUBLESTAR       : '**';
PLUSEQUAL        : '+=';
MINEQUAL         : '-=';
STAREQUAL        : '*=';
SLASHEQUAL       : '/=';
PERCENTEQUAL     : '%=';
AMPEREQUAL       : '&=';
VBAREQUAL        : '|=';
CIRCUMFLEXEQUAL  : '^=';
LEFTSHIFTEQUAL   : '<<=';
RIGHTSHIFTEQUAL  : '>>=';
DOUBLESTAREQUAL  : '**=';
DOUBLESLASH      : '//';
DOUBLESLASHEQUAL : '//=';
AT               : '@';
ATEQUAL          : '@=';
RARROW           : '->';
ELLIPSIS         : '...';
COLONEQUAL       : ':=';
EXCLAMATION      : '!';

// A physical line end. The base class decides whether it is a logical NEWLINE or a hidden NL.
NEWLINE : '\r\n' | '\r' | '\n';

WS        : [ \t\f]+                 -> channel(HIDDEN);
COMMENT   : '#' ~[\r\n]*             -> channel(HIDDEN);
LINE_JOIN : '\\' ('\r\n' | '\r' | '\n') -> channel(HIDDEN);

// Anything else is an error the base class reports in CPython's words.
ERROR_CHAR : . ;

fragment DEC_INTEGER  : [1-9] ('_'? DIGIT)* | '0'+ ('_'? '0')*;
fragment DIGIT        : [0-9];
fragment HEX_DIGIT    : [0-9a-fA-F];
fragment DIGIT_PART   : DIGIT ('_'? DIGIT)*;
fragment FRACTION     : '.' DIGIT_PART;
fragment EXPONENT     : [eE] [+-]? DIGIT_PART;
fragment POINT_FLOAT  : DIGIT_PART? FRACTION | DIGIT_PART '.';
fragment FLOAT_NUMBER : POINT_FLOAT | (DIGIT_PART | POINT_FLOAT) EXPONENT;

fragment ID_START    : [_\p{XID_Start}];
fragment ID_CONTINUE : [\p{XID_Continue}];
