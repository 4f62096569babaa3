/*
 * Python 3.12 parser, written for Switcheroo after the language reference and CPython's
 * Grammar/python.gram.
 *
 * Shaped for ANTLR's SLL-first prediction: every decision is settled by a few tokens of lookahead
 * (common prefixes are factored out, e.g. a parenthesised expression, tuple and generator share
 * one rule), binary operators sit in one left-recursive rule, and assignment targets are parsed as
 * expressions. What CPython rejects beyond this grammar (invalid targets, parameter order,
 * misplaced `return`, `__future__` rules ...) is checked after parsing, as CPython's own
 * compiler does for part of it.
 */
parser grammar PythonParser;

options {
    tokenVocab = PythonLexer;
    superClass = PythonParserBase;
    contextSuperClass = PythonParserContext;
}

// ---------------------------------------------------------------- files and statements

file_input : statement* EOF ;

// A compound statement is the statement node's only child, with no compound_stmt node between them;
// a line of simple statements is the statement node itself, with no simple_stmts node (docs/performance.md,
// "Parse, twelfth round"). StatementContext.Compound() gives the compound one, SimpleLine() the line.
statement
    : function_def
    | if_stmt
    | class_def
    | with_stmt
    | for_stmt
    | try_stmt
    | while_stmt
    | match_stmt
    | decorated
    | simple_stmt (SEMI simple_stmt)* SEMI? NEWLINE
    ;

// Each kind of small statement is a labelled alternative, so the statement is the simple_stmt node itself
// (its context, Expression_stmtContext and the others, derives from Simple_stmtContext) with no node
// between them (docs/performance.md, "Parse, twelfth round"); an import keeps its own rule, for its three
// forms. The expression statement is an expression, an assignment (chained), an augmented or an annotated one.
simple_stmt
    : TYPE name type_params? EQUAL expression                       # type_alias
    | star_expressions
      ( annotation (EQUAL assigned_value)?
      | augassign assigned_value
      | (EQUAL assigned_value)*
      )                                                             # expression_stmt
    | yield_expr                                                    # yield_stmt
    | RETURN star_expressions?                                      # return_stmt
    | import_stmt                                                   # import_statement
    | RAISE (expression (FROM expression)?)?                        # raise_stmt
    | PASS                                                          # pass_stmt
    | DEL target_list                                               # del_stmt
    | ASSERT expression (COMMA expression)?                         # assert_stmt
    | BREAK                                                         # break_stmt
    | CONTINUE                                                      # continue_stmt
    | GLOBAL name (COMMA name)*                                     # global_stmt
    | NONLOCAL name (COMMA name)*                                   # nonlocal_stmt
    ;

annotation : COLON expression ;

assigned_value
    : yield_expr
    | star_expressions
    ;

augassign
    : PLUSEQUAL | MINEQUAL | STAREQUAL | ATEQUAL | SLASHEQUAL | PERCENTEQUAL | AMPEREQUAL
    | VBAREQUAL | CIRCUMFLEXEQUAL | LEFTSHIFTEQUAL | RIGHTSHIFTEQUAL | DOUBLESTAREQUAL | DOUBLESLASHEQUAL
    ;

import_stmt
    : IMPORT dotted_as_name (COMMA dotted_as_name)*                                      # importName
    | FROM relative_dots? dotted_name IMPORT import_targets                              # importFrom
    | FROM relative_dots IMPORT import_targets                                           # importFromRelative
    ;

relative_dots  : (DOT | ELLIPSIS)+ ;
import_targets
    : LPAR import_as_name (COMMA import_as_name)* COMMA? RPAR
    | import_as_name (COMMA import_as_name)*
    | STAR
    ;
import_as_name : name (AS name)? ;
dotted_as_name : dotted_name (AS name)? ;
dotted_name    : name (DOT name)* ;

// A block on its colon's line (`if x: pass`) is itself the line of simple statements.
block
    : NEWLINE INDENT statement+ DEDENT
    | simple_stmt (SEMI simple_stmt)* SEMI? NEWLINE
    ;

decorated  : decorator+ (class_def | function_def) ;
decorator  : AT (assignment_expression | expression) NEWLINE ;

class_def : CLASS name type_params? (LPAR arguments? RPAR)? COLON block ;

function_def : ASYNC? DEF name type_params? LPAR parameters? RPAR (RARROW expression)? COLON block ;

// Permissive on order; the order rules (/, *, defaults, **) are checked after parsing.
parameters : parameter (COMMA parameter)* COMMA? ;
parameter
    : SLASH
    | STAR (name star_annotation?)?
    | DOUBLESTAR name annotation?
    | name annotation? (EQUAL expression)?
    ;
star_annotation : COLON (STAR expr | expression) ;

type_params : LSQB type_param (COMMA type_param)* COMMA? RSQB ;
type_param
    : name (COLON expression)?
    | STAR name
    | DOUBLESTAR name
    ;

if_stmt    : IF (assignment_expression | expression) COLON block elif_block* else_block? ;
elif_block : ELIF (assignment_expression | expression) COLON block ;
else_block : ELSE COLON block ;

while_stmt : WHILE (assignment_expression | expression) COLON block else_block? ;

for_stmt : ASYNC? FOR target_list IN star_expressions COLON block else_block? ;

with_stmt
    : ASYNC? WITH
      ( LPAR with_item (COMMA with_item)* COMMA? RPAR
      | with_item (COMMA with_item)*
      ) COLON block
    ;
with_item : expression (AS star_target)? ;

try_stmt
    : TRY COLON block
      ( finally_block
      | except_block+ else_block? finally_block?
      | except_star_block+ else_block? finally_block?
      )
    ;
except_block      : EXCEPT (expression (AS name)?)? COLON block ;
except_star_block : EXCEPT STAR expression (AS name)? COLON block ;
finally_block     : FINALLY COLON block ;

// ---------------------------------------------------------------- match statement

match_stmt   : MATCH subject_expr COLON NEWLINE INDENT case_block+ DEDENT ;
subject_expr : (star_named_expression | assignment_expression | expression) (COMMA (star_named_expression | assignment_expression | expression))* COMMA? ;
case_block   : CASE patterns guard? COLON block ;
guard        : IF (assignment_expression | expression) ;

patterns      : maybe_star_pattern (COMMA maybe_star_pattern)* COMMA? ;
maybe_star_pattern
    : STAR name
    | pattern
    ;
pattern       : or_pattern (AS name)? ;
or_pattern    : closed_pattern (VBAR closed_pattern)* ;
closed_pattern
    : literal_pattern
    | name_or_attr (LPAR pattern_arguments? RPAR)?
    | LPAR patterns? RPAR
    | LSQB patterns? RSQB
    | LBRACE mapping_items? RBRACE
    ;
literal_pattern
    : signed_number ((PLUS | MINUS) NUMBER)?
    | strings
    | NONE
    | TRUE
    | FALSE
    ;
signed_number     : MINUS? NUMBER ;
name_or_attr      : name (DOT name)* ;
pattern_arguments : pattern_argument (COMMA pattern_argument)* COMMA? ;
pattern_argument
    : name EQUAL pattern
    | pattern
    ;
// A `**rest` capture may only come last.
mapping_items
    : mapping_item (COMMA mapping_item)* (COMMA double_star_pattern)? COMMA?
    | double_star_pattern COMMA?
    ;
mapping_item        : (literal_pattern | name_or_attr) COLON pattern ;
// `**_` is not a capture: CPython's grammar has no rule for it.
double_star_pattern : DOUBLESTAR {InputStream.LA(1) != PythonLexer.UNDERSCORE}? name ;

// ---------------------------------------------------------------- expressions

// An item is an expression, or a starred one: no node wraps a plain item (most of them), so a tree
// keeps one node less per statement (docs/performance.md, "Parse, eleventh round"). `Items()` lists
// both kinds in order.
star_expressions : (star_expression | expression) (COMMA (star_expression | expression))* COMMA? ;
star_expression : STAR expr ;

// As star_expressions: an item is an expression, an assignment expression or a starred one, with no node
// wrapping a plain item (docs/performance.md, "Parse, twelfth round"); the contexts' Items() list them.
star_named_expressions : (star_named_expression | assignment_expression | expression) (COMMA (star_named_expression | assignment_expression | expression))* COMMA? ;
star_named_expression : STAR expr ;

// CPython's named_expression is an assignment expression (`name := value`) or an expression. Where one may
// stand, the grammar names both kinds, so no node wraps a plain expression (docs/performance.md, "Parse,
// twelfth round"); the contexts' NamedExpression() gives whichever stands there.
assignment_expression : name COLONEQUAL expression ;

yield_expr : YIELD (FROM expression | star_expressions)? ;

lambda_parameters : lambda_parameter (COMMA lambda_parameter)* COMMA? ;
lambda_parameter
    : SLASH
    | STAR name?
    | DOUBLESTAR name
    | name (EQUAL expression)?
    ;

// Comparisons, `not`, `and`, `or`, `x if c else y` and `lambda` in one left-recursive rule, so that an
// operand without these operators is one node (a comparison without operators) where it was two, and
// four before that (docs/performance.md, "Parse, twelfth round"). A comparison chain is one node
// (`a < b < c`), as in CPython's tree; `and` and `or` nest to the left (`a and b and c` is (a and b) and c,
// where CPython has one BoolOp of three values). Precedences, tightest first: comparison, not, and, or,
// if-else; a lambda is a primary that takes the whole expression after its colon. This is more than
// CPython accepts in three places, which OperandPlacementCheck rejects after parsing: a lambda as an operand
// of `not`, `and`, `or` or as an if-else's body or condition, an if-else as another's condition, and either
// as a comprehension's iterable or condition (CPython's disjunction).
expression
    : expr (comp_op expr)*                                          # comparison
    | NOT expression                                                # inversion
    | expression AND expression                                     # conjunction
    | expression OR expression                                      # disjunction
    | <assoc = right> expression IF expression ELSE expression      # conditional
    | LAMBDA lambda_parameters? COLON expression                    # lambdef
    ;
comp_op
    : EQEQUAL | NOTEQUAL | LESS | LESSEQUAL | GREATER | GREATEREQUAL
    | IN | NOT IN | IS | IS NOT
    ;

// Everything from bitwise or down to atoms, tightest first. The atoms are the rule's first alternatives,
// so an operand is one node, not an atom under an expr (docs/performance.md, "Parse, twelfth round");
// their contexts are PythonParser.IAtom. A name holds its token directly (no `name` node under it):
// names are the most common operand, and each rule node costs a context, a children list and a rule call.
expr
    : (NAME | MATCH | CASE | TYPE | UNDERSCORE)                      # nameAtom
    | (TRUE | FALSE | NONE)                                          # constantAtom
    | NUMBER                                                         # numberAtom
    | strings                                                        # stringAtom
    | ELLIPSIS                                                       # ellipsisAtom
    | LPAR (yield_expr | (star_named_expression | assignment_expression | expression) (comprehension | COMMA star_named_expressions?)?)? RPAR # parenAtom
    | LSQB ((star_named_expression | assignment_expression | expression) (comprehension | COMMA star_named_expressions?)?)? RSQB # listAtom
    | LBRACE dict_or_set? RBRACE                                     # dictOrSetAtom
    | expr DOT name                                                 # attributeExpr
    | expr LPAR arguments? RPAR                                     # callExpr
    | expr LSQB slices RSQB                                         # subscriptExpr
    | AWAIT {AwaitOperandIsPrimary()}? expr                         # awaitExpr
    | <assoc = right> expr DOUBLESTAR expr                          # powerExpr
    | op = (PLUS | MINUS | TILDE) expr                              # unaryExpr
    | expr op = (STAR | SLASH | DOUBLESLASH | PERCENT | AT) expr    # binaryExpr
    | expr op = (PLUS | MINUS) expr                                 # binaryExpr
    | expr op = (LEFTSHIFT | RIGHTSHIFT) expr                       # binaryExpr
    | expr op = AMPER expr                                          # binaryExpr
    | expr op = CIRCUMFLEX expr                                     # binaryExpr
    | expr op = VBAR expr                                           # binaryExpr
    ;

dict_or_set
    : DOUBLESTAR expr dict_tail
    | STAR expr set_tail
    | (assignment_expression | expression) (COLON expression dict_tail | set_tail)
    ;
dict_tail : comprehension | (COMMA dict_item)* COMMA? ;
set_tail  : comprehension | (COMMA (star_named_expression | assignment_expression | expression))* COMMA? ;
dict_item
    : DOUBLESTAR expr
    | expression COLON expression
    ;

comprehension : comp_for+ ;
comp_for      : ASYNC? FOR target_list IN expression (IF expression)* ;

arguments : argument (COMMA argument)* COMMA? ;
argument
    : name EQUAL expression                                # keywordArgument
    | STAR expression                                      # starArgument
    | DOUBLESTAR expression                                # doubleStarArgument
    | (assignment_expression | expression) comprehension? # positionalArgument
    ;

slices : slice (COMMA slice)* COMMA? ;
slice
    : (assignment_expression | expression) (COLON expression? (COLON expression?)?)?
    | COLON expression? (COLON expression?)?
    | STAR expr
    ;

// Targets of for, del and comprehensions are parsed at bitwise-or level, as CPython's grammar does;
// which expressions may be assigned to is checked after parsing.
target_list : star_target (COMMA star_target)* COMMA? ;
star_target : STAR? expr ;

strings : (STRING | fstring)+ ;
fstring : FSTRING_START fstring_part* FSTRING_END ;
fstring_part
    : FSTRING_MIDDLE
    | fstring_field
    ;
fstring_field
    : LBRACE (yield_expr | star_expressions) EQUAL? (EXCLAMATION name)? (COLON fstring_format_part*)? RBRACE
    ;
fstring_format_part
    : FSTRING_MIDDLE
    | fstring_field
    ;

// Soft keywords are names everywhere but where the grammar gives them their keyword role.
name : NAME | MATCH | CASE | TYPE | UNDERSCORE ;
