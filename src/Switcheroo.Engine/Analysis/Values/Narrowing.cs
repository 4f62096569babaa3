using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// What a condition tells of the names it tests where it was true or false (docs/maps.md, "Which
/// values are tensors"): <c>x is not None</c> (true), <c>x is None</c> (false) and <c>x</c> (true:
/// <c>None</c> is false) say that <c>x</c> is not <c>None</c>; <c>x is None</c> (true) that it is.
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
    }

    /// <summary>The names a condition tests, each with what it is known to be where the condition had <paramref name="outcome"/>.</summary>
    public static IEnumerable<(PythonParser.NameAtomContext Name, Refinement How)> Of(IParseTree condition, bool outcome)
    {
        switch (TargetNames.Unwrap(condition))
        {
            case PythonParser.NameAtomContext name when outcome:
                return [(name, Refinement.NotNone)];
            case PythonParser.ParenAtomContext paren when paren.COMMA() is null && paren.comprehension() is null && paren.star_named_expression() is { } inner:
                return Of(inner, outcome);
            case PythonParser.InversionContext inversion:
                return Of(inversion.test(), !outcome);
            case PythonParser.ConjunctionContext conjunction when outcome:
                return conjunction.test().SelectMany(i => Of(i, true)).ToList();
            case PythonParser.DisjunctionContext disjunction when !outcome:
                return disjunction.test().SelectMany(c => Of(c, false)).ToList();
            case PythonParser.ComparisonContext comparison when NoneTest(comparison) is var (name, negated) && name is not null:
                return [(name, outcome != negated ? Refinement.IsNone : Refinement.NotNone)];
            default:
                return [];
        }
    }

    /// <summary>What a name's value is where a test says <paramref name="how"/>: a value that may be <c>None</c> loses or keeps only that part.</summary>
    public static Value Apply(Value value, Refinement how) => how switch
    {
        _ when value.Kind == ValueKind.None => value,
        Refinement.NotNone => value.NotNone(),
        _ => Value.NoneObject,
    };

    /// <summary><c>x is None</c> (negated: false) or <c>x is not None</c> (true), either way round.</summary>
    private static (PythonParser.NameAtomContext? Name, bool Negated) NoneTest(PythonParser.ComparisonContext comparison)
    {
        if (comparison.comp_op().Length != 1 || comparison.comp_op(0).IS() is null)
        {
            return (null, false);
        }
        bool negated = comparison.comp_op(0).NOT() is not null;
        var (left, right) = (TargetNames.Unwrap(comparison.expr(0)), TargetNames.Unwrap(comparison.expr(1)));
        return (left, right) switch
        {
            (PythonParser.NameAtomContext name, ITerminalNode { Symbol.Type: PythonLexer.NONE }) => (name, negated),
            (ITerminalNode { Symbol.Type: PythonLexer.NONE }, PythonParser.NameAtomContext name) => (name, negated),
            _ => (null, false),
        };
    }
}
