using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// What a condition tells of the names it tests where it was true or false (docs/maps.md, "Which
/// values are tensors"): <c>x is not None</c> (true), <c>x is None</c> (false) and <c>x</c> (true:
/// <c>None</c> is false) say that <c>x</c> is not <c>None</c>; <c>x is None</c> (true) that it is.
/// <c>self.NAME</c> is tested the same way (its reader, <see cref="ScopeFlow"/>, decides where the narrowing holds).
/// <c>isinstance(x, T)</c> (true) says that <c>x</c> is an instance of <c>T</c> (<see cref="InstanceValues"/>).
/// <c>not</c> swaps the outcomes; <c>a and b</c> holds both where it was true, <c>a or b</c> both
/// negated where it was false; any other condition tells nothing.
/// </summary>
internal static class Narrowing
{
    /// <summary>What one test tells of one name.</summary>
    public enum Refinement
    {
        NotNone,
        IsNone,

        /// <summary>An instance of the types of the test (<see cref="InstanceValues"/>).</summary>
        IsInstance,
    }

    /// <summary>
    /// The names a condition tests, each with what it is known to be where the condition had <paramref name="outcome"/>
    /// (for <see cref="Refinement.IsInstance"/>, the test's call and types).
    /// </summary>
    /// <remarks>A subject is a name (<see cref="PythonParser.NameAtomContext"/>) or an attribute of a name (<see cref="PythonParser.AttributeExprContext"/>: <c>self.downsample</c>).</remarks>
    public static IEnumerable<(ParserRuleContext Subject, Refinement How, TypeTest? Test)> Of(IParseTree condition, bool outcome)
    {
        switch (TargetNames.Unwrap(condition))
        {
            case PythonParser.NameAtomContext name when outcome:
                return [(name, Refinement.NotNone, null)];
            case PythonParser.AttributeExprContext attribute when outcome && Subject(attribute) is { } subject:
                return [(subject, Refinement.NotNone, null)];
            case PythonParser.CallExprContext when outcome && TypeTests.Isinstance(condition) is { } test && Subject(test.Subject) is { } subject:
                return [(subject, Refinement.IsInstance, new TypeTest(test.Call, test.Types))];
            case PythonParser.ParenAtomContext paren when paren.COMMA() is null && paren.comprehension() is null && paren.FirstItem() is { } inner:
                return Of(inner, outcome);
            case PythonParser.InversionContext inversion:
                return Of(inversion.expression(), !outcome);
            case PythonParser.ConjunctionContext conjunction when outcome:
                return conjunction.expression().SelectMany(i => Of(i, true)).ToList();
            case PythonParser.DisjunctionContext disjunction when !outcome:
                return disjunction.expression().SelectMany(c => Of(c, false)).ToList();
            case PythonParser.ComparisonContext comparison when NoneTest(comparison) is var (name, negated) && name is not null:
                return [(name, outcome != negated ? Refinement.IsNone : Refinement.NotNone, null)];
            default:
                return [];
        }
    }

    /// <summary>An <c>isinstance</c> test: its call and its types.</summary>
    public sealed record TypeTest(PythonParser.CallExprContext Call, IReadOnlyList<IParseTree> Types);

    /// <summary>What a name's value is where a test says <paramref name="how"/>: a value that may be <c>None</c> loses or keeps only that part.</summary>
    public static Value Apply(Value value, Refinement how) => how switch
    {
        _ when value.Kind == ValueKind.None => value,
        Refinement.NotNone => value.NotNone(),
        Refinement.IsInstance => throw new ArgumentException("an isinstance test's value is InstanceValues'", nameof(how)),
        _ => Value.NoneObject,
    };

    /// <summary>A name, or an attribute of a name (<c>self.downsample</c>); null for another expression.</summary>
    private static ParserRuleContext? Subject(IParseTree node) => TargetNames.Unwrap(node) switch
    {
        PythonParser.NameAtomContext name => name,
        PythonParser.AttributeExprContext attribute when TargetNames.Unwrap(attribute.expr()) is PythonParser.NameAtomContext => attribute,
        _ => null,
    };

    /// <summary><c>x is None</c> (negated: false) or <c>x is not None</c> (true), either way round.</summary>
    private static (ParserRuleContext? Name, bool Negated) NoneTest(PythonParser.ComparisonContext comparison)
    {
        if (comparison.comp_op().Length != 1 || comparison.comp_op(0).IS() is null)
        {
            return (null, false);
        }
        bool negated = comparison.comp_op(0).NOT() is not null;
        var (left, right) = (TargetNames.Unwrap(comparison.expr(0)), TargetNames.Unwrap(comparison.expr(1)));
        return (left, right) switch
        {
            (_, ITerminalNode { Symbol.Type: PythonLexer.NONE }) when Subject(left) is { } subject => (subject, negated),
            (ITerminalNode { Symbol.Type: PythonLexer.NONE }, _) when Subject(right) is { } subject => (subject, negated),
            _ => (null, false),
        };
    }
}
