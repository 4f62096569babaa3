using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Support;

/// <summary>
/// Checks converted code against the real libraries: every jax/flax/optax name it references
/// exists in shared/api/targets.json, and every keyword it passes is a parameter (or Linen field).
/// </summary>
public static class EmittedApiCheck
{
    private static readonly string[] Roots = { "jax", "flax", "optax" };

    public static IReadOnlyList<string> Problems(string convertedText)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString(convertedText, "converted.py"));
        if (tree.Root is null)
        {
            return tree.Diagnostics.Select(d => d.ToString()).ToList();
        }
        var model = SemanticModel.Build(tree);
        var problems = new List<string>();
        foreach (var chain in ParseTrees.Descendants<PythonParser.ExprContext>(tree.Root))
        {
            if (chain is not (PythonParser.AttributeExprContext or PythonParser.NameAtomContext)
                || chain.Parent is PythonParser.AttributeExprContext parent && parent.expr() == chain
                || model.QualifiedName(chain) is not { } name
                || !Roots.Any(r => name == r || name.StartsWith(r + ".", StringComparison.Ordinal))
                || name is "jax" or "jax.numpy" or "flax.linen" or "optax")
            {
                continue;
            }
            if (name == "functools.partial")
            {
                continue;
            }
            if (!ApiCatalog.Targets.Contains(name))
            {
                problems.Add($"{name} is not in the catalog");
                continue;
            }
            if (chain.Parent is PythonParser.CallExprContext call && call.expr() == chain)
            {
                CheckKeywords(name, call, problems);
            }
        }
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(tree.Root))
        {
            // functools.partial(jax.jit, static_argnums=0): the keywords are the wrapped function's.
            if (model.QualifiedName(call.expr()) == "functools.partial"
                && call.arguments()?.argument().FirstOrDefault() is PythonParser.PositionalArgumentContext wrapped
                && SyntaxShapes.AsExpression(wrapped.NamedExpression()) is { } function && model.QualifiedName(function) is { } target
                && ApiCatalog.Targets.Contains(target))
            {
                CheckKeywords(target, call, problems);
            }
            // model.apply(..., mutable=..., rngs=...) / model.init(...): a Linen module's methods.
            if (call.expr() is PythonParser.AttributeExprContext { } member && member.name().GetText() is "apply" or "init"
                && model.QualifiedName(member) is null
                && call.arguments()?.argument().OfType<PythonParser.KeywordArgumentContext>().Any(k => k.name().GetText() is "mutable" or "rngs") == true)
            {
                CheckKeywords("flax.linen.Module." + member.name().GetText(), call, problems);
            }
        }
        return problems;
    }

    private static void CheckKeywords(string name, PythonParser.CallExprContext call, List<string> problems)
    {
        var parameters = ApiCatalog.Targets.Parameters(name);
        if (parameters is null || parameters.Any(p => p.Kind == "var_keyword"))
        {
            return;
        }
        foreach (var keyword in call.arguments()?.argument().OfType<PythonParser.KeywordArgumentContext>() ?? Enumerable.Empty<PythonParser.KeywordArgumentContext>())
        {
            var given = keyword.name().GetText();
            if (!parameters.Any(p => p.Name == given && p.Kind != "positional_only"))
            {
                problems.Add($"{name} has no keyword '{given}'");
            }
        }
    }
}
