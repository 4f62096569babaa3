using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// A constructor argument that the constructor assigns, under its own name, to another value: the
/// argument is a dataclass field, and Flax forbids assigning a field in <c>setup</c>
/// (<c>SetAttributeInModuleSetupError</c>). A plain value moves to the attribute <c>NAME_</c> in the
/// whole class, so the field stays the constructor's keyword API and holds the argument as given:
/// <code>
/// def __init__(self, dim, scale=None):        scale: typing.Any = None
///     self.scale = scale or dim ** -0.5       def setup(self):
///                                                 self.scale_ = scale or dim ** -0.5
/// def forward(self, x):                       def __call__(self, x):
///     return x * self.scale                       return x * self.scale_
/// </code>
/// A value that may build a submodule or a parameter (a torch class whose entry says <c>instances: module</c> or
/// <c>parameter</c>, a module class, a call other than a builtin, <c>math</c> or a torch function) is not renamed: its name is a key of the variable tree
/// that checkpoints are matched by (docs/checkpoints.md). It is reported (SWR3006) and stays. A torch layer whose entry
/// declares <c>traits: {stateless: true}</c> (<c>self.dropout = nn.Dropout(dropout)</c>) holds no variables, so it is renamed
/// like a plain value.
/// Flax's own fields (<c>name</c>, <c>parent</c>) count as fields too: torch's <c>Upsample</c> sets <c>self.name</c>.
/// Caveats: the suffix grows (<c>scale__</c>) when the class already uses <c>scale_</c>; reads from
/// outside the class (<c>block.scale</c>) and from subclasses are not renamed; a name assigned from
/// a local that holds a layer (<c>d = nn.Dropout(p); self.p = d</c>) counts as plain.
/// </summary>
internal sealed class ShadowedFields(ModuleClass module, IReadOnlyList<ModuleField> fields, ConversionContext context)
{
    /// <summary>Python builtins that return plain values, whatever their arguments.</summary>
    private static readonly HashSet<string> PlainBuiltins = new(StringComparer.Ordinal)
    {
        "tuple", "list", "int", "float", "bool", "str", "complex", "len", "min", "max", "sum", "abs", "round",
        "range", "sorted", "reversed", "zip", "enumerate", "isinstance", "getattr", "hasattr", "dict", "set", "divmod", "pow", "type",
    };

    /// <summary>
    /// Reports the assignments in <paramref name="kept"/> (the statements setup keeps) to a field's name that
    /// cannot be renamed, and answers the new names of the others (field name to attribute name), which
    /// <see cref="Rename"/> applies once other rewrites of those attributes are planned.
    /// </summary>
    public IReadOnlyDictionary<string, string> Resolve(IReadOnlyList<PythonParser.StatementContext> kept)
    {
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        // Flax's own fields (name, parent) are every Linen module's: torch's Upsample sets self.name.
        var names = fields.Select(f => f.Name).Concat(Checking.LinenClass.BuiltInFields).ToHashSet(StringComparer.Ordinal);
        var assignments = kept.SelectMany(ParseTrees.Descendants<PythonParser.Expression_stmtContext>)
            .SelectMany(s => Targets(s).Select(t => (Statement: s, Target: t)))
            .Where(a => names.Contains(a.Target.name().GetText()))
            .GroupBy(a => a.Target.name().GetText(), StringComparer.Ordinal);
        var used = NamesIn(module.Node);
        foreach (var group in assignments)
        {
            var building = group.Where(a => MayHoldVariables(Value(a.Statement))).ToList();
            if (building.Count == 0)
            {
                renames[group.Key] = Unused(group.Key + "_", used);
                continue;
            }
            // Every assignment of the name stays, the plain ones too (self.reduction = reduction in an else branch).
            foreach (var (_, target) in group)
            {
                context.Report(DiagnosticCodes.ModuleNotConverted, target,
                    $"'{group.Key}' is a field of {module.Name} ({(fields.Any(f => f.Name == group.Key) ? "a constructor argument" : "every Flax module has it")}) and setup may not assign it; the value "
                    + "may be a submodule or parameter, whose name the checkpoint keys follow, so it is not renamed: "
                    + "rename the argument or the attribute in the torch code");
            }
        }
        return renames;
    }

    /// <summary>Every <c>self.NAME</c> of the class becomes <c>self.NEW</c>, except where another rewrite replaced it whole (a growing list's local).</summary>
    public void Rename(IReadOnlyDictionary<string, string> renames)
    {
        foreach (var attribute in ParseTrees.Descendants<PythonParser.AttributeExprContext>(module.Node))
        {
            if (attribute.expr().GetText() == "self" && renames.TryGetValue(attribute.name().GetText(), out var renamed)
                && !context.Plan.IsReplaced(attribute.name().Start.TokenIndex))
            {
                context.Plan.Replace(attribute.name(), renamed);
            }
        }
    }

    /// <summary><paramref name="candidate"/>, or it with more underscores, such that no name of the class is that.</summary>
    private static string Unused(string candidate, HashSet<string> used)
    {
        while (used.Contains(candidate))
        {
            candidate += "_";
        }
        used.Add(candidate);
        return candidate;
    }

    private HashSet<string> NamesIn(PythonParser.Class_defContext cls)
    {
        var names = fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        for (int i = cls.Start.TokenIndex; i <= cls.Stop.TokenIndex; i++)
        {
            if (context.Tree.Tokens[i].Type == PythonLexer.NAME)
            {
                names.Add(context.Tree.Tokens[i].Text);
            }
        }
        return names;
    }

    /// <summary>The whole <c>self.NAME</c> targets of an assignment (plain, chained or augmented), not <c>self.x[0]</c> or <c>self.x.y</c>.</summary>
    private static IEnumerable<PythonParser.AttributeExprContext> Targets(PythonParser.Expression_stmtContext statement)
    {
        var values = statement.assigned_value();
        if (values.Length == 0)
        {
            yield break;
        }
        var targets = new List<Antlr4.Runtime.ParserRuleContext> { statement.star_expressions() };
        targets.AddRange(values.Take(values.Length - 1));
        foreach (var target in targets)
        {
            foreach (var attribute in ParseTrees.Descendants<PythonParser.AttributeExprContext>(target))
            {
                if (attribute.expr().GetText() == "self" && attribute.Parent is not PythonParser.ExprContext)
                {
                    yield return attribute;
                }
            }
        }
    }

    private static PythonParser.Assigned_valueContext Value(PythonParser.Expression_stmtContext statement) =>
        statement.assigned_value()[^1];

    /// <summary>
    /// Whether the value may hold a layer or a parameter: a call of anything but a builtin or a torch
    /// function outside torch.nn's classes, in the value itself or in what a local it reads was
    /// assigned (<c>d = nn.Dropout(p); self.p = d</c>).
    /// </summary>
    private bool MayHoldVariables(Antlr4.Runtime.ParserRuleContext value) =>
        BuildsVariables(value) || ParseTrees.Descendants<PythonParser.NameAtomContext>(value).Any(LocalHoldsVariables);

    private bool BuildsVariables(Antlr4.Runtime.ParserRuleContext value) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(value).Any(call => !ReturnsPlainValue(call.expr()));

    private bool LocalHoldsVariables(PythonParser.NameAtomContext name) =>
        (SemanticModel.Lookup(name.GetText(), context.Model.ScopeOf(name)) ?? Array.Empty<NameBinding>())
            .Any(b => b.Kind == BindingKind.Local && b.Site is PythonParser.Expression_stmtContext assignment
                && assignment.assigned_value().Length > 0 && BuildsVariables(Value(assignment)));

    private bool ReturnsPlainValue(PythonParser.ExprContext callee)
    {
        if (callee is PythonParser.AtomExprContext { } atom && atom.atom() is PythonParser.NameAtomContext name
            && context.Model.Resolve(name).Resolution == Resolution.Unbound)
        {
            return PlainBuiltins.Contains(name.GetText());
        }
        // A torch function or math makes arrays and numbers; the classes of modules and parameters (their entries' instances)
        // make variables, except those declared stateless (a dropout or an activation: no checkpoint key follows their name).
        var qualified = context.Model.QualifiedName(callee) ?? string.Empty;
        return qualified.StartsWith("math.", StringComparison.Ordinal)
            || (TorchNames.IsTorch(qualified)
                && (context.Maps.BuildsVariables(qualified) == false || context.Maps.TraitsOf(qualified).HasFlag(TorchTraits.Stateless)));
    }
}
