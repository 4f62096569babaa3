using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// Where random calls can draw their JAX keys from, found before rewriting: the seed statements
/// (<c>torch.manual_seed(s)</c> as a statement of its own, through the <c>manual_seed</c> hook),
/// each binding a key variable in its scope from its token on, and the parameter initializers
/// (<c>self.w = nn.Parameter(value)</c>, through the <c>parameter</c> hook), inside which a random call
/// uses the initializer's own <c>key</c>. The hooks convert exactly these sites, by the same rules
/// (<see cref="SeedName"/>, <see cref="InitializerData"/>).
/// </summary>
public sealed class RandomSources
{
    public const string SeedHook = "manual_seed";

    public const string ParameterHook = "parameter";

    private readonly List<(int First, int Last)> _initializers = new();
    private readonly List<(Scope Scope, int Token, string Name)> _seeds = new();

    private RandomSources()
    {
    }

    public static RandomSources Of(SyntaxTree tree, SemanticModel model, MapSet maps)
    {
        var sources = new RandomSources();
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(tree.Root!))
        {
            if (model.QualifiedName(call.expr()) is not { } name || !TorchNames.IsTorch(name)
                || maps.Find(name) is not { Unsupported: null, Kind: not EntryKind.Method } entry)
            {
                continue;
            }
            if (entry.Hook == SeedHook && SeedName(call, model) is { } key)
            {
                sources._seeds.Add((ScopeOf(call, model), call.Stop.TokenIndex, key));
            }
            else if (entry.Hook == ParameterHook && InitializerData(call, entry, tree, out _, out _) is { } data)
            {
                sources._initializers.Add((data.Start.TokenIndex, data.Stop.TokenIndex));
            }
        }
        return sources;
    }

    /// <summary>Whether a token is inside a parameter initializer, where <c>key</c> is the initializer's argument.</summary>
    public bool InInitializer(int token) => _initializers.Any(r => r.First <= token && token <= r.Last);

    /// <summary>The key a seed statement bound in a scope before a token (<c>key</c>), or null.</summary>
    public string? SeedIn(Scope scope, int token) => _seeds.LastOrDefault(s => s.Scope == scope && s.Token < token).Name;

    /// <summary>
    /// The key variable a <c>torch.manual_seed(s)</c> call binds: <c>key</c>, or <c>rng_key</c> when
    /// <c>key</c> is taken in its scope; null when the call is not a statement of its own with one seed.
    /// </summary>
    public static string? SeedName(PythonParser.CallExprContext call, SemanticModel model) =>
        SyntaxShapes.Arguments(call).Count != 1 || !SyntaxShapes.IsWholeStatement(call) ? null
        : ScopeOf(call, model).Lookup("key") is null ? "key" : "rng_key";

    /// <summary>
    /// The value an <c>nn.Parameter(...)</c> call initializes the parameter with, when it is
    /// <c>self.NAME = nn.Parameter(value)</c> with arguments that bind and no <c>requires_grad</c>
    /// other than <c>True</c>; else null, with the reason (<paramref name="constant"/>: the reason is
    /// <c>requires_grad</c>, which concerns the call, not the name).
    /// </summary>
    public static ParserRuleContext? InitializerData(PythonParser.CallExprContext call, MapEntry entry, SyntaxTree tree, out string? problem, out bool constant)
    {
        constant = false;
        var arguments = CallArguments.Bind(call.arguments(), entry.Parameters, out problem);
        if (AssignedAttribute(call) is null || arguments is null || arguments.Count == 0)
        {
            problem = $"{entry.Torch} converts only as 'self.name = nn.Parameter(value)'{(problem is null ? "" : ": " + problem)}; kept as is";
            return null;
        }
        if (arguments.FirstOrDefault(a => a.Parameter == "requires_grad") is { } grad && tree.Text(grad.Value).Trim() != "True")
        {
            constant = true;
            problem = "a parameter with requires_grad=False is a constant: keep it as a plain attribute or a variable; kept as is";
            return null;
        }
        return arguments.First(a => a.Parameter == "data").Value;
    }

    /// <summary>The <c>self.NAME</c> that the call is assigned to, when the statement is exactly that assignment.</summary>
    public static PythonParser.AttributeExprContext? AssignedAttribute(PythonParser.CallExprContext call)
    {
        RuleContext node = call;
        while (node.Parent is { ChildCount: 1 } parent && parent is not PythonParser.Assigned_valueContext)
        {
            node = parent;
        }
        if (node.Parent is not PythonParser.Assigned_valueContext value || value.Parent is not PythonParser.Expression_stmtContext statement
            || statement.EQUAL().Length != 1)
        {
            return null;
        }
        return SyntaxShapes.AtomOf(statement.star_expressions()) is PythonParser.AttributeExprContext { } attribute
            && attribute.expr().GetText() == "self" ? attribute : null;
    }

    private static Scope ScopeOf(PythonParser.CallExprContext call, SemanticModel model) =>
        model.ScopeOf(ParseTrees.Descendants<PythonParser.NameAtomContext>(call.expr()).First());
}
