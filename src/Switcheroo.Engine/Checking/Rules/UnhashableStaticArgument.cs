using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// An unhashable value where JAX or dataclasses need a hashable one: a Linen module field whose
/// default is a list, dict or set (dataclasses raise ValueError: mutable default), and a static
/// argument of a jitted step (<c>functools.partial(jax.jit, static_argnums=0)</c>) that is, or is
/// a model constructed with, a list, dict or set: <c>jax.jit</c> hashes static arguments, and a
/// Linen module hashes its fields.
/// </summary>
/// <example><code>
/// model = MLP([64, 32])
/// params, opt_state = train_step(model, params, opt_state, x, y)   # hit: MLP's field holds a list
/// </code></example>
internal sealed class UnhashableStaticArgument : ISelfCheckRule
{
    public string Name => "unhashable-static-argument";

    public IEnumerable<RuleHit> Check(CheckedFile file) => Defaults(file).Concat(StaticArguments(file));

    private static IEnumerable<RuleHit> Defaults(CheckedFile file) =>
        from @class in file.Classes
        from field in @class.OwnFields
        where SyntaxFacts.IsUnhashableDisplay(SyntaxFacts.AssignedValue(field.Value))
        select new RuleHit(field.Value, $"the field '{field.Key}' of {@class.Name} defaults to a list, dict or set: dataclasses reject it (ValueError: mutable default), and the module could not be hashed as a static argument");

    private static IEnumerable<RuleHit> StaticArguments(CheckedFile file)
    {
        var jitted = JittedFunctions(file);
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(file.Root))
        {
            if (SyntaxFacts.NameOf(call.expr()) is not { } callee || !jitted.TryGetValue(callee, out var positions))
            {
                continue;
            }
            var arguments = SyntaxFacts.Arguments(call);
            foreach (int position in positions.Where(p => p < arguments.Count && arguments[p] is PythonParser.PositionalArgumentContext))
            {
                var argument = SyntaxFacts.ArgumentExpr(arguments[position]);
                if (SyntaxFacts.IsUnhashableDisplay(argument) || (SyntaxFacts.NameOf(argument) is { } name && BuiltWithUnhashable(name, call)))
                {
                    yield return new RuleHit(call, $"the static argument {position} of {callee} is or holds a list, dict or set, which jax.jit cannot hash (TypeError: unhashable type)");
                }
            }
        }
    }

    /// <summary>Functions compiled with static positional arguments: name → the static positions.</summary>
    private static Dictionary<string, int[]> JittedFunctions(CheckedFile file)
    {
        var jitted = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var function in ParseTrees.Descendants<PythonParser.DecoratedContext>(file.Root).Where(d => d.function_def() is not null))
        {
            foreach (var decorator in function.decorator())
            {
                if (SyntaxFacts.Expr(decorator.NamedExpression()) is PythonParser.CallExprContext partial
                    && file.QualifiedName(partial.expr()) == "functools.partial"
                    && SyntaxFacts.Arguments(partial) is { Count: > 0 } arguments
                    && file.QualifiedName(SyntaxFacts.ArgumentExpr(arguments[0])) == "jax.jit")
                {
                    jitted[function.function_def().name().GetText()] = StaticPositions(partial);
                }
            }
        }
        return jitted;
    }

    private static int[] StaticPositions(PythonParser.CallExprContext jit) =>
        SyntaxFacts.Arguments(jit).OfType<PythonParser.KeywordArgumentContext>()
            .Where(k => k.name().GetText() == "static_argnums")
            .SelectMany(k => ParseTrees.Descendants<PythonParser.NumberAtomContext>(k.expression()))
            .Select(n => int.TryParse(n.GetText(), out int i) ? i : -1)
            .Where(i => i >= 0)
            .ToArray();

    /// <summary>True when, before <paramref name="use"/> in its function, the name is assigned a call with a list, dict or set among its arguments (directly or through a name so assigned).</summary>
    private static bool BuiltWithUnhashable(string name, PythonParser.CallExprContext use)
    {
        var function = SyntaxFacts.EnclosingFunction(use);
        var scope = (Antlr4.Runtime.Tree.IParseTree?)function?.block() ?? SyntaxShapes.Enclosing<PythonParser.File_inputContext>(use)!;
        var assignments = ParseTrees.Descendants<PythonParser.Expression_stmtContext>(scope)
            .Where(s => s.Start.TokenIndex < use.Start.TokenIndex && SyntaxFacts.EnclosingFunction(s) == function)
            .SelectMany(s => SyntaxFacts.Targets(s).Select(t => (Target: SyntaxFacts.NameOf(SyntaxFacts.Expr(t)), Value: SyntaxFacts.AssignedValue(s))))
            .Where(a => a.Target is not null)
            .ToList();
        var unhashableNames = assignments.Where(a => SyntaxFacts.IsUnhashableDisplay(a.Value)).Select(a => a.Target!).ToHashSet(StringComparer.Ordinal);
        return assignments.Where(a => a.Target == name).Select(a => a.Value).OfType<PythonParser.CallExprContext>()
            .SelectMany(SyntaxFacts.Arguments).Select(SyntaxFacts.ArgumentExpr)
            .Any(argument => SyntaxFacts.IsUnhashableDisplay(argument) || (SyntaxFacts.NameOf(argument) is { } n && unhashableNames.Contains(n)));
    }
}
