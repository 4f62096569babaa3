using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing;

/// <summary>Turns lexer and parser failures into diagnostics worded as CPython words them.</summary>
internal static class SyntaxErrors
{
    public static Diagnostic FromLexer(string path, LexicalError error)
    {
        var descriptor = error.Kind switch
        {
            LexicalErrorKind.UnterminatedString => DiagnosticCodes.UnterminatedString,
            LexicalErrorKind.Bracket => DiagnosticCodes.Bracket,
            LexicalErrorKind.Indentation => DiagnosticCodes.Indentation,
            LexicalErrorKind.TabsAndSpaces => DiagnosticCodes.TabsAndSpaces,
            LexicalErrorKind.InvalidToken => DiagnosticCodes.InvalidToken,
            _ => DiagnosticCodes.InvalidSyntax,
        };
        return Diagnostic.At(descriptor, error.Message, path, error.Line, error.Column);
    }

    public static Diagnostic FromParser(string path, PythonParser parser, IToken offending)
    {
        int line = offending.Line, column = offending.Column + 1;
        if (offending.Type == PythonLexer.INDENT)
        {
            return Diagnostic.At(DiagnosticCodes.Indentation, "unexpected indent", path, line, column);
        }
        var expected = parser.GetExpectedTokens();
        if (expected.Contains(PythonLexer.INDENT) && PreviousIsNewline(parser, offending))
        {
            return Diagnostic.At(DiagnosticCodes.Indentation, ExpectedBlock(parser.Context), path, line, column);
        }
        if (MisplacedEquals.Explain(parser, offending) is var (at, message))
        {
            return Diagnostic.At(DiagnosticCodes.InvalidSyntax, message, path, at.Line, at.Column + 1);
        }
        if (expected.Count == 1 && expected.Contains(PythonLexer.COLON))
        {
            return Diagnostic.At(DiagnosticCodes.InvalidSyntax, "expected ':'", path, line, column);
        }
        return Diagnostic.At(DiagnosticCodes.InvalidSyntax, "invalid syntax", path, line, column);
    }

    private static bool PreviousIsNewline(PythonParser parser, IToken offending)
    {
        var stream = (ITokenStream)parser.InputStream;
        for (int i = offending.TokenIndex - 1; i >= 0; i--)
        {
            var token = stream.Get(i);
            if (token.Channel == TokenConstants.DefaultChannel)
            {
                return token.Type == PythonLexer.NEWLINE;
            }
        }
        return false;
    }

    /// <summary>"expected an indented block after 'if' statement on line 3", naming the statement that wanted the block.</summary>
    private static string ExpectedBlock(RuleContext? context)
    {
        for (var node = context; node is not null; node = node.Parent)
        {
            if (node is ParserRuleContext rule && Owner(rule) is { } owner)
            {
                return $"expected an indented block after {owner} on line {rule.Start.Line}";
            }
        }
        return "expected an indented block";
    }

    private static string? Owner(ParserRuleContext rule) => rule switch
    {
        PythonParser.If_stmtContext => "'if' statement",
        PythonParser.Elif_blockContext => "'elif' statement",
        PythonParser.Else_blockContext => "'else' statement",
        PythonParser.While_stmtContext => "'while' statement",
        PythonParser.For_stmtContext => "'for' statement",
        PythonParser.With_stmtContext => "'with' statement",
        PythonParser.Try_stmtContext => "'try' statement",
        PythonParser.Except_blockContext or PythonParser.Except_star_blockContext => "'except' statement",
        PythonParser.Finally_blockContext => "'finally' statement",
        PythonParser.Function_defContext => "function definition",
        PythonParser.Class_defContext => "class definition",
        PythonParser.Case_blockContext => "'case' statement",
        _ => null,
    };
}
