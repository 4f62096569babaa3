using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// Parses Python source into a <see cref="SyntaxTree"/>. Never throws on bad input: decoding,
/// lexical and syntax errors, nesting too deep to parse and CPython's compile-time rules
/// (<see cref="SyntaxChecks"/>) all come back as diagnostics. Like CPython, it reports the first
/// error of a file. Parsing tries ANTLR's fast SLL prediction first and falls back to full LL only
/// when SLL fails, which gives the same trees at a fraction of the cost.
/// </summary>
public static class PythonSyntax
{
    /// <summary>Reads, decodes and parses a file. An unreadable file is an SWR0001 diagnostic.</summary>
    public static SyntaxTree ParseFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var unreadable = Diagnostic.At(DiagnosticCodes.FileUnreadable, $"cannot read file: {e.Message}", path, 0, 0);
            return Failed(SourceText.FromString(string.Empty, path), unreadable);
        }
        return Parse(path, bytes);
    }

    /// <summary>Decodes (PEP 263) and parses file contents.</summary>
    public static SyntaxTree Parse(string path, byte[] bytes)
    {
        var diagnostics = new List<Diagnostic>();
        var source = SourceDecoder.Decode(path, bytes, diagnostics);
        return source is null ? Failed(SourceText.FromString(string.Empty, path), diagnostics[0]) : Parse(source);
    }

    public static SyntaxTree Parse(SourceText source) => LargeStack.Run(() => ParseOnThisThread(source));

    private static SyntaxTree ParseOnThisThread(SourceText source)
    {
        using var stage = StageMeter.Enter("parse");
        var lexer = new PythonLexer(StringCharStream.For(source.Text));
        lexer.RemoveErrorListeners();
        var tokens = new SizedTokenStream(lexer, source.Text.Length);
        tokens.Fill();
        var badEscape = BadEscapes.Locate(lexer.FirstBadEscape, tokens.GetTokens(), source.Path);
        if (lexer.Error is { } lexical)
        {
            // The lexer stops at its error; a bad escape it met before was in a complete literal.
            return Failed(source, tokens, badEscape ?? SyntaxErrors.FromLexer(source.Path, lexical));
        }
        var parser = new PythonParser(tokens);
        parser.RemoveErrorListeners();
        try
        {
            var root = ParseTwoStage(parser, tokens, source.Path);
            var (checks, scopes) = SyntaxChecks.Run(root, source, badEscape);
            return new SyntaxTree(source, tokens.TakeTokens(), checks.Count == 0 ? root : null, checks, scopes);
        }
        catch (FirstSyntaxError error)
        {
            return Failed(source, tokens, BadEscapes.ComesFirst(badEscape, error.Diagnostic) ? badEscape! : error.Diagnostic);
        }
        catch (NestingTooDeepException deep)
        {
            var diagnostic = Diagnostic.At(DiagnosticCodes.TooDeeplyNested,
                "too many nested expressions or statements to parse", source.Path, deep.At.Line, deep.At.Column + 1);
            return new SyntaxTree(source, tokens.TakeTokens(), null, new[] { diagnostic });
        }
    }

    private static PythonParser.File_inputContext ParseTwoStage(PythonParser parser, CommonTokenStream tokens, string path)
    {
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        try
        {
            return parser.file_input();
        }
        catch (ParseCanceledException)
        {
            tokens.Seek(0);
            parser.Reset();
            parser.Interpreter.PredictionMode = PredictionMode.LL;
            parser.ErrorHandler = new DefaultErrorStrategy();
            parser.AddErrorListener(new FirstErrorListener(path));
            return parser.file_input();
        }
    }

    private static SyntaxTree Failed(SourceText source, SizedTokenStream tokens, Diagnostic diagnostic) =>
        new(source, tokens.TakeTokens(), null, new[] { diagnostic });

    private static SyntaxTree Failed(SourceText source, Diagnostic diagnostic) =>
        new(source, Array.Empty<IToken>(), null, new[] { diagnostic });

    /// <summary>Stops the LL pass at its first error: CPython reports one error per file, and recovery would only cost time.</summary>
    private sealed class FirstErrorListener(string path) : BaseErrorListener
    {
        public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line,
            int charPositionInLine, string msg, RecognitionException e)
        {
            throw new FirstSyntaxError(SyntaxErrors.FromParser(path, (PythonParser)recognizer, offendingSymbol));
        }
    }

    private sealed class FirstSyntaxError(Diagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public Diagnostic Diagnostic { get; } = diagnostic;
    }
}
