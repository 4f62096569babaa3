using System.IO;
using Antlr4.Runtime;

namespace Switcheroo.Grammar;

/// <summary>
/// Base of the generated parser: bounds the nesting of rule invocations, so pathological input
/// (tens of thousands of unary operators, say) ends in <see cref="NestingTooDeepException"/>
/// instead of a stack overflow. The lexer already bounds brackets (200) and indentation (99) as
/// CPython does; this limit sits well above what those allow in real code, and above the ~3,000
/// levels of statements and expressions CPython's compiler allows, which the engine checks itself.
/// </summary>
public abstract class PythonParserBase : Parser
{
    /// <summary>Rule invocations allowed on the stack at once.</summary>
    public const int MaxRuleDepth = 4000;

    private int _depth;

    protected PythonParserBase(ITokenStream input, TextWriter output, TextWriter errorOutput)
        : base(input, output, errorOutput)
    {
    }

    public override void EnterRule(ParserRuleContext localctx, int state, int ruleIndex)
    {
        Deeper();
        base.EnterRule(localctx, state, ruleIndex);
    }

    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        Deeper();
        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
    }

    public override void ExitRule()
    {
        _depth--;
        base.ExitRule();
    }

    public override void UnrollRecursionContexts(ParserRuleContext parentCtx)
    {
        _depth--;
        base.UnrollRecursionContexts(parentCtx);
    }

    public override void Reset()
    {
        base.Reset();
        _depth = 0;
    }

    /// <summary>A spare generic context per rule with labelled alternatives (indexed by rule), see <see cref="Scratch{T}"/>.</summary>
    private PythonParserContext?[]? _scratch;

    /// <summary>
    /// The generic context of a rule with labelled alternatives, which the generated code creates on
    /// entering the rule (and per operator in a left-recursive rule's loop) only for the chosen
    /// alternative's context to copy it: <c>reuse-alternative-contexts.mjs</c> has the generated
    /// code call this instead of <c>new</c>. The rule's spare is handed out again once an alternative
    /// copied it (after the copy the generated code and ANTLR only read it within the same step);
    /// one that was not copied (the rule failed before choosing an alternative, so it stays in the
    /// tree) is left alone and a new spare takes its place.
    /// </summary>
    protected T Scratch<T>(ParserRuleContext parent, int invokingState, int rule) where T : PythonParserContext, new()
    {
        _scratch ??= new PythonParserContext?[RuleNames.Length];
        if (_scratch[rule] is not { IsFreeScratch: true } context)
        {
            context = new T();
            _scratch[rule] = context;
        }
        context.EnterAsScratch(parent, invokingState);
        return (T)context;
    }

    /// <summary>
    /// CPython's grammar puts a primary after <c>await</c> (<c>await_primary: AWAIT primary</c>), so
    /// <c>await -x</c> and <c>await await x</c> are syntax errors; the left-recursive <c>expr</c> rule
    /// alone would let any prefix operator follow.
    /// </summary>
    protected bool AwaitOperandIsPrimary() =>
        InputStream.LA(1) is not (PythonLexer.AWAIT or PythonLexer.MINUS or PythonLexer.PLUS or PythonLexer.TILDE);

    private void Deeper()
    {
        if (++_depth > MaxRuleDepth)
        {
            throw new NestingTooDeepException(CurrentToken);
        }
    }
}

/// <summary>Thrown when the input nests deeper than <see cref="PythonParserBase.MaxRuleDepth"/>.</summary>
public sealed class NestingTooDeepException(IToken at) : Exception("too many nested expressions or statements")
{
    public IToken At { get; } = at;
}
