using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// Writes out a dict of keywords a function builds once and unpacks into torch calls, as torch's own
/// layers pass their <c>device</c> and <c>dtype</c>:
/// <code>
/// factory_kwargs = {'device': device, 'dtype': dtype}
/// self.weight = Parameter(torch.empty((n_out, n_in), **factory_kwargs))
/// </code>
/// after (the text the rest of the pipeline parses, each line where it was):
/// <code>
/// self.weight = Parameter(torch.empty((n_out, n_in), device=device, dtype=dtype))
/// </code>
/// The same call (in the function or a comprehension of it), when the name is bound once in its function, to a dict display of string keys
/// naming keywords, whose values are literals or arguments of the function it never rebinds (so each
/// holds at the call what it held when the dict was built), and is read only as <c>**NAME</c> in
/// calls, or copied less literal keys by a dict comprehension unpacked in the call (see the other part of
/// this class); the dict's statement stays. Any other dict is left as written (its unpacking is reported
/// where the call converts argument by argument).
/// </summary>
/// <remarks>
/// Whatever the callee, such a call means the same written out: string keys naming keywords, none
/// passed by name too (a duplicate is left as written), values that hold what they held when the dict
/// was built. So in a file that imports torch the unpacking is written out in every call, not only in
/// calls of torch functions (elsewhere only in those, so a file without torch comes out as it was read):
/// torch's <c>transformer.py</c> passes its <c>factory_kwargs</c> to layers it imports relatively
/// (<c>Linear(d_model, dim_feedforward, **factory_kwargs)</c>, bound to torch's name only after this
/// step) and to layer classes of its own (<c>TransformerEncoderLayer(..., **factory_kwargs)</c>).
/// </remarks>
public static partial class FactoryKeywords
{
    /// <summary>The tree with such unpackings written out (parsed again), or the same tree when it has none.</summary>
    public static SyntaxTree Expand(SyntaxTree tree)
    {
        if (tree.Root is null || tree.Diagnostics.Any(d => d.Severity == Severity.Error) || !tree.Source.Text.Contains("**", StringComparison.Ordinal))
        {
            return tree;
        }
        var unpacked = ParseTrees.Descendants<PythonParser.DoubleStarArgumentContext>(tree.Root)
            .Where(a => SyntaxShapes.AtomOf(a.expression()) is PythonParser.NameAtomContext || Filtered(a) is not null).ToList();
        if (unpacked.Count == 0)
        {
            return tree;
        }
        var model = SemanticModel.Build(tree);
        bool torchFile = TorchNames.ImportedBy(model);
        var edits = new List<(int Start, int Stop, string Text)>();
        foreach (var argument in unpacked)
        {
            if (Keywords(argument, model, torchFile) is { } text)
            {
                edits.Add((argument.Start.StartIndex, argument.Stop.StopIndex, text));
            }
        }
        return SourceRewrite.Apply(tree, edits) ?? tree;
    }

    /// <summary>The keywords <c>**NAME</c> stands for, written out (<c>device=device, dtype=dtype</c>), or null.</summary>
    private static string? Keywords(PythonParser.DoubleStarArgumentContext argument, SemanticModel model, bool torchFile)
    {
        var (use, dropped) = SyntaxShapes.AtomOf(argument.expression()) is PythonParser.NameAtomContext name ? (name, []) : Filtered(argument)!.Value;
        if (SyntaxShapes.Enclosing<PythonParser.CallExprContext>(argument) is not { } call || call.arguments() != argument.Parent
            || !(torchFile || TorchNames.IsTorch(model.QualifiedName(call.expr())))
            || model.ScopeOf(use) is not { } reader || reader.NearestNonComprehension() is not { Kind: ScopeKind.Function } scope
            || SemanticModel.Lookup(use.GetText(), reader) is not [{ Kind: BindingKind.Local } binding]
            || SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(binding.Site) is not { } assignment
            || assignment.EQUAL().Length != 1 || assignment.star_expressions().GetText() != use.GetText()
            || assignment.assigned_value() is not [var value]
            || SyntaxShapes.AtomOf(value) is not PythonParser.DictOrSetAtomContext { } display
            || Pairs(display) is not { } pairs)
        {
            return null;
        }
        // every read of the name is such an unpacking
        var function = scope.Node;
        if (ParseTrees.Descendants<PythonParser.NameAtomContext>(function).Any(n => n.GetText() == use.GetText()
                && !(SyntaxShapes.Enclosing<PythonParser.DoubleStarArgumentContext>(n) is { } unpacking
                     && (SyntaxShapes.AtomOf(unpacking.expression()) == n || Filtered(unpacking)?.Use == n))
                && !IsTarget(n, assignment)))
        {
            return null;
        }
        var written = new List<string>();
        var passed = call.arguments().argument().OfType<PythonParser.KeywordArgumentContext>().Select(k => k.name().GetText()).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, item) in pairs.Where(p => !dropped.Contains(p.Key)))
        {
            if (!PythonText.IsIdentifier(key) || passed.Contains(key) || !Stable(item, model, reader))
            {
                return null;
            }
            written.Add($"{key}={item.GetText()}");
        }
        // a filtered dict that keeps nothing would leave an empty argument between commas
        return written.Count == 0 && dropped.Count > 0 ? null : string.Join(", ", written);
    }

    private static bool IsTarget(PythonParser.NameAtomContext name, PythonParser.Expression_stmtContext assignment) =>
        SyntaxShapes.Enclosing<PythonParser.Star_expressionsContext>(name) == assignment.star_expressions();

    /// <summary>The display's keys (string literals, their text) and values, or null for a set, a comprehension or <c>**</c> in it.</summary>
    private static List<(string Key, PythonParser.ExpressionContext Value)>? Pairs(PythonParser.DictOrSetAtomContext display)
    {
        if (display.dict_or_set() is not { } body || body.NamedExpression() is not { } first || body.Value() is not { } firstValue
            || body.dict_tail() is not { } tail || tail.comprehension() is not null)
        {
            return display.dict_or_set() is null ? [] : null;
        }
        var pairs = new List<(Antlr4.Runtime.ParserRuleContext, PythonParser.ExpressionContext)> { (first, firstValue) };
        foreach (var item in tail.dict_item())
        {
            if (item.expression() is not [var key, var value])
            {
                return null;
            }
            pairs.Add((key, value));
        }
        var result = new List<(string, PythonParser.ExpressionContext)>();
        foreach (var (key, value) in pairs)
        {
            if (SyntaxShapes.AtomOf(key) is not PythonParser.StringAtomContext literal
                || Mapping.PythonText.QuotedIdentifier(literal.GetText()) is not { } name
                || result.Any(r => r.Item1 == name))
            {
                return null;
            }
            result.Add((name, value));
        }
        return result;
    }

    /// <summary>
    /// A literal, or an argument of the function that it never rebinds, read where the call is as well (a
    /// comprehension of the function that binds the name itself is another name).
    /// </summary>
    private static bool Stable(PythonParser.ExpressionContext value, SemanticModel model, Scope scope) => SyntaxShapes.AtomOf(value) switch
    {
        PythonParser.NumberAtomContext or PythonParser.StringAtomContext or PythonParser.ConstantAtomContext => true,
        PythonParser.NameAtomContext name => SemanticModel.Lookup(name.GetText(), scope) is [{ Site: PythonParser.ParameterContext }],
        _ => false,
    };
}
