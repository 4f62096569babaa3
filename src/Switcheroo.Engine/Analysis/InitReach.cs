using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The layers a <c>for m in self.modules()</c> loop (or <c>self.apply</c>) of a module class reaches,
/// as far as the file shows them all (<see cref="InitBranches"/>): the class's layer declarations,
/// the layer calls written as the arguments of an <c>nn.Sequential(...)</c> it builds, and the
/// layers of the file's module classes it builds when they are built nowhere else and their own
/// loops are not applied when the model initialises (which a parent's loop must follow). The layers
/// a mapped composite layer builds inside it (its entry's <c>holds</c>) and those a container subclass
/// holds are not seen one by one: such a loop is applied when the model initialises, or reported.
/// </summary>
internal sealed partial class InitReach(
    PythonParser.File_inputContext root, SemanticModel model, MapSet maps, LayerDeclarations layers, ModuleClasses classes,
    IReadOnlySet<PythonParser.Class_defContext> runtimeClasses)
{
    /// <summary>
    /// The layers a <c>self.modules()</c> loop of <paramref name="cls"/> reaches, each with how many
    /// modules down it is; or why some of them cannot be seen (a submodule not built by a layer call
    /// or a module class of the file used only here).
    /// </summary>
    public string? Reach(PythonParser.Class_defContext cls, int level, List<(LayerDeclaration Layer, int Level)> reached, HashSet<PythonParser.Class_defContext> path)
    {
        if (SequentialLayers.IsSequentialSubclass(cls, model, maps))
        {
            // class Heads(nn.Sequential): super().__init__(*blocks) and add_module hold layers no self.NAME declares
            return $"the loop reaches the layers {cls.name().GetText()} holds as a container (given to super().__init__ or added to it), which Switcheroo does not follow";
        }
        var own = layers.Of(cls);
        foreach (var layer in own.Values)
        {
            if (layer.Entry.Hook is not ("sequential" or "container"))
            {
                reached.Add((layer, level));
            }
            else if (Inside(layer, level, reached, path) is { } problem)
            {
                return problem;
            }
        }
        var constructor = ModuleClasses.Constructor(cls);
        foreach (var assignment in constructor is null ? [] : ParseTrees.Descendants<PythonParser.Expression_stmtContext>(constructor))
        {
            if (assignment.EQUAL().Length == 1 && assignment.star_expressions().GetText() is var target && target.StartsWith("self.", StringComparison.Ordinal)
                && assignment.assigned_value() is [var held] && SyntaxShapes.AtomOf(held) is PythonParser.NameAtomContext local
                && LocalLayer(cls, local.GetText()) is { } layer)
            {
                // final = nn.Conv2d(...) then self.final = final
                reached.Add((layer with { Name = target[5..] }, level));
                continue;
            }
            if (GivenModule(cls, constructor!, assignment) is { } given)
            {
                // self.backbone = backbone: torch's loop reaches the layers of the module the caller built
                return $"the loop reaches '{InitBranches.First(assignment)}', a module given to the constructor ('{given}'), whose layers Switcheroo cannot see";
            }
            if (assignment.EQUAL().Length == 0 || !ParseTrees.Descendants<PythonParser.CallExprContext>(assignment).Any()
                || own.Values.Any(l => l.Declaration == assignment)
                || !assignment.star_expressions().GetText().StartsWith("self.", StringComparison.Ordinal))
            {
                continue;
            }
            var value = SyntaxShapes.AtomOf(assignment.assigned_value().Last());
            if (Alternative(cls, assignment) is { } alternative)
            {
                // self.features = nn.Sequential(...) in each branch of if version == ...: elif ...: (only one runs)
                if (Inside(alternative, level, reached, path) is { } unseen)
                {
                    return unseen;
                }
                continue;
            }
            var sub = value is PythonParser.CallExprContext call && call.expr() is PythonParser.NameAtomContext name
                ? classes.Named(name.GetText()) : null;
            if (sub is null || path.Contains(sub))
            {
                return $"the loop reaches '{InitBranches.First(assignment)}', whose layers Switcheroo cannot see";
            }
            if (Submodule(cls, sub, level, reached, path) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>
    /// The layers a <c>for m in self.NAME.modules()</c> loop of <paramref name="cls"/> reaches (NAME
    /// a layer, a container or a module class of the file the class builds), or why some of them cannot be seen.
    /// </summary>
    public string? Under(PythonParser.Class_defContext cls, string name, List<(LayerDeclaration Layer, int Level)> reached)
    {
        if (layers.Of(cls).GetValueOrDefault(name) is { } layer)
        {
            if (layer.Entry.Hook is "sequential" or "container")
            {
                return Inside(layer, 0, reached, [cls]);
            }
            reached.Add((layer, 0));
            return null;
        }
        return Built(cls, name) is { } sub && !sub.Equals(cls)
            ? Submodule(cls, sub, 0, reached, [cls])
            : $"the loop reaches the modules of self.{name}, which Switcheroo cannot see";
    }

    /// <summary>
    /// Whether <c>self.NAME</c> is one Flax module in the converted class, so the modules under it are
    /// those whose path starts with its name: a torch layer or an <c>nn.Sequential</c> the class
    /// declares, or a module class of the file it builds (not a list or an <c>nn.ModuleList</c>,
    /// whose items Flax names NAME_0, NAME_1).
    /// </summary>
    public bool IsModule(PythonParser.Class_defContext cls, string name) =>
        layers.Of(cls).GetValueOrDefault(name) is { } layer ? layer.Entry.Hook != "container" : Built(cls, name) is not null;

    /// <summary>The module class of the file the constructor builds as <c>self.NAME = Class(...)</c>, its only assignment to self.NAME; or null.</summary>
    private PythonParser.Class_defContext? Built(PythonParser.Class_defContext cls, string name)
    {
        var constructor = ModuleClasses.Constructor(cls);
        var assignments = (constructor is null ? [] : ParseTrees.Descendants<PythonParser.Expression_stmtContext>(constructor))
            .Where(a => a.EQUAL().Length > 0 && a.star_expressions().GetText() == "self." + name).ToList();
        return assignments is [var only] && only.assigned_value().Length == 1
            && SyntaxShapes.AtomOf(only.assigned_value(0)) is PythonParser.CallExprContext { } call && call.expr() is PythonParser.NameAtomContext callee
                ? classes.Named(callee.GetText()) : null;
    }

    /// <summary>
    /// <c>self.NAME = nn.Sequential(...)</c> where every assignment to <c>self.NAME</c> in the class
    /// is such a statement of its own, each in another block of one <c>if</c>/<c>elif</c>/<c>else</c>
    /// statement of the constructor (so one of them runs): this one as a declaration; or null.
    /// </summary>
    private LayerDeclaration? Alternative(PythonParser.Class_defContext cls, PythonParser.Expression_stmtContext assignment)
    {
        var target = assignment.star_expressions().GetText();
        if (assignment.EQUAL().Length != 1 || assignment.assigned_value() is not [var value]
            || SyntaxShapes.AtomOf(value) is not PythonParser.CallExprContext call
            || model.QualifiedName(call.expr()) is not { } name || maps.Find(name) is not { Hook: "sequential" } entry)
        {
            return null;
        }
        var all = ParseTrees.Descendants<PythonParser.Expression_stmtContext>(cls)
            .Where(a => (a.EQUAL().Length > 0 || a.augassign() is not null || a.annotation() is not null) && a.star_expressions().GetText() == target).ToList();
        PythonParser.If_stmtContext? Branching(PythonParser.Expression_stmtContext a) =>
            SyntaxShapes.Enclosing<PythonParser.StatementContext>(a) is { Parent: PythonParser.BlockContext block } statement
            && statement.simple_stmt().Length == 1
            && (block.Parent as PythonParser.If_stmtContext ?? block.Parent?.Parent as PythonParser.If_stmtContext) is { } test
                ? test : null;
        var tests = all.Select(Branching).ToList();
        var blocks = all.Select(a => SyntaxShapes.Enclosing<PythonParser.StatementContext>(a)!.Parent).Distinct().Count();
        bool sequentials = all.All(a => a.EQUAL().Length == 1 && a.assigned_value() is [var v] && SyntaxShapes.AtomOf(v) is PythonParser.CallExprContext c
            && model.QualifiedName(c.expr()) is { } n && maps.Find(n) is { Hook: "sequential" });
        return all.Count > 1 && sequentials && tests[0] is { } first && tests.All(t => t == first) && blocks == all.Count
            && first.Parent is PythonParser.StatementContext { Parent: PythonParser.BlockContext outer } && outer.Parent == ModuleClasses.Constructor(cls)
                ? new LayerDeclaration(cls, target[5..], assignment, call, entry) : null;
    }

    /// <summary>
    /// The torch layer a local of the constructor holds: <c>final_conv = nn.Conv2d(...)</c>, the only
    /// binding of the name there, a statement of its own; or null.
    /// </summary>
    public LayerDeclaration? LocalLayer(PythonParser.Class_defContext cls, string name)
    {
        if (ModuleClasses.Constructor(cls) is not { } constructor
            || ParseTrees.Descendants<PythonParser.For_stmtContext>(constructor).Any(f => ParseTrees.Descendants<PythonParser.NameAtomContext>(f.target_list()).Any(n => n.GetText() == name))
            || ParseTrees.Descendants<PythonParser.Assignment_expressionContext>(constructor).Any(n => n.name() is { } target && target.GetText() == name)
            || (constructor.parameters()?.parameter() ?? []).Any(p => p.name()?.GetText() == name))
        {
            return null;
        }
        var bindings = ParseTrees.Descendants<PythonParser.Expression_stmtContext>(constructor)
            .Where(a => (a.EQUAL().Length > 0 || a.augassign() is not null || a.annotation() is not null)
                && ParseTrees.Descendants<PythonParser.NameAtomContext>(a.star_expressions()).Any(n => n.GetText() == name)).ToList();
        return bindings is [var only] && only.EQUAL().Length == 1 && only.annotation() is null && only.star_expressions().GetText() == name
            && only.assigned_value() is [var value] && SyntaxShapes.AtomOf(value) is PythonParser.CallExprContext call
            && model.QualifiedName(call.expr()) is { } qualified && maps.Find(qualified) is { Kind: EntryKind.Class, Hook: not ("sequential" or "container") } entry
            && maps.BuildsVariables(qualified) == true && !InLoop(only, constructor)
                ? new LayerDeclaration(cls, name, only, call, entry) : null;
    }

    /// <summary>
    /// The parameter of the constructor that <c>self.NAME = PARAMETER</c> stores when it may be a module
    /// the caller built: annotated as one (<c>backbone: nn.Module</c>, a module class), or unannotated
    /// (or annotated otherwise than as a plain value) and applied by the class (<c>self.NAME(...)</c>);
    /// else null.
    /// </summary>
    private string? GivenModule(PythonParser.Class_defContext cls, PythonParser.Function_defContext constructor, PythonParser.Expression_stmtContext assignment)
    {
        if (assignment.EQUAL().Length != 1 || assignment.assigned_value() is not [var value] || SyntaxShapes.AtomOf(value) is not PythonParser.NameAtomContext name
            || (constructor.parameters()?.parameter() ?? []).FirstOrDefault(p => p.name()?.GetText() == name.GetText()) is not { } parameter)
        {
            return null;
        }
        var target = assignment.star_expressions().GetText();
        var annotation = parameter.annotation()?.expression();
        bool annotatedModule = annotation is not null && ParseTrees.Descendants<PythonParser.ExprContext>(annotation)
            .Any(e => model.QualifiedName(e) is { } qualified && maps.IsModuleBase(qualified) || classes.Named(e.GetText()) is not null);
        bool plainValue = annotation is not null && PlainAnnotation().IsMatch(annotation.GetText());
        bool applied = ParseTrees.Descendants<PythonParser.CallExprContext>(cls).Any(c => c.expr().GetText() == target);
        return annotatedModule || applied && !plainValue ? name.GetText() : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Optional\[)?(int|float|bool|str|bytes|tuple|list|dict|Tuple|List|Dict|Sequence)\b")]
    private static partial System.Text.RegularExpressions.Regex PlainAnnotation();

    /// <summary>Whether a statement of a function runs in a loop of it (each turn builds another layer).</summary>
    private static bool InLoop(Antlr4.Runtime.ParserRuleContext node, PythonParser.Function_defContext function)
    {
        for (var at = node.Parent; at is not null && at != function; at = at.Parent)
        {
            if (at is PythonParser.For_stmtContext or PythonParser.While_stmtContext)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The layers of a module class the class builds, when it is built nowhere else.</summary>
    private string? Submodule(PythonParser.Class_defContext cls, PythonParser.Class_defContext sub, int level,
        List<(LayerDeclaration Layer, int Level)> reached, HashSet<PythonParser.Class_defContext> path)
    {
        if (ParseTrees.Descendants<PythonParser.CallExprContext>(root)
            .Any(c => c.expr().GetText() == sub.name().GetText() && SyntaxShapes.Enclosing<PythonParser.Class_defContext>(c) != cls))
        {
            return $"the loop reaches the layers of {sub.name().GetText()}, which is also built outside {cls.name().GetText()}";
        }
        if (runtimeClasses.Contains(sub))
        {
            return $"the loop reaches the layers of {sub.name().GetText()}, whose own loop is applied when the model initialises";
        }
        return Reach(sub, level + 1, reached, [.. path, sub]);
    }

    /// <summary>
    /// The layers of an <c>nn.Sequential(...)</c> whose arguments are each a torch layer call or a
    /// module class of the file, or why they cannot be seen (a list, a starred or computed argument).
    /// </summary>
    private string? Inside(LayerDeclaration container, int level, List<(LayerDeclaration Layer, int Level)> reached, HashSet<PythonParser.Class_defContext> path)
    {
        string Unseen() => $"the loop reaches the layers inside self.{container.Name} ({container.Entry.Torch}), which Switcheroo does not follow";
        if (container.Entry.Hook != "sequential")
        {
            return Unseen();
        }
        int index = 0;
        foreach (var argument in SyntaxShapes.Arguments(container.Construction))
        {
            if (argument is PythonParser.PositionalArgumentContext && SyntaxShapes.AtomOf(argument) is PythonParser.NameAtomContext holder
                && LocalLayer(container.Class, holder.GetText()) is { } held)
            {
                // final_conv = nn.Conv2d(...) then nn.Sequential(..., final_conv, ...)
                reached.Add((held with { Name = $"{container.Name}[{index}]" }, level));
                index++;
                continue;
            }
            if (argument is not PythonParser.PositionalArgumentContext || SyntaxShapes.AtomOf(argument) is not PythonParser.CallExprContext call)
            {
                return Unseen();
            }
            if (model.QualifiedName(call.expr()) is { } name && maps.Find(name) is { Kind: EntryKind.Class, Hook: not ("sequential" or "container") } entry)
            {
                reached.Add((new LayerDeclaration(container.Class, $"{container.Name}[{index}]", container.Declaration, call, entry), level));
            }
            else if (call.expr() is PythonParser.NameAtomContext local && classes.Named(local.GetText()) is { } sub && !path.Contains(sub))
            {
                if (Submodule(container.Class, sub, level, reached, path) is { } problem)
                {
                    return problem;
                }
            }
            else
            {
                return Unseen();
            }
            index++;
        }
        return null;
    }
}
