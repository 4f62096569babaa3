using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Switcheroo.Engine.Tests.Support;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// The fast stage of the parse (SLL prediction, bailing out at the first conflict) must accept real
/// code by itself: a file it gives up on is parsed again with full LL, which gives the same verdicts
/// and trees, so the corpus tests would not notice a slower parse. The parser's own simulator
/// reuses one set for the predicates of the operator loops (<c>PythonParser.Prediction.cs</c>): a
/// stale alternative left in it predicts the wrong operator and SLL gives up on nearly every file.
/// It also answers the decisions that the next token settles alone from a table
/// (<c>OneTokenPredictions</c>), and only in SLL: the trees of SLL and full LL must agree.
/// </summary>
public sealed class SllPredictionTests
{
    /// <summary>Large modules full of attributes, calls, subscripts and binary operators.</summary>
    private static readonly string[] Modules = ["inspect.py", "typing.py", "_pydecimal.py", "argparse.py", "ast.py", "dataclasses.py"];

    [Fact]
    public void SllAloneParsesLargeStdlibModules()
    {
        var stdlib = Python.StdlibFolder();
        foreach (var module in Modules)
        {
            var path = Path.Combine(stdlib, module);
            var lexer = new PythonLexer(CharStreams.fromString(File.ReadAllText(path)));
            var parser = new PythonParser(new CommonTokenStream(lexer));
            parser.RemoveErrorListeners();
            parser.Interpreter.PredictionMode = PredictionMode.SLL;
            parser.ErrorHandler = new BailErrorStrategy();
            var root = parser.file_input();
            Assert.True(root.ChildCount > 1, $"{module}: an empty tree");
        }
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void SllTreeIsTheFullLlTree(string module)
    {
        var text = File.ReadAllText(Path.Combine(Python.StdlibFolder(), module));
        string Tree(PredictionMode mode)
        {
            var parser = new PythonParser(new CommonTokenStream(new PythonLexer(CharStreams.fromString(text))));
            parser.RemoveErrorListeners();
            parser.Interpreter.PredictionMode = mode;
            parser.ErrorHandler = new BailErrorStrategy();
            return parser.file_input().ToStringTree(parser);
        }
        // Full LL evaluates predicates into a new set each time and asks ANTLR for every decision.
        Assert.Equal(Tree(PredictionMode.LL), Tree(PredictionMode.SLL));
    }

    public static TheoryData<string> ModuleNames() => new(Modules);

    [Fact]
    public void TheOperatorLoopEndsAtATokenThatIsNoOperator()
    {
        var atn = new PythonParser(new CommonTokenStream(new PythonLexer(CharStreams.fromString("")))).Atn;
        var loop = atn.decisionToState.Single(s =>
            s.ruleIndex == PythonParser.RULE_expr && s is StarLoopEntryState { isPrecedenceDecision: true });
        var table = OneTokenPredictions.Build(atn)[loop.decision]!;
        var exit = Enumerable.Range(0, loop.NumberOfTransitions).Single(i => loop.Transition(i).target is LoopEndState) + 1;
        Assert.Equal(exit, table[PythonLexer.RPAR]);
        Assert.Equal(exit, table[PythonLexer.COMMA]);
        // An operator's alternatives carry precedence predicates: ANTLR decides.
        Assert.Equal(0, table[PythonLexer.PLUS]);
        Assert.Equal(0, table[PythonLexer.DOT]);
        Assert.Equal(0, table[PythonLexer.LPAR]);
    }

    [Fact]
    public void ADecisionWhoseAlternativesShareTheirFirstTokenHasNoEntryForIt()
    {
        var atn = new PythonParser(new CommonTokenStream(new PythonLexer(CharStreams.fromString("")))).Atn;
        // An if's condition: an assignment expression (NAME ':=' ...) or an expression, which may start with a NAME too.
        var decision = atn.decisionToState.First(s => s.ruleIndex == PythonParser.RULE_if_stmt);
        var table = OneTokenPredictions.Build(atn)[decision.decision]!;
        Assert.Equal(0, table[PythonLexer.NAME]);
        Assert.NotEqual(0, table[PythonLexer.NUMBER]);
    }
}
