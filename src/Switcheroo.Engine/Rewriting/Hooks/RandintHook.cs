using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>randint</c>: <c>torch.randint</c> binds its arguments by how many are given — <c>(high, size)</c>
/// or <c>(low, high, size)</c> — which a map entry's parameter list cannot say. The call becomes
/// <c>jax.random.randint</c> with an explicit key (<see cref="RandomKeys"/>):
/// <code>
/// torch.randint(10, (4,))                 →  jax.random.randint(subkey, (4,), 0, 10)
/// torch.randint(1, 7, (2, 3), dtype=d)    →  jax.random.randint(subkey, (2, 3), 1, 7, dtype=d)
/// </code>
/// <c>device</c>, <c>layout</c> and <c>requires_grad</c> go; <c>generator</c> and <c>out</c> are reported.
/// Caveat: torch's default dtype is int64, JAX's is its default integer (int32 unless 64-bit mode is on).
/// </summary>
public sealed class RandintHook : IHook
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "device", "layout", "requires_grad" };

    public string Name => "randint";

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call;
        var arguments = CallArguments.Of(call?.arguments());
        var values = call is null ? null : Bind(arguments);
        string? problem = call is null ? "it is used without a call" : values is null ? "its arguments are not (high, size) or (low, high, size), with dtype, device, layout or requires_grad" : null;
        if (problem is null && (!values!.ContainsKey("high") || !values.ContainsKey("size")))
        {
            problem = "high and size are needed";
        }
        if (problem is not null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference, $"torch.randint(...) not converted: {problem}");
            return;
        }
        var key = context.RandomKeys.KeyFor(call!, out var noKey);
        if (key is null)
        {
            context.Report(DiagnosticCodes.RandomWithoutKey, call!, $"torch.randint(...) not converted: {noKey}");
            return;
        }
        Py low = values!.TryGetValue("low", out var given) ? Py.Source(given) : PyLiteral.Int(0);
        var randint = Py.CallOf(Py.Named(context.Targets.Reference("jax.random.randint")),
            [Py.OfText(key), Py.Source(values["size"]), low, Py.Source(values["high"])],
            values.TryGetValue("dtype", out var dtype) ? [new PyKeyword("dtype", Py.Source(dtype))] : []);
        context.Plan.Replace(call!, PyPrinter.Print(randint));
        foreach (var argument in arguments.OfType<PythonParser.KeywordArgumentContext>().Where(k => Dropped.Contains(k.name().GetText())))
        {
            context.Plan.Discard(argument);
        }
        context.MarkConverted(site.Reference);
    }

    /// <summary>The arguments by torch's names: two positionals are (high, size), three (low, high, size); null when they cannot bind.</summary>
    private static Dictionary<string, Antlr4.Runtime.ParserRuleContext>? Bind(IReadOnlyList<PythonParser.ArgumentContext> arguments)
    {
        var values = new Dictionary<string, Antlr4.Runtime.ParserRuleContext>(StringComparer.Ordinal);
        var positional = arguments.TakeWhile(a => a is PythonParser.PositionalArgumentContext p && p.comprehension() is null)
            .Cast<PythonParser.PositionalArgumentContext>().Select(p => (Antlr4.Runtime.ParserRuleContext)p.NamedExpression()).ToList();
        string[] names = positional.Count switch
        {
            3 => ["low", "high", "size"],
            2 => ["high", "size"],
            1 => ["high"],
            0 => [],
            _ => null!,
        };
        if (names is null)
        {
            return null;
        }
        for (int i = 0; i < names.Length; i++)
        {
            values[names[i]] = positional[i];
        }
        foreach (var argument in arguments.Skip(positional.Count))
        {
            if (argument is not PythonParser.KeywordArgumentContext keyword)
            {
                return null;
            }
            var name = keyword.name().GetText();
            if (Dropped.Contains(name))
            {
                continue;
            }
            if (name is not ("low" or "high" or "size" or "dtype") || !values.TryAdd(name, keyword.expression()))
            {
                return null;
            }
        }
        return values;
    }
}
