using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The constructor arguments a module class's constructor assigns, under their own name, another value
/// (<c>self.padding = _pair(padding)</c>, <c>self.stride = stride if stride is not None else kernel_size</c>).
/// The argument is a dataclass field in Flax, which setup may not assign, so a plain value moves to the
/// attribute <c>NAME_</c> (<see cref="Renames"/>), in the class, in the subclasses that read it, and in the
/// bases that read what their subclasses store (the conversion's <c>ShadowedFields</c>). A value that may
/// hold variables (<see cref="MayHoldVariables"/>) is not renamed: its name is a checkpoint key.
/// </summary>
public static class TransformedFields
{
    /// <summary>
    /// One name the constructor assigns: every whole <c>self.NAME</c> target, and whether the attribute can move
    /// (<see cref="Plain"/>): every value is plain, or a parameter (<c>nn.Parameter(v)</c>, whose variable Flax names by
    /// <c>self.param</c>'s first argument, which keeps torch's name, not by the attribute).
    /// </summary>
    public sealed record Transform(string Name, IReadOnlyList<PythonParser.AttributeExprContext> Targets, bool Plain);

    /// <summary>Python builtins that return plain values, whatever their arguments.</summary>
    private static readonly HashSet<string> PlainBuiltins = new(StringComparer.Ordinal)
    {
        "tuple", "list", "int", "float", "bool", "str", "complex", "len", "min", "max", "sum", "abs", "round",
        "range", "sorted", "reversed", "zip", "enumerate", "isinstance", "getattr", "hasattr", "dict", "set", "divmod", "pow", "type",
    };

    /// <summary>The assignments to <paramref name="names"/> in <paramref name="statements"/> (those setup keeps), by name in order of appearance.</summary>
    public static IReadOnlyList<Transform> In(IEnumerable<PythonParser.StatementContext> statements, IReadOnlySet<string> names, SemanticModel model, MapSet maps) =>
        statements.SelectMany(ParseTrees.Descendants<PythonParser.Expression_stmtContext>)
            .SelectMany(s => Targets(s).Select(t => (Statement: s, Target: t)))
            .Where(a => names.Contains(a.Target.name().GetText()))
            .GroupBy(a => a.Target.name().GetText(), StringComparer.Ordinal)
            .Select(g => new Transform(g.Key, g.Select(a => a.Target).ToList(),
                g.All(a => !MayHoldVariables(a.Statement.assigned_value()[^1], model, maps) || IsParameter(a.Statement.assigned_value()[^1], model, maps))))
            .ToList();

    /// <summary>
    /// The statements of a class's constructor that setup keeps: all but the base constructor's call and the
    /// copies <c>self.h = h</c> of arguments the constructor never rebinds (the field holds them already).
    /// </summary>
    public static IEnumerable<PythonParser.StatementContext> Kept(PythonParser.Class_defContext cls, IReadOnlySet<string> fields, SemanticModel model)
    {
        if (ModuleClasses.Constructor(cls) is not { } init)
        {
            return [];
        }
        var scope = model.ScopeOpenedBy(init);
        bool Unchanged(string name) => scope?.Lookup(name) is not { } bindings || bindings.All(b => b.Site is PythonParser.ParameterContext);
        return init.block().statement().Where(s => ModelBases.BaseConstructorCall(s, cls) is null
            && !(s.simple_stmt() is [{ } only] && only is PythonParser.Expression_stmtContext copy && copy.assigned_value().Length == 1
                && copy.annotation() is null
                && copy.star_expressions().GetText() is var target && target.StartsWith("self.", StringComparison.Ordinal)
                && target[5..] == copy.assigned_value()[0].GetText() && fields.Contains(target[5..]) && Unchanged(target[5..])));
    }

    /// <summary>
    /// The new attribute of each plain transform of a class: <c>NAME_</c>, or with more underscores, such that
    /// no name of the class (or field) is that.
    /// </summary>
    /// <param name="tokens">the file's tokens, or with <paramref name="byIndex"/> false the class's own</param>
    public static IReadOnlyDictionary<string, string> Renames(PythonParser.Class_defContext cls, IEnumerable<Transform> transforms, IEnumerable<string> fields,
        IReadOnlyList<IToken> tokens, bool byIndex = true)
    {
        var used = fields.ToHashSet(StringComparer.Ordinal);
        for (int i = byIndex ? cls.Start.TokenIndex : 0; i <= (byIndex ? cls.Stop.TokenIndex : tokens.Count - 1); i++)
        {
            if (tokens[i].Type == PythonLexer.NAME)
            {
                used.Add(tokens[i].Text);
            }
        }
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var transform in transforms.Where(t => t.Plain))
        {
            var candidate = transform.Name + "_";
            while (used.Contains(candidate))
            {
                candidate += "_";
            }
            used.Add(candidate);
            renames[transform.Name] = candidate;
        }
        return renames;
    }

    /// <summary>The renames of a converted class of the file whose fields are <paramref name="fields"/>.</summary>
    public static IReadOnlyDictionary<string, string> RenamesOf(PythonParser.Class_defContext cls, IReadOnlyList<string> fields, SemanticModel model, MapSet maps,
        IReadOnlyList<IToken> tokens)
    {
        var names = fields.ToHashSet(StringComparer.Ordinal);
        return Renames(cls, In(Kept(cls, names, model), names, model, maps), fields, tokens);
    }

    /// <summary>
    /// The renames of a converted module class (a direct subclass of a torch module base: its fields are its constructor's
    /// arguments) as the module index records them (<see cref="ConstructorParameter.Moved"/>), the names the class uses read
    /// from its tree's tokens: the same as <see cref="RenamesOf(PythonParser.Class_defContext, IReadOnlyList{string}, SemanticModel, MapSet, IReadOnlyList{IToken})"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RenamesOf(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps)
    {
        var fields = FieldsOf(cls);
        var names = fields.ToHashSet(StringComparer.Ordinal);
        var tokens = ParseTrees.Descendants<Antlr4.Runtime.Tree.ITerminalNode>(cls).Select(t => t.Symbol).ToList();
        return Renames(cls, In(Kept(cls, names, model), names, model, maps), fields, tokens, byIndex: false);
    }

    /// <summary>The constructor arguments of a class that can be fields: named, not <c>*args</c> or <c>**kwargs</c>, <c>self</c> left out.</summary>
    public static IReadOnlyList<string> FieldsOf(PythonParser.Class_defContext cls) =>
        (ModuleClasses.Constructor(cls)?.parameters()?.parameter().Skip(1) ?? [])
            .Where(p => p.name() is not null && p.STAR() is null && p.DOUBLESTAR() is null).Select(p => p.name().GetText()).ToList();

    /// <summary>The names of the fields a converted class of the file moves to other attributes (plain transforms).</summary>
    public static IEnumerable<string> PlainTransformed(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps)
    {
        var names = FieldsOf(cls).ToHashSet(StringComparer.Ordinal);
        return In(Kept(cls, names, model), names, model, maps).Where(t => t.Plain).Select(t => t.Name);
    }

    /// <summary>The names <c>NAME</c> of the whole <c>self.NAME</c> targets of the assignments in <paramref name="node"/>.</summary>
    public static IEnumerable<string> Assigned(ParserRuleContext node) =>
        ParseTrees.Descendants<PythonParser.Expression_stmtContext>(node).SelectMany(Targets).Select(t => t.name().GetText());

    /// <summary>The whole <c>self.NAME</c> targets of an assignment (plain, chained or augmented), not <c>self.x[0]</c> or <c>self.x.y</c>.</summary>
    private static IEnumerable<PythonParser.AttributeExprContext> Targets(PythonParser.Expression_stmtContext statement)
    {
        var values = statement.assigned_value();
        if (values.Length == 0)
        {
            yield break;
        }
        var targets = new List<ParserRuleContext> { statement.star_expressions() };
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

    /// <summary>
    /// Whether the value may hold a layer or a parameter: a call of anything but a builtin, <c>math</c> or a torch
    /// function outside the classes whose entries say <c>instances: module</c> or <c>parameter</c> (a stateless
    /// one, a dropout, holds none), in the value itself or in what a local it reads was assigned
    /// (<c>d = nn.Dropout(p); self.p = d</c>).
    /// </summary>
    public static bool MayHoldVariables(ParserRuleContext value, SemanticModel model, MapSet maps) =>
        BuildsVariables(value, model, maps) || ParseTrees.Descendants<PythonParser.NameAtomContext>(value).Any(n => LocalHoldsVariables(n, model, maps));

    /// <summary>
    /// Whether the value is one call of a class whose entry says <c>instances: parameter</c> (<c>nn.Parameter(torch.ones(d) * s)</c>)
    /// with plain arguments: its variable keeps torch's name whatever attribute holds it (the <c>parameter</c> hook writes
    /// <c>self.param("NAME", ...)</c> with the name torch assigned).
    /// </summary>
    private static bool IsParameter(PythonParser.Assigned_valueContext value, SemanticModel model, MapSet maps) =>
        SyntaxShapes.AtomOf(value) is PythonParser.CallExprContext call
        && maps.Find(model.QualifiedName(call.expr()) ?? string.Empty) is { Instances: EntryInstances.Parameter }
        && (call.arguments() is null || !MayHoldVariables(call.arguments(), model, maps));

    /// <summary>
    /// Whether a call is one of a mapped torch function returning a plain value, of literal arguments
    /// (<c>_single(0)</c>, <c>_pair(1)</c>): the same value each time it is evaluated, so a field default may hold it.
    /// </summary>
    public static bool IsConstantCall(PythonParser.CallExprContext call, SemanticModel model, MapSet maps) =>
        model.QualifiedName(call.expr()) is { } qualified && TorchNames.IsTorch(qualified) && maps.Find(qualified) is { Kind: EntryKind.Function }
        && ReturnsPlainValue(call.expr(), model, maps)
        && (call.arguments() is not { } arguments
            || (!ParseTrees.Descendants<PythonParser.NameAtomContext>(arguments).Any() && !ParseTrees.Descendants<PythonParser.CallExprContext>(arguments).Any()
                && !ParseTrees.Descendants<PythonParser.LambdefContext>(arguments).Any() && !ParseTrees.Descendants<PythonParser.ComprehensionContext>(arguments).Any()));

    /// <summary>
    /// Whether every <c>return</c> of a function of the file gives a literal or a torch function as a value (torch's
    /// <c>_get_activation_fn</c>: <c>return F.relu</c>, <c>return F.gelu</c>, else raise): what it returns holds no variables.
    /// </summary>
    private static bool ReturnsFunctionReferences(PythonParser.Function_defContext function, SemanticModel model, MapSet maps) =>
        ParseTrees.Descendants<PythonParser.Return_stmtContext>(function.block())
            .Where(r => SyntaxShapes.Enclosing<PythonParser.Function_defContext>(r) == function)
            .All(r => r.star_expressions() is { } value && SyntaxShapes.AtomOf(value) switch
            {
                PythonParser.NumberAtomContext or PythonParser.StringAtomContext or PythonParser.ConstantAtomContext => true,
                _ => SyntaxShapes.AsExpression(value) is { } expression && model.QualifiedName(expression) is { } qualified
                    && TorchNames.IsTorch(qualified) && maps.Find(qualified) is { Kind: EntryKind.Function },
            });

    private static bool BuildsVariables(ParserRuleContext value, SemanticModel model, MapSet maps) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(value).Any(call => !ReturnsPlainValue(call.expr(), model, maps));

    private static bool LocalHoldsVariables(PythonParser.NameAtomContext name, SemanticModel model, MapSet maps) =>
        (SemanticModel.Lookup(name.GetText(), model.ScopeOf(name)) ?? Array.Empty<NameBinding>())
            .Any(b => b.Kind == BindingKind.Local && b.Site is PythonParser.Expression_stmtContext assignment
                && assignment.assigned_value().Length > 0 && BuildsVariables(assignment.assigned_value()[^1], model, maps));

    private static bool ReturnsPlainValue(PythonParser.ExprContext callee, SemanticModel model, MapSet maps)
    {
        if (callee is PythonParser.NameAtomContext name
            && model.Resolve(name).Resolution == Resolution.Unbound)
        {
            return PlainBuiltins.Contains(name.GetText());
        }
        if (callee is PythonParser.NameAtomContext function
            && SemanticModel.Lookup(function.GetText(), model.ScopeOf(function)) is [{ Kind: BindingKind.Local, Site: PythonParser.Function_defContext definition }]
            && definition.Parent is not PythonParser.DecoratedContext && ReturnsFunctionReferences(definition, model, maps))
        {
            return true;
        }
        if (callee is PythonParser.CallExprContext { } inner && ReturnsPlainValue(inner.expr(), model, maps) && maps.Find(model.QualifiedName(inner.expr()) ?? "") is { Kind: EntryKind.Function })
        {
            // The function a mapped torch function returns (_ntuple(6)(padding)) is the runtime's, of plain values.
            return true;
        }
        var qualified = model.QualifiedName(callee) ?? string.Empty;
        return qualified.StartsWith("math.", StringComparison.Ordinal)
            || (TorchNames.IsTorch(qualified)
                && (maps.BuildsVariables(qualified) == false || maps.TraitsOf(qualified).HasFlag(TorchTraits.Stateless)));
    }
}
