using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// Reads one statement of a module's constructor as an initialisation (<see cref="LayerInits"/>):
/// <code>
/// nn.init.normal_(self.fc.weight, 0, 0.01)               the layer self.fc
/// for m in self.modules():                               every layer the module and its submodules declare
///     if isinstance(m, nn.Conv2d):
///         nn.init.kaiming_normal_(m.weight, mode="fan_out")
///         if m.bias is not None:                         decided by the layer's bias argument
///             nn.init.zeros_(m.bias)
///     elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
///         ...
/// self.apply(self._init_weights)                         the same branches in def _init_weights(self, m)
/// for m in self.modules():
///     if isinstance(m, nn.Conv2d):
///         if m is final_conv:                            final_conv = nn.Conv2d(...), a local the loop reaches
///             nn.init.normal_(m.weight, std=0.01)       (in an nn.Sequential): that layer
///         else:
///             nn.init.kaiming_uniform_(m.weight)        every other
/// for m in self.conv.children():                         the items of the nn.Sequential self.conv alone
/// if init_weights:                                       a loop under a constructor argument: applied at init
///     for m in self.modules(): ...
/// for m in self.modules():                               a branch on a module class of the file: applied at init,
///     if isinstance(m, Bottleneck) and m.bn3.weight is not None:    setting the layer at m.bn3
///         nn.init.constant_(m.bn3.weight, 0)
/// </code>
/// A loop whose layers the file does not all show (built in a loop, by a helper, from a class passed
/// in) is read as branches of torch classes, applied when the model initialises (<see cref="InitUnit.AtInit"/>).
/// </summary>
internal sealed partial class InitBranches(
    SyntaxTree tree, SemanticModel model, MapSet maps, LayerDeclarations layers, ModuleClasses classes,
    Func<PythonParser.CallExprContext, bool> isInit, IReadOnlySet<PythonParser.Class_defContext> runtimeClasses)
{
    private readonly PythonParser.File_inputContext root = tree.Root!;

    /// <summary>The statement as an init unit, or null when it initialises nothing.</summary>
    public InitUnit? Unit(PythonParser.Class_defContext cls, PythonParser.StatementContext statement)
    {
        // if init_weights: (a constructor argument, so a field) around a loop: applied at init when the field is true
        if (statement.if_stmt() is { } test)
        {
            if (Flag(cls, test) is not ({ } flag, var none) || Statements(test.block()) is not [var only])
            {
                return null;
            }
            return Unit(cls, statement, only, flag) is { } unit ? unit with { WhenNone = none } : null;
        }
        return Unit(cls, statement, statement, null);
    }

    private InitUnit? Unit(PythonParser.Class_defContext cls, PythonParser.StatementContext outer, PythonParser.StatementContext statement, string? when)
    {
        if (statement.for_stmt() is { } loop)
        {
            if (IsModulesLoop(loop) is ({ } variable, var under))
            {
                return Loop(cls, [outer], variable, loop.block(), when, under, IsChildren(loop));
            }
            return when is null ? Listed(cls, statement, loop) : null;
        }
        if (StatementCall(statement) is not { } call)
        {
            return null;
        }
        if (isInit(call))
        {
            return when is null ? Direct(cls, statement, call) : null;
        }
        return Applied(cls, outer, call, when) ?? Called(cls, outer, call, when);
    }

    /// <summary>
    /// The init statements on parameters (<see cref="OfParameter"/>) in the blocks of an <c>if</c>
    /// statement of the constructor's top level, or of an <c>if</c> in such a block, each on a
    /// parameter declared before it in its own block (mvit's <c>if rel_pos_embed:</c> building and
    /// drawing <c>self.rel_pos_h</c>).
    /// </summary>
    public IEnumerable<InitUnit> Nested(PythonParser.Class_defContext cls, PythonParser.StatementContext statement)
    {
        if (statement.if_stmt() is not { } test)
        {
            yield break;
        }
        var blocks = SyntaxShapes.Blocks(test);
        foreach (var block in blocks)
        {
            var body = Statements(block) ?? [];
            foreach (var inner in body)
            {
                if (StatementCall(inner) is { } call && isInit(call) && Parameter(call) is (PythonParser.NameAtomContext owner, { } name) && owner.GetText() == "self")
                {
                    yield return OfParameter(cls, inner, call, name, body);
                }
                foreach (var unit in Nested(cls, inner))
                {
                    yield return unit;
                }
            }
        }
    }

    /// <summary>
    /// <c>for layer in [self.a, self.b]:</c> (a list or tuple written out of layers the class
    /// declares) whose body initialises <c>layer.weight</c>/<c>layer.bias</c>: the same as those
    /// statements written for each layer in turn; null when the loop initialises nothing.
    /// </summary>
    private InitUnit? Listed(PythonParser.Class_defContext cls, PythonParser.StatementContext statement, PythonParser.For_stmtContext loop)
    {
        if (!ParseTrees.Descendants<PythonParser.CallExprContext>(loop.block()).Any(isInit))
        {
            return null;
        }
        var items = System.Text.RegularExpressions.Regex.Match(loop.star_expressions().GetText(), @"^[\[(]self\.(\w+)((?:,self\.\w+)*),?[\])]$");
        if (loop.else_block() is not null || !items.Success || SyntaxShapes.AtomOf(loop.target_list()) is not PythonParser.NameAtomContext target)
        {
            return Fail(statement, "the loop is not 'for m in self.modules()' nor 'for m in [self.A, self.B]' over layers this class declares");
        }
        var names = new[] { items.Groups[1].Value }.Concat(items.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => n[5..])).ToList();
        if (Branch(loop.block(), target.GetText(), out var problem) is not { } calls)
        {
            return Fail(statement, problem!);
        }
        var inits = new List<(LayerDeclaration, LayerInit, int)>();
        foreach (var name in names)
        {
            if (layers.Of(cls).GetValueOrDefault(name) is not { Entry.Hook: not ("sequential" or "container") } layer)
            {
                return Fail(statement, $"self.{name} is not a layer this class declares with one torch layer call (self.NAME = nn.Layer(...))");
            }
            foreach (var (call, parameter, guarded) in calls)
            {
                var (init, failure) = Target(layer, parameter, call, guarded);
                if (failure is not null)
                {
                    return Fail(statement, failure);
                }
                if (init is not null)
                {
                    inits.Add((layer, init, 0));
                }
            }
        }
        return new InitUnit([statement], inits, null);
    }

    /// <summary>
    /// <c>self.METHOD()</c>, METHOD a method of the class taking only <c>self</c> whose body is one
    /// <c>for m in self.modules():</c> loop and that nothing else names: the loop, run here.
    /// </summary>
    private InitUnit? Called(PythonParser.Class_defContext cls, PythonParser.StatementContext statement, PythonParser.CallExprContext call, string? when)
    {
        if (call.expr() is not PythonParser.AttributeExprContext { } callee || callee.expr().GetText() != "self"
            || SyntaxShapes.Arguments(call).Count != 0)
        {
            return null;
        }
        var name = callee.name().GetText();
        var definition = cls.block().statement().FirstOrDefault(s => s.function_def()?.name().GetText() == name);
        var function = definition?.function_def();
        if (function is null || !ParseTrees.Descendants<PythonParser.CallExprContext>(function).Any(isInit))
        {
            return null;
        }
        var body = function.block().statement().Where(s => !SyntaxShapes.IsStringStatement(s)).ToList();
        bool once = ParseTrees.Descendants<PythonParser.AttributeExprContext>(root).Count(a => a.name().GetText() == name) == 1;
        if (function.parameters()?.parameter() is [_] && function.Parent is not PythonParser.DecoratedContext && when is null
            && ((once ? InMethod(cls, function) : null) ?? (OwnCallOnly(cls, call, name) ? Resetting(cls, statement, definition!, function) : null)) is { } parameters)
        {
            return parameters;
        }
        if (function.parameters()?.parameter() is not [_] || function.Parent is PythonParser.DecoratedContext
            || body is not [var only] || only.for_stmt() is not { } loop || IsModulesLoop(loop) is not ({ } variable, var under))
        {
            return Fail([statement, definition!], $"self.{name}() is not a method of this class taking only self whose body is one 'for m in self.modules()' loop, "
                + "or whose init statements draw parameters it declares, or whose every statement draws a parameter the constructor declares before the call "
                + "(optionally under 'if self.NAME is not None:')");
        }
        if (!once)
        {
            return Fail([statement, definition!], $"{name} is named elsewhere too, so it cannot go");
        }
        return Loop(cls, [statement, definition!], variable, loop.block(), when, under, IsChildren(loop));
    }

    /// <summary>
    /// The init statements of a method the constructor calls once (swin's
    /// <c>self.define_relative_position_bias_table()</c>) when each is a statement of the method's own
    /// on a parameter it declares (<see cref="OfParameter"/>): they go, the method stays; null when
    /// the method has other init calls.
    /// </summary>
    private InitUnit? InMethod(PythonParser.Class_defContext cls, PythonParser.Function_defContext function)
    {
        var body = function.block().statement();
        var direct = body.Where(s => StatementCall(s) is { } c && isInit(c)).ToList();
        if (direct.Count == 0 || direct.Count != ParseTrees.Descendants<PythonParser.CallExprContext>(function).Count(isInit)
            || direct.Any(s => Parameter(StatementCall(s)!) is not (PythonParser.NameAtomContext owner, _) || owner.GetText() != "self"))
        {
            return null;
        }
        var units = direct.Select(s => OfParameter(cls, s, StatementCall(s)!, Parameter(StatementCall(s)!).Parameter!, body)).ToList();
        return units.FirstOrDefault(u => u.Problem is not null) is { } failed
            ? Fail(direct, failed.Problem!)
            : new InitUnit(direct, [], null) { Parameters = units.SelectMany(u => u.Parameters).ToList() };
    }

    /// <summary>
    /// <c>if NAME:</c> alone (no <c>elif</c>, no <c>else</c>), NAME an argument of the constructor it
    /// never rebinds, so the module's field of that name holds the same value: the name, with null;
    /// or one it rebinds only as googlenet does before the test, <c>if NAME is None: ... NAME = True</c>:
    /// the name, with the literal the field's <c>None</c> stands for. Null when neither.
    /// </summary>
    private static (string Name, string? WhenNone)? Flag(PythonParser.Class_defContext cls, PythonParser.If_stmtContext test)
    {
        var constructor = ModuleClasses.Constructor(cls);
        if (test.elif_block().Length > 0 || test.else_block() is not null || constructor is null
            || SyntaxShapes.AtomOf(test.NamedExpression()) is not PythonParser.NameAtomContext name)
        {
            return null;
        }
        var flag = name.GetText();
        if (constructor.parameters()?.parameter().Skip(1).Any(p => p.name()?.GetText() == flag) != true)
        {
            return null;
        }
        if (!Rebinds(constructor, flag))
        {
            return (flag, null);
        }
        return NoneDefault(constructor, flag, test) is { } literal ? (flag, literal) : null;
    }

    /// <summary>
    /// The literal (<c>True</c>, <c>False</c>) a constructor's one rebinding of NAME gives it, when that
    /// rebinding is a statement of <c>if NAME is None:</c> (no <c>elif</c>/<c>else</c>), a top-level
    /// statement of the constructor before <paramref name="test"/>; or null.
    /// </summary>
    private static string? NoneDefault(PythonParser.Function_defContext constructor, string name, PythonParser.If_stmtContext test)
    {
        var assignments = ParseTrees.Descendants<PythonParser.Expression_stmtContext>(constructor)
            .Where(a => (a.EQUAL().Length > 0 || a.augassign() is not null)
                && ParseTrees.Descendants<PythonParser.NameAtomContext>(a.star_expressions()).Any(n => n.GetText() == name)).ToList();
        if (assignments is not [var only] || only.augassign() is not null || only.EQUAL().Length != 1 || only.star_expressions().GetText() != name
            || only.assigned_value() is not [var value] || value.GetText() is not ("True" or "False")
            || ParseTrees.Descendants<PythonParser.For_stmtContext>(constructor).Any(f => f.target_list().GetText() == name)
            || ParseTrees.Descendants<PythonParser.Assignment_expressionContext>(constructor).Any(n => n.name() is { } target && target.GetText() == name))
        {
            return null;
        }
        var line = SyntaxShapes.Enclosing<PythonParser.StatementContext>(only);
        var guard = line?.Parent?.Parent as PythonParser.If_stmtContext;
        return guard is not null && line!.Parent == guard.block() && guard.elif_block().Length == 0 && guard.else_block() is null
            && guard.NamedExpression().GetText() == name + "isNone"
            && guard.Parent is PythonParser.StatementContext statement && statement.Parent == constructor.block()
            && statement.Stop.TokenIndex < test.Start.TokenIndex
                ? value.GetText() : null;
    }

    private InitUnit Direct(PythonParser.Class_defContext cls, PythonParser.StatementContext statement, PythonParser.CallExprContext call)
    {
        if (Parameter(call) is (PythonParser.NameAtomContext owner, { } name) && owner.GetText() == "self")
        {
            return OfParameter(cls, statement, call, name);
        }
        if (Parameter(call) is not (PythonParser.AttributeExprContext { } layerName, { } parameter) || layerName.expr().GetText() != "self")
        {
            return Fail(statement, "its parameter is not self.LAYER.weight or self.LAYER.bias of a layer this class declares");
        }
        if (layers.Of(cls).GetValueOrDefault(layerName.name().GetText()) is not { } layer)
        {
            return Fail(statement, $"self.{layerName.name().GetText()} is not a layer this class declares with one torch layer call (self.NAME = nn.Layer(...))");
        }
        var (init, problem) = Target(layer, parameter, call, guarded: false, owner: cls);
        return problem is not null ? Fail(statement, problem)
            : new InitUnit([statement], init is null ? [] : [(layer, init, 0)], null);
    }

    /// <summary>
    /// An init call on <c>self.NAME</c>, NAME a parameter the constructor (or the method holding the
    /// call, <see cref="InMethod"/>) declares before it, in the same block (its top level, or a block of
    /// an <c>if</c> there: <see cref="Nested"/>), with the only assignment to it but <c>None</c>s (<c>self.NAME = nn.Parameter(torch.zeros(...))</c>),
    /// and that nothing between them reads (nor a method of the class called there): the parameter's initializer draws the init's values in
    /// the data's shape and dtype. An init whose fans come from a kernel's layout (<c>fans</c>: the
    /// Flax kernel's axes, not the parameter's torch layout) is refused.
    /// </summary>
    private InitUnit OfParameter(PythonParser.Class_defContext cls, PythonParser.StatementContext statement, PythonParser.CallExprContext call, string name,
        PythonParser.StatementContext[]? statements = null, int? until = null, string? written = null)
    {
        var body = statements ?? ModuleClasses.Constructor(cls)?.block().statement() ?? [];
        var assignments = ParseTrees.Descendants<PythonParser.Expression_stmtContext>(cls)
            .Where(a => (a.EQUAL().Length > 0 || a.augassign() is not null || a.annotation() is not null)
                && a.star_expressions().GetText() == "self." + name).ToList();
        // self.NAME: Optional[nn.Parameter] = None before a parameter built under a condition declares nothing
        assignments.RemoveAll(a => a.assigned_value() is [var none] && none.GetText() == "None" && a.augassign() is null);
        int at = until ?? Array.IndexOf(body, statement);
        int declared = assignments is [var only] ? Array.FindIndex(body, s => s.SimpleLine() is { } line && line.simple_stmt().Length == 1
            && ParseTrees.Descendants<PythonParser.Expression_stmtContext>(s).FirstOrDefault() == only) : -1;
        var construction = declared >= 0 && assignments[0].assigned_value() is [var value]
            ? SyntaxShapes.AtomOf(value) as PythonParser.CallExprContext : null;
        var entry = construction is null ? null : model.QualifiedName(construction.expr()) is { } qualified ? maps.Find(qualified) : null;
        if (construction is null || entry is not { Hook: RandomSources.ParameterHook } || declared > at
            || RandomSources.InitializerData(construction, entry, tree, out _, out _) is null)
        {
            return Fail(statement, $"self.{name} is not a parameter the constructor declares once, before this statement, as 'self.{name} = nn.Parameter(value)'");
        }
        var methods = ModuleClasses.Methods(cls).Select(f => f.name().GetText()).ToHashSet(StringComparer.Ordinal);
        if (body[(declared + 1)..at].FirstOrDefault(s => ParseTrees.Descendants<PythonParser.AttributeExprContext>(s)
                .Any(a => a.expr().GetText() == "self" && (a.name().GetText() == name || methods.Contains(a.name().GetText())))
                && !(StatementCall(s) is { } other && isInit(other))) is { } reading)
        {
            return Fail(statement, $"'{First(reading)}' reads self.{name} before this statement sets it");
        }
        var init = maps.Find(model.QualifiedName(call.expr())!)!;
        if (written is not null)
        {
            return new InitUnit([statement], [], null) { Parameters = [(construction, new LayerInit(name, new InitRule(name, null, []), call, init) { Initializer = written })] };
        }
        // torch takes the fans from the tensor's own layout, which the parameter keeps: the entry's layout initializer
        bool layout = init.Options.GetValueOrDefault("fans") == "true";
        if (layout && !init.Options.ContainsKey("layout"))
        {
            return Fail(statement, $"{init.Torch} computes its fans from the tensor's torch layout (dim 1 in, dim 0 out), its Flax initializer from a kernel's (axis -2 in, -1 out): give the parameter its initializer by hand");
        }
        if (Arguments(call) is { } problem)
        {
            return Fail(statement, problem);
        }
        var drawn = new LayerInit(name, new InitRule(name, null, []), call, init) { Template = layout ? "layout" : "template" };
        return new InitUnit([statement], [], null) { Parameters = [(construction, drawn)] };
    }

    /// <summary><c>self.apply(self.METHOD)</c>, METHOD a method of the class taking the module.</summary>
    private InitUnit? Applied(PythonParser.Class_defContext cls, PythonParser.StatementContext statement, PythonParser.CallExprContext call, string? when)
    {
        if (call.expr() is not PythonParser.AttributeExprContext { } callee || callee.expr().GetText() != "self" || callee.name().GetText() != "apply"
            || SyntaxShapes.Arguments(call) is not [PythonParser.PositionalArgumentContext argument]
            || SyntaxShapes.AtomOf(argument) is not PythonParser.AttributeExprContext method || method.expr().GetText() != "self")
        {
            return null;
        }
        var name = method.name().GetText();
        var definition = cls.block().statement().FirstOrDefault(s => s.function_def()?.name().GetText() == name);
        var function = definition?.function_def();
        if (function?.parameters()?.parameter() is not [_, var module] || module.name()?.GetText() is not { } variable)
        {
            return ParseTrees.Descendants<PythonParser.CallExprContext>(definition ?? (IParseTree)statement).Any(isInit)
                ? Fail(statement, $"self.{name} is not a method of this class taking (self, module)")
                : null;
        }
        if (ParseTrees.Descendants<PythonParser.AttributeExprContext>(cls).Count(a => a.expr().GetText() == "self" && a.name().GetText() == name) != 1)
        {
            return Fail([statement, definition!], $"self.{name} is used elsewhere too, so it cannot go");
        }
        return Loop(cls, [statement, definition!], variable, function.block(), when, null);
    }

    /// <summary>
    /// A loop of isinstance branches over the modules of the class (<paramref name="under"/> null)
    /// or of its submodule <c>self.UNDER</c>: initializer arguments on the layers it reaches, or applied when the model initialises.
    /// </summary>
    private InitUnit Loop(PythonParser.Class_defContext cls, IReadOnlyList<PythonParser.StatementContext> statements, string variable,
        PythonParser.BlockContext block, string? when, string? under, bool children = false)
    {
        const string OneLine = "a one-line block is not read: write its statement on a line of its own";
        if (Statements(block) is not { } body)
        {
            return Fail(statements, OneLine);
        }
        var owned = new List<(HashSet<string> Names, PythonParser.CallExprContext Call)>();
        if (ReadBody(body, variable, out var problem, owned) is not { } chains)
        {
            return Fail(statements, problem!);
        }
        if (owned.Count > 0)
        {
            if (Owned(cls, statements[0], owned, chains, when ?? under, out problem) is not { } parameters)
            {
                return Fail(statements, problem!);
            }
            chains.RemoveAll(c => c.Count == 0);
            var rest = chains.Count == 0 ? new InitUnit(statements, [], null) : Loop(cls, statements, chains, when, under, children);
            return rest with { Parameters = parameters };
        }
        return Loop(cls, statements, chains, when, under, children);
    }

    /// <summary>
    /// The parameters a branch <c>isinstance(m, C): for w in m.parameters(): INIT(w, ...)</c> draws
    /// anew (<see cref="ReadBody"/>), each <c>nn.Parameter(...)</c> construction of C with the init
    /// (the parent's loop runs after C's constructor, so its draw is the parameter's): C a module
    /// class of the file deriving from nn.Module alone, that no class of the file derives from, whose
    /// constructor builds parameters (<c>self.NAME = nn.Parameter(value)</c>) and no submodule,
    /// that no init statement of its own sets, and that only this class builds, in a loop that
    /// always runs; no other branch of the loop tests a module class. Null with the problem otherwise.
    /// </summary>
    private List<(PythonParser.CallExprContext Parameter, LayerInit Init)>? Owned(PythonParser.Class_defContext cls, PythonParser.StatementContext loop,
        List<(HashSet<string> Names, PythonParser.CallExprContext Call)> owned, List<List<TestedBranch>> chains, string? condition, out string? problem)
    {
        problem = null;
        var result = new List<(PythonParser.CallExprContext, LayerInit)>();
        if (condition is not null || chains.SelectMany(c => c).Any(b => b.Names.Any(n => classes.Named(n) is not null)))
        {
            problem = "a branch initialising every parameter of a module class converts only in a loop over self.modules() that always runs, whose other branches test torch layers";
            return null;
        }
        foreach (var (names, call) in owned)
        {
            var entry = maps.Find(model.QualifiedName(call.expr())!)!;
            if (entry.Options.GetValueOrDefault("fans") == "true")
            {
                problem = $"{entry.Torch} computes its fans from the tensor's torch layout, a parameter's initializer from a kernel's: give the parameters their initializer by hand";
                return null;
            }
            if (Arguments(call) is { } failure)
            {
                problem = failure;
                return null;
            }
            foreach (var name in names)
            {
                if (ParametersOnly(classes.Named(name)!, cls, loop, out problem) is not { } parameters)
                {
                    return null;
                }
                result.AddRange(parameters.Select(p => (p, new LayerInit(name, new InitRule(name, null, []), call, entry))));
            }
        }
        return result;
    }

    /// <summary>The <c>nn.Parameter(...)</c> constructions of a module class holding only parameters, which only <paramref name="builder"/> builds; or null with the problem.</summary>
    private List<PythonParser.CallExprContext>? ParametersOnly(PythonParser.Class_defContext owner, PythonParser.Class_defContext builder,
        PythonParser.StatementContext loop, out string? problem)
    {
        var name = owner.name().GetText();
        problem = $"{name} is not a module class deriving from nn.Module alone whose constructor builds only parameters (self.NAME = nn.Parameter(value)), "
            + $"none of them initialised in {name} itself, and that only {builder.name().GetText()}'s constructor builds, before the loop, and no class derives from";
        if (ModelBases.Of(owner).ToList() is not [var based] || owner.arguments()?.argument().Length != 1
            || model.QualifiedName(based) is not { } baseName || maps.Find(baseName) is not { Hook: MapSet.ModuleClassHook } || ModuleClasses.Constructor(owner) is not { } constructor
            || ParseTrees.Descendants<PythonParser.CallExprContext>(owner).Any(isInit))
        {
            return null;
        }
        var parameters = new List<PythonParser.CallExprContext>();
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(constructor))
        {
            bool inside = parameters.Any(p => p.Start.TokenIndex <= call.Start.TokenIndex && call.Stop.TokenIndex <= p.Stop.TokenIndex);
            if (inside || call.expr().GetText() == "super().__init__" || call.GetText() == "super()")
            {
                continue;
            }
            if (model.QualifiedName(call.expr()) is not { } qualified || maps.Find(qualified) is not { Hook: RandomSources.ParameterHook } entry
                || RandomSources.InitializerData(call, entry, tree, out _, out _) is null
                || SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(call) is not { } assignment || assignment.EQUAL().Length != 1
                || !assignment.star_expressions().GetText().StartsWith("self.", StringComparison.Ordinal)
                || assignment.assigned_value() is not [var value] || SyntaxShapes.AtomOf(value) != call)
            {
                return null;
            }
            parameters.Add(call);
        }
        bool derived = ParseTrees.Descendants<PythonParser.Class_defContext>(root)
            .Any(c => (c.arguments()?.argument() ?? []).Any(b => b.GetText() == name));
        // built only by the builder's constructor before the loop, which torch's loop then reaches
        var building = ModuleClasses.Constructor(builder);
        bool elsewhere = ParseTrees.Descendants<PythonParser.CallExprContext>(root)
            .Any(c => c.expr().GetText() == name && (SyntaxShapes.Enclosing<PythonParser.Function_defContext>(c) != building || c.Start.TokenIndex > loop.Start.TokenIndex));
        // every parameter of the class is built in its constructor
        bool later = ParseTrees.Descendants<PythonParser.CallExprContext>(owner).Count(c => model.QualifiedName(c.expr()) is { } q
            && maps.Find(q) is { Hook: RandomSources.ParameterHook }) != parameters.Count;
        return parameters.Count == 0 || derived || elsewhere || later ? null : parameters;
    }

    private InitUnit Loop(PythonParser.Class_defContext cls, IReadOnlyList<PythonParser.StatementContext> statements,
        List<List<TestedBranch>> chains, string? when, string? under, bool children = false)
    {
        var reach = new InitReach(root, model, maps, layers, classes, runtimeClasses);
        if (under is not null && !reach.IsModule(cls, under))
        {
            return Fail(statements, $"self.{under} is not a layer, an nn.Sequential or a module class of this file that the class builds, so Switcheroo cannot tell which modules are under it");
        }
        if (children)
        {
            return under is null ? OwnChildren(cls, statements, chains, when) : Children(cls, statements, chains, when, under, reach);
        }
        if (when is not null)
        {
            return AtInit(cls, statements, chains, $"the loop runs only when {when} is true") with { When = when, Under = under };
        }
        if (chains.SelectMany(c => c).FirstOrDefault(b => b.At is not null || b.Present is not null) is { } tested)
        {
            // torch decides these per module object: applied at init, where the runtime tests each module
            return AtInit(cls, statements, chains, tested.At is not null
                ? $"the loop tests modules of class {string.Join(", ", tested.Names)}"
                : $"the loop tests whether a layer has its {tested.Present} in a branch's condition") with { Under = under };
        }
        var reached = new List<(LayerDeclaration Layer, int Level)>();
        if ((under is null ? reach.Reach(cls, 0, reached, [cls]) : reach.Under(cls, under, reached)) is { } unseen)
        {
            return AtInit(cls, statements, chains, unseen) with { Under = under };
        }
        if (reached.FirstOrDefault(r => r.Layer.Entry.Holds.Count > 0).Layer is { } composite)
        {
            // the converted layer builds these itself: no initializer argument reaches them, the runtime's walk does
            return AtInit(cls, statements, chains, $"the loop reaches the layers inside self.{composite.Name} ({composite.Entry.Torch} holds "
                + $"{string.Join(", ", composite.Entry.Holds.Distinct().Select(h => h[(h.LastIndexOf('.') + 1)..]))} by default), which no initializer argument of it reaches") with { Under = under };
        }
        return Matched(statements, chains, reached, cls, reach);
    }

    /// <summary>
    /// The initializer arguments a loop's branches give the layers it reaches (the first branch of
    /// an if/elif statement whose classes hold a layer takes it); with an identity test
    /// (<c>if m is final_conv:</c>), on the one layer of that local or on the others.
    /// </summary>
    private InitUnit Matched(IReadOnlyList<PythonParser.StatementContext> statements, List<List<TestedBranch>> chains,
        List<(LayerDeclaration Layer, int Level)> reached, PythonParser.Class_defContext? cls = null, InitReach? reach = null)
    {
        var inits = new List<(LayerDeclaration, LayerInit, int)>();
        foreach (var chain in chains)
        {
            var matched = new HashSet<LayerDeclaration>();
            foreach (var (names, branch, _, _) in chain)
            {
                var hit = reached.Where(r => names.Contains(r.Layer.Entry.Torch) && matched.Add(r.Layer)).ToList();
                foreach (var (call, parameter, guarded) in branch)
                {
                    PythonParser.CallExprContext? compared = null;
                    if (identities.TryGetValue(call, out var identity))
                    {
                        if (statements.Count != 1 || cls is null || reach?.LocalLayer(cls, identity.Local) is not { } held)
                        {
                            return Fail(statements, $"the loop compares a module with {identity.Local}, which is not a local that the constructor around the loop assigns once, a torch layer call");
                        }
                        compared = held.Construction;
                    }
                    foreach (var (layer, level) in hit)
                    {
                        if (compared is not null && (layer.Construction == compared) != identity.Holds)
                        {
                            continue;
                        }
                        var (init, failure) = Target(layer, parameter, call, guarded);
                        if (failure is not null)
                        {
                            return Fail(statements, failure);
                        }
                        if (init is not null)
                        {
                            inits.Add((layer, init, level));
                        }
                    }
                }
            }
        }
        return new InitUnit(statements, inits, null);
    }

    /// <summary>
    /// <c>for m in self.NAME.children():</c>, NAME an <c>nn.Sequential</c> the class declares: the
    /// loop reaches the modules written as its arguments, not what they hold (a module class of the
    /// file among them is no torch layer, so no branch on torch layers takes it). When they are all
    /// seen, initializer arguments on the torch layers among them; otherwise applied when the model
    /// initialises, to the layers that are the Sequential's own items.
    /// </summary>
    private InitUnit Children(PythonParser.Class_defContext cls, IReadOnlyList<PythonParser.StatementContext> statements,
        List<List<TestedBranch>> chains, string? when, string under, InitReach reach)
    {
        if (layers.Of(cls).GetValueOrDefault(under) is not { Entry.Hook: "sequential" })
        {
            return Fail(statements, $"the loop walks the children of self.{under}, which is not an nn.Sequential the class declares once (self.{under} = nn.Sequential(...)): "
                + $"write 'for m in self.{under}.modules()' when what it holds is all torch layers");
        }
        if (chains.SelectMany(c => c).FirstOrDefault(b => b.At is not null || b.Present is not null) is { } tested)
        {
            return Fail(statements, tested.At is not null
                ? $"a loop over the children of self.{under} tests modules of class {string.Join(", ", tested.Names)}: only branches on torch layers convert there"
                : $"a loop over the children of self.{under} tests whether a layer has its {tested.Present} in a branch's condition: only branches on torch layers convert there");
        }
        var reached = new List<(LayerDeclaration Layer, int Level)>();
        if (when is not null || reach.Under(cls, under, reached) is not null)
        {
            var unit = when is not null ? $"the loop runs only when {when} is true" : $"the loop reaches the items of self.{under}, which Switcheroo does not all see";
            return AtInit(cls, statements, chains, unit) with { When = when, Under = under, Children = true };
        }
        // the Sequential's own items only (the layers of a module class among them are not its children)
        reached.RemoveAll(r => !r.Layer.Name.StartsWith(under + "[", StringComparison.Ordinal));
        return Matched(statements, chains, reached);
    }

    /// <summary>
    /// <c>for m in self.children():</c> in an <c>nn.Sequential</c> subclass whose layers are given to
    /// <c>super().__init__(...)</c> (torchvision's <c>KeypointRCNNHeads</c>): the loop reaches those
    /// layers, not what they hold; applied when the model initialises to the items of the converted
    /// class's own list (<c>children=True</c> without <c>under</c>: <c>layers_i</c>, or <c>sequence_i</c>).
    /// </summary>
    private InitUnit OwnChildren(PythonParser.Class_defContext cls, IReadOnlyList<PythonParser.StatementContext> statements,
        List<List<TestedBranch>> chains, string? when)
    {
        if (!SequentialLayers.IsSequentialSubclass(cls, model, maps)
            || SequentialLayers.Of(cls, model, maps) is not { Problem: null, Named: null, Attributes.Count: 0, Layers.Count: > 0 })
        {
            return Fail(statements, "the loop walks self.children(), which converts only in an nn.Sequential subclass whose layers are given to super().__init__(...): "
                + "write 'for m in self.modules()' when the modules are all torch layers");
        }
        if (chains.SelectMany(c => c).FirstOrDefault(b => b.At is not null || b.Present is not null) is { } tested)
        {
            return Fail(statements, tested.At is not null
                ? $"a loop over self.children() tests modules of class {string.Join(", ", tested.Names)}: only branches on torch layers convert there"
                : $"a loop over self.children() tests whether a layer has its {tested.Present} in a branch's condition: only branches on torch layers convert there");
        }
        var unit = when is not null ? $"the loop runs only when {when} is true" : "the loop reaches the class's own items";
        return AtInit(cls, statements, chains, unit) with { When = when, Children = true };
    }

    /// <summary>
    /// A loop whose layers Switcheroo cannot all see, applied when the model initialises
    /// (<c>switcheroo_runtime.torch_init</c> on the class's <c>forward</c>): each branch's classes
    /// must have an <c>init</c> rule for every parameter it initialises, and each init call literal arguments.
    /// </summary>
    private InitUnit AtInit(PythonParser.Class_defContext cls, IReadOnlyList<PythonParser.StatementContext> statements,
        List<List<TestedBranch>> chains, string unseen)
    {
        if (Forward(cls) is { Parent: PythonParser.DecoratedContext } || Forward(cls) is null && !WritesCall(cls, model, maps))
        {
            return Fail(statements, $"{unseen}; it could be applied when the model initialises, but the class has no undecorated forward method of its own "
                + "(nor is it an nn.Sequential subclass whose __call__ the conversion writes)");
        }
        if (chains.SelectMany(c => c).SelectMany(b => b.Calls).Select(c => c.Call).FirstOrDefault(identities.ContainsKey) is { } compares)
        {
            return Fail(statements, $"{unseen}; it could be applied when the model initialises, but not its test of a module's identity with the layer in {identities[compares].Local}");
        }
        var runtime = new List<IReadOnlyList<RuntimeBranch>>();
        foreach (var chain in chains)
        {
            var written = new List<RuntimeBranch>();
            foreach (var (names, branch, at, present) in chain)
            {
                if (at is not null && names.FirstOrDefault(n => !DefinedBefore(n, cls)) is { } late)
                {
                    return Fail(statements, $"the decorator of {cls.name().GetText()}'s __call__ names the class {late}, which is not defined before it at the top of the file: define it first");
                }
                if (at is not null && names.FirstOrDefault(n => !Declares(classes.Named(n)!, at.Split('.')[0], [])) is { } lacking)
                {
                    return Fail(statements, $"{lacking} assigns no self.{at.Split('.')[0]} (nor does a base of the file): torch's loop fails here with an AttributeError");
                }
                var inits = new List<LayerInit>();
                foreach (var (call, path, _) in branch)
                {
                    var parameter = at is null ? path : path[(at.Length + 1)..];
                    var init = maps.Find(model.QualifiedName(call.expr())!)!;
                    var entries = at is null ? names.Select(n => maps.Find(n)!).ToList() : [];
                    if (entries.FirstOrDefault(e => !e.Init.ContainsKey(parameter)) is { } unnamed)
                    {
                        return Fail(statements, $"no Flax initializer argument takes the '{parameter}' of {unnamed.Torch} (its map entry has no 'init' for it)");
                    }
                    if (at is not null && init.Options.GetValueOrDefault("fans") == "true")
                    {
                        return Fail(statements, $"{init.Torch} computes its fans from the layer's torch layout, which a branch on the submodule {at} of "
                            + $"{string.Join(", ", names)} does not give the runtime: initialise it in that class's own constructor");
                    }
                    if (!fixedInitializers.ContainsKey(call) && Arguments(call) is { } failure)
                    {
                        return Fail(statements, failure);
                    }
                    inits.RemoveAll(i => i.Parameter == parameter);
                    inits.Add(new LayerInit(parameter, at is null ? entries[0].Init[parameter] : new InitRule(parameter, null, []), call, init)
                    {
                        Initializer = fixedInitializers.GetValueOrDefault(call),
                    });
                }
                var optional = inits.Select(i => i.Parameter)
                    .Where(p => branch.Where(b => b.Parameter == (at is null ? p : $"{at}.{p}")).All(b => b.Guarded)).ToList();
                written.Add(new RuntimeBranch([.. names.Order(StringComparer.Ordinal)], inits, optional)
                {
                    At = at,
                    Present = present is null ? [] : [at is null ? present : present[(at.Length + 1)..]],
                });
            }
            runtime.Add(written);
        }
        return new InitUnit(statements, [], null) { AtInit = runtime };
    }

    /// <summary>The class's <c>forward</c> method, where the loop applied at init goes, or null.</summary>
    internal static PythonParser.Function_defContext? Forward(PythonParser.Class_defContext cls) =>
        ModuleClasses.Methods(cls).FirstOrDefault(m => m.name().GetText() == "forward");

    /// <summary>
    /// Whether the class has no <c>forward</c> and is an <c>nn.Sequential</c> subclass whose layers
    /// convert, so the conversion writes its <c>__call__</c> (torch's <c>Sequential.forward</c>,
    /// <c>Rewriting/Modules/SequentialSubclass</c>), which takes the loops applied at init as decorators
    /// (torchvision's <c>FastRCNNConvFCHead</c>: <c>super().__init__(*blocks)</c>, then <c>for layer in self.modules():</c>).
    /// </summary>
    internal static bool WritesCall(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps) =>
        Forward(cls) is null && SequentialLayers.IsSequentialSubclass(cls, model, maps)
        && SequentialLayers.Of(cls, model, maps) is { Problem: null, Named: not { IsDict: true } };

    /// <summary>
    /// A loop's body as its <c>if</c>/<c>elif</c> statements, each a list of branches (the classes
    /// it tests, its init calls, the submodule path they set on a module class of the file, the
    /// parameter its condition requires), or null with the problem.
    /// </summary>
    private List<List<TestedBranch>>? ReadBody(PythonParser.StatementContext[] body, string variable, out string? problem,
        List<(HashSet<string> Names, PythonParser.CallExprContext Call)> owned)
    {
        problem = null;
        var chains = new List<List<TestedBranch>>();
        foreach (var statement in body.Where(s => !SyntaxShapes.IsStringStatement(s)))
        {
            if (statement.if_stmt() is not { } branches || branches.else_block() is not null)
            {
                problem = $"the loop does more than initialise layers by isinstance branches ('{First(statement)}')";
                return null;
            }
            var chain = new List<TestedBranch>();
            var conditions = new[] { (branches.NamedExpression(), branches.block()) }
                .Concat(branches.elif_block().Select(e => (e.NamedExpression(), e.block())));
            foreach (var (condition, branch) in conditions)
            {
                var (test, present) = SyntaxShapes.AtomOf(condition) is PythonParser.ConjunctionContext both
                    && IsPresenceTest(both.expression(1), variable, out var required) ? ((IParseTree)both.expression(0), required) : (condition, null);
                if (Classes(test, variable) is not { } names)
                {
                    problem = $"'{condition.GetText()}' is not isinstance({variable}, LAYER) or isinstance({variable}, (LAYER, ...)) of torch layers "
                        + $"or module classes of this file, optionally followed by 'and {variable}.PARAMETER is not None'";
                    return null;
                }
                if (present is null && names.All(n => classes.Named(n) is not null) && EveryParameter(branch, variable) is { } every)
                {
                    owned.Add((names, every));
                    continue;
                }
                if (Branch(branch, variable, out problem, names) is not { } calls || Submodule(names, calls, present, variable, out problem) is not { } at)
                {
                    return null;
                }
                chain.Add(new TestedBranch(names, calls, at.Length == 0 ? null : at, present));
            }
            chains.Add(chain);
        }
        return chains;
    }

    /// <summary><c>for w in m.parameters():</c> whose body is one init call on <c>w</c>: that call, or null.</summary>
    private PythonParser.CallExprContext? EveryParameter(PythonParser.BlockContext block, string variable) =>
        Statements(block) is [var only] && only.for_stmt() is { } loop && loop.else_block() is null
        && loop.star_expressions().GetText() == variable + ".parameters()"
        && SyntaxShapes.AtomOf(loop.target_list()) is PythonParser.NameAtomContext target
        && Statements(loop.block()) is [var line] && StatementCall(line) is { } call && isInit(call)
        && SyntaxShapes.Arguments(call).FirstOrDefault() is PythonParser.PositionalArgumentContext first && first.GetText() == target.GetText()
            ? call : null;

    /// <summary>
    /// The submodule path a branch on module classes of the file sets (<c>m.bn3.weight</c>: <c>bn3</c>),
    /// empty for a branch on torch layers, which sets their own parameters; null with the problem
    /// when the classes are mixed or the calls (and the condition's presence test) set other paths.
    /// </summary>
    private string? Submodule(HashSet<string> names, List<(PythonParser.CallExprContext Call, string Parameter, bool Guarded)> calls, string? present,
        string variable, out string? problem)
    {
        problem = null;
        static string Path(string parameter) => parameter.Contains('.') ? parameter[..parameter.LastIndexOf('.')] : "";
        var modules = names.Where(n => classes.Named(n) is not null).ToList();
        if (modules.Count > 0 && modules.Count < names.Count)
        {
            problem = $"a branch tests both torch layers and module classes of this file ({string.Join(", ", modules)}): write them as two branches";
            return null;
        }
        var paths = calls.Select(c => c.Parameter).Concat(present is null ? [] : [present]).Select(Path).Distinct().ToList();
        if (modules.Count == 0 && paths.FirstOrDefault(p => p.Length > 0) is { } nested)
        {
            problem = $"a branch on torch layers initialises {variable}.{nested}'s parameter: only a branch on a module class of this file may reach its submodules";
            return null;
        }
        if (modules.Count > 0 && (paths.Count != 1 || paths[0].Length == 0))
        {
            problem = $"a branch on {string.Join(", ", modules)} must initialise the parameters of one submodule ({variable}.NAME.weight), and test only its parameters";
            return null;
        }
        return paths.Count == 0 ? "" : paths[0];
    }

    /// <summary>Whether a class, or a base of it that the file defines, assigns <c>self.NAME</c> anywhere in its body.</summary>
    private bool Declares(PythonParser.Class_defContext cls, string name, HashSet<PythonParser.Class_defContext> seen) =>
        seen.Add(cls)
        && (ParseTrees.Descendants<PythonParser.Expression_stmtContext>(cls).Any(a => a.star_expressions().GetText() == "self." + name)
            || (cls.arguments()?.argument() ?? []).Any(b => classes.Named(b.GetText()) is { } based && Declares(based, name, seen)));

    /// <summary>Whether a class of the file is defined at the top of the file before <paramref name="cls"/>, so a decorator of its methods can name it.</summary>
    private bool DefinedBefore(string name, PythonParser.Class_defContext cls) =>
        classes.Named(name) is { } defined && defined.Stop.TokenIndex < cls.Start.TokenIndex
        && SyntaxShapes.Enclosing<PythonParser.Class_defContext>(defined.Parent) is null
        && SyntaxShapes.Enclosing<PythonParser.Function_defContext>(defined) is null;

    /// <summary>
    /// Why a branch's local read from the module the loop visits (inception's <c>stddev = float(m.stddev)
    /// if hasattr(m, "stddev") else 0.1</c>, or <c>getattr(m, "stddev", 0.1)</c>) does not convert, with
    /// what to do: the value is an attribute torch code sets on single module objects
    /// (<c>self.fc.stddev = 0.001</c>), which a Flax layer cannot carry. Null for any other statement.
    /// </summary>
    private string? ModuleAttribute(PythonParser.StatementContext line, string variable)
    {
        var v = System.Text.RegularExpressions.Regex.Escape(variable);
        var text = ParseTrees.Descendants<PythonParser.Expression_stmtContext>(line).FirstOrDefault()?.GetText() ?? string.Empty;
        var read = System.Text.RegularExpressions.Regex.Match(text,
            $@"^\w+=(?:\w+\()?{v}\.(?<attr>\w+)\)?ifhasattr\({v},[""'](?<tested>\w+)[""']\)else(?<default>.+)$|^\w+=getattr\({v},[""'](?<attr>\w+)[""'],(?<default>.+)\)$");
        if (!read.Success || read.Groups["tested"].Success && read.Groups["tested"].Value != read.Groups["attr"].Value)
        {
            return null;
        }
        var attribute = read.Groups["attr"].Value;
        var sets = ParseTrees.Descendants<PythonParser.Expression_stmtContext>(root)
            .Where(a => a.EQUAL().Length > 0 && a.star_expressions().GetText().EndsWith("." + attribute, StringComparison.Ordinal))
            .Select(a => $"'{First(a)}' at line {a.Start.Line}").ToList();
        var where = sets.Count == 0 ? "on module objects elsewhere" : $"on single module objects ({string.Join(", ", sets.Take(3))})";
        return $"the branch reads {variable}.{attribute} ('{First(line)}'), an attribute torch code sets {where}, which a Flax layer cannot carry: "
            + $"write the loop with the default {read.Groups["default"].Value} in place of the local, then draw the parameters of the layers that set "
            + $"{attribute} anew after model.init (variables['params']) with their own value";
    }

    /// <summary>
    /// The init calls of one isinstance branch, each with the parameter it sets and whether a presence
    /// test guards it. With the branch's torch classes (<paramref name="names"/>), a guard may repeat
    /// the branch's own test (<c>if isinstance(m, nn.Linear) and m.bias is not None:</c> under
    /// <c>isinstance(m, nn.Linear)</c>), and a local may hold torch's fan-out of a convolution that an
    /// init call's standard deviation reads (<see cref="FanOut"/>).
    /// </summary>
    private List<(PythonParser.CallExprContext Call, string Parameter, bool Guarded)>? Branch(PythonParser.BlockContext block, string variable, out string? problem,
        IReadOnlySet<string>? names = null)
    {
        problem = null;
        if (Statements(block) is null)
        {
            problem = "a one-line block is not read: write its statement on a line of its own";
            return null;
        }
        var calls = new List<(PythonParser.CallExprContext, string, bool)>();
        var fans = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var ranges = new Dictionary<string, (string Numerator, List<string> Factors)>(StringComparer.Ordinal);
        foreach (var statement in Statements(block) ?? [])
        {
            bool guarded = false;
            var body = new[] { statement };
            if (names is not null && FanOut(statement, variable) is ({ } local, var factors))
            {
                fans[local] = factors;
                continue;
            }
            if (names is not null && FanRange(statement, variable) is ({ } bound, var numerator, var fanFactors))
            {
                ranges[bound] = (numerator, fanFactors);
                continue;
            }
            if (names is not null && Identity(statement, variable) is ({ } compared, { } same, { } other))
            {
                // if m is final_conv: ... else: ... (final_conv a layer the constructor holds in a local)
                foreach (var (lines, holds) in new[] { (same, true), (other, false) })
                {
                    foreach (var line in lines)
                    {
                        if (StatementCall(line) is not { } call || !isInit(call) || ParameterPath(call, variable) is not { } parameter)
                        {
                            problem = $"under 'if {variable} is {compared}:' only init calls on {variable}'s parameters may stand ('{First(line)}')";
                            return null;
                        }
                        identities[call] = (compared, holds);
                        calls.Add((call, parameter, false));
                    }
                }
                continue;
            }
            if (statement.if_stmt() is { } guard)
            {
                if (guard.elif_block().Length > 0 || guard.else_block() is not null || !IsGuard(guard.NamedExpression(), variable, names, out var tested))
                {
                    problem = $"'{First(statement)}' is not a test of whether {variable}'s parameter is None";
                    return null;
                }
                guarded = true;
                body = Statements(guard.block()) ?? [];
                if (body.Length == 0 || body.Any(s => StatementCall(s) is not { } c || ParameterPath(c, variable) != tested))
                {
                    problem = $"under 'if {variable}.{tested} is not None' only {variable}.{tested} may be initialised";
                    return null;
                }
            }
            foreach (var line in body)
            {
                if (StatementCall(line) is not { } call || !isInit(call) || ParameterPath(call, variable) is not { } parameter)
                {
                    problem = ModuleAttribute(line, variable)
                        ?? $"the loop does more than initialise {variable}.weight and {variable}.bias ('{First(line)}')";
                    return null;
                }
                if (ranges.Count > 0 && ParseTrees.Descendants<PythonParser.NameAtomContext>(call).Any(n => ranges.ContainsKey(n.GetText())))
                {
                    if (FanRangeInit(call, parameter, ranges, names!) is not { } initializer)
                    {
                        problem = $"'{First(call)}' reads a local of the loop; only nn.init.uniform_({variable}.weight, -R, R) with R = C / math.sqrt(FAN_OUT), "
                            + $"FAN_OUT the product of the layer's attributes that make torch's fan-out of the weight of the one layer class the branch tests, converts";
                        return null;
                    }
                    fixedInitializers[call] = initializer;
                }
                else if (fans.Count > 0 && ParseTrees.Descendants<PythonParser.NameAtomContext>(call).Any(n => fans.ContainsKey(n.GetText())))
                {
                    if (FanOutInit(call, parameter, fans, names!) is not { } initializer)
                    {
                        problem = $"'{First(call)}' reads a local of the loop; only std=math.sqrt(GAIN / FAN_OUT), FAN_OUT the product of the layer's attributes "
                            + $"that make torch's fan-out of the weight of the one layer class the branch tests ({variable}.out_channels * {variable}.kernel_size[0] * ... on a ConvNd), converts: "
                            + $"write nn.init.kaiming_normal_({variable}.weight, mode=\"fan_out\")";
                        return null;
                    }
                    fixedInitializers[call] = initializer;
                }
                calls.Add((call, parameter, guarded));
            }
        }
        return calls;
    }

    /// <summary>
    /// The init calls of an identity test (<c>if m is final_conv:</c>, <see cref="Identity"/>): the
    /// local the loop variable is compared with, and whether the call runs when it is that layer.
    /// </summary>
    private readonly Dictionary<PythonParser.CallExprContext, (string Local, bool Holds)> identities = new();

    /// <summary>
    /// <c>if m is NAME:</c> with an <c>else:</c> and no <c>elif</c>: NAME and the statements of both
    /// blocks; or null.
    /// </summary>
    private static (string? Local, PythonParser.StatementContext[]? Same, PythonParser.StatementContext[]? Other) Identity(
        PythonParser.StatementContext statement, string variable) =>
        statement.if_stmt() is { } test && test.elif_block().Length == 0 && test.else_block() is { } otherwise
        && SyntaxShapes.AtomOf(test.NamedExpression()) is PythonParser.ComparisonContext { } comparison && comparison.expr().Length == 2
        && comparison.comp_op(0).GetText() == "is" && comparison.expr(0).GetText() == variable
        && SyntaxShapes.AtomOf(comparison.expr(1)) is PythonParser.NameAtomContext local
        && Statements(test.block()) is { } same && Statements(otherwise.block()) is { } other
            ? (local.GetText(), same, other) : (null, null, null);

    /// <summary>Initializers written in full for init calls whose arguments read a fan local (<see cref="FanOutInit"/>).</summary>
    private readonly Dictionary<PythonParser.CallExprContext, string> fixedInitializers = new();

    /// <summary>
    /// <c>fan_out = m.kernel_size[0] * m.kernel_size[1] * m.out_channels</c>: a local holding a product
    /// of attributes of the loop variable, and its factors as read on the layer (<c>kernel_size[0]</c>,
    /// <c>out_channels</c>); or null.
    /// </summary>
    private static (string Local, List<string> Factors)? FanOut(PythonParser.StatementContext statement, string variable)
    {
        if (statement.SimpleLine() is not { } line || line.simple_stmt().Length != 1
            || SyntaxShapes.AtomOf(line.simple_stmt(0)) is not PythonParser.Expression_stmtContext assignment
            || assignment.EQUAL().Length != 1 || assignment.annotation() is not null || assignment.augassign() is not null
            || SyntaxShapes.AtomOf(assignment.star_expressions()) is not PythonParser.NameAtomContext local
            || assignment.assigned_value() is not [var value])
        {
            return null;
        }
        return Factors(value, variable) is { } factors ? (local.GetText(), factors) : null;
    }

    /// <summary>
    /// A product of attributes of the loop variable (<c>m.kernel_size[0] * m.out_channels</c>), its factors as read
    /// on the layer (<c>kernel_size[0]</c>, <c>out_channels</c>); null when a factor is anything else.
    /// </summary>
    private static List<string>? Factors(IParseTree value, string variable)
    {
        var factors = new List<string>();
        void Collect(IParseTree node)
        {
            if (SyntaxShapes.AtomOf(node) is PythonParser.BinaryExprContext { op.Type: PythonLexer.STAR } product)
            {
                Collect(product.expr(0));
                Collect(product.expr(1));
                return;
            }
            factors.Add(node.GetText());
        }
        Collect(value);
        var prefix = variable + ".";
        return factors.All(f => f.StartsWith(prefix, StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(f[prefix.Length..], @"^\w+(\[\d\])?$"))
            ? factors.Select(f => f[prefix.Length..]).ToList()
            : null;
    }

    /// <summary>
    /// <c>nn.init.normal_(m.weight, mean=0.0, std=math.sqrt(GAIN / FAN))</c>, GAIN a number and FAN a
    /// local holding a product (<see cref="FanOut"/>) whose factors are those of the fan-out of the
    /// weight of the one torch layer the branch tests (its init rule's <c>fan_out</c>): N(0, GAIN /
    /// fan_out), which the init entry's <c>fan_out</c> template writes (<c>variance_scaling(GAIN,
    /// "fan_out", "normal")</c>: Flax's kernel has the same fan-out); or null.
    /// </summary>
    private string? FanOutInit(PythonParser.CallExprContext call, string parameter, Dictionary<string, List<string>> fans, IReadOnlySet<string> names)
    {
        var entry = maps.Find(model.QualifiedName(call.expr())!)!;
        if (entry.Options.GetValueOrDefault("fan_out") is not { } template || names.Count != 1
            || maps.Find(names.First()) is not { } layer || !layer.Init.TryGetValue(parameter, out var rule) || rule.FanOut.Count == 0)
        {
            return null;
        }
        var bound = CallArguments.Bind(call.arguments(), entry.Parameters, out _);
        var mean = bound?.FirstOrDefault(a => a.Parameter == "mean")?.Value;
        if (bound?.FirstOrDefault(a => a.Parameter == "std")?.Value is not { } std
            || (mean is not null && entry.Arguments.GetValueOrDefault("mean") is { } meanRule && !meanRule.Values.ContainsKey(mean.GetText()))
            || SyntaxShapes.AtomOf(std) is not PythonParser.CallExprContext root || model.QualifiedName(root.expr()) != "math.sqrt"
            || SyntaxShapes.Arguments(root) is not [PythonParser.PositionalArgumentContext argument]
            || SyntaxShapes.AtomOf(argument) is not PythonParser.BinaryExprContext { op.Type: PythonLexer.SLASH } ratio
            || SyntaxShapes.AtomOf(ratio.expr(0)) is not PythonParser.NumberAtomContext gain
            || SyntaxShapes.AtomOf(ratio.expr(1)) is not PythonParser.NameAtomContext fan || !fans.TryGetValue(fan.GetText(), out var factors)
            || !factors.Order(StringComparer.Ordinal).SequenceEqual(rule.FanOut.Order(StringComparer.Ordinal)))
        {
            return null;
        }
        return template.Replace("{gain}", gain.GetText(), StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>init_range = 1.0 / math.sqrt(m.out_features)</c>: a local holding a number divided by the square root
    /// of a product of attributes of the loop variable, with the number and the factors (<see cref="FanOut"/>); or null.
    /// </summary>
    private (string Local, string Numerator, List<string> Factors)? FanRange(PythonParser.StatementContext statement, string variable)
    {
        if (statement.SimpleLine() is not { } line || line.simple_stmt().Length != 1
            || SyntaxShapes.AtomOf(line.simple_stmt(0)) is not PythonParser.Expression_stmtContext assignment
            || assignment.EQUAL().Length != 1 || assignment.annotation() is not null
            || SyntaxShapes.AtomOf(assignment.star_expressions()) is not PythonParser.NameAtomContext local
            || assignment.assigned_value() is not [var value]
            || SyntaxShapes.AtomOf(value) is not PythonParser.BinaryExprContext { op.Type: PythonLexer.SLASH } ratio
            || SyntaxShapes.AtomOf(ratio.expr(0)) is not PythonParser.NumberAtomContext numerator
            || SyntaxShapes.AtomOf(ratio.expr(1)) is not PythonParser.CallExprContext root || model.QualifiedName(root.expr()) != "math.sqrt"
            || SyntaxShapes.Arguments(root) is not [PythonParser.PositionalArgumentContext argument])
        {
            return null;
        }
        return Factors(argument, variable) is { } factors ? (local.GetText(), numerator.GetText(), factors) : null;
    }

    /// <summary>
    /// <c>nn.init.uniform_(m.weight, -R, R)</c>, R a local <c>C / math.sqrt(FAN)</c> (<see cref="FanRange"/>) whose
    /// factors are those of the fan-out of the weight of the one torch layer the branch tests: U(-C/sqrt(fan_out),
    /// C/sqrt(fan_out)), whose variance C^2 / (3 fan_out) the init entry's <c>fan_out</c> template writes
    /// (<c>variance_scaling(C ** 2 / 3, "fan_out", "uniform")</c>, whose limit sqrt(3 scale / fan_out) is R: Flax's
    /// kernel has the same fan-out); or null.
    /// </summary>
    private string? FanRangeInit(PythonParser.CallExprContext call, string parameter, Dictionary<string, (string Numerator, List<string> Factors)> ranges,
        IReadOnlySet<string> names)
    {
        var entry = maps.Find(model.QualifiedName(call.expr())!)!;
        if (entry.Options.GetValueOrDefault("fan_out") is not { } template || names.Count != 1
            || maps.Find(names.First()) is not { } layer || !layer.Init.TryGetValue(parameter, out var rule) || rule.FanOut.Count == 0)
        {
            return null;
        }
        if (SymmetricRange(call, entry) is not { } range || !ranges.TryGetValue(range, out var found)
            || !found.Factors.Order(StringComparer.Ordinal).SequenceEqual(rule.FanOut.Order(StringComparer.Ordinal)))
        {
            return null;
        }
        return template.Replace("{gain}", $"{found.Numerator} ** 2 / 3", StringComparison.Ordinal);
    }

    /// <summary>
    /// The local <c>r</c> of a draw from U(-r, r): the init entry's parameters <c>a</c> and <c>b</c> bound to
    /// <c>-r</c> and <c>r</c> (normal_'s mean and std bind no a, b); else null.
    /// </summary>
    private static string? SymmetricRange(PythonParser.CallExprContext call, MapEntry entry)
    {
        var bound = CallArguments.Bind(call.arguments(), entry.Parameters, out _);
        return bound?.FirstOrDefault(a => a.Parameter == "a")?.Value is { } low && bound.FirstOrDefault(a => a.Parameter == "b")?.Value is { } high
            && SyntaxShapes.AtomOf(high) is PythonParser.NameAtomContext range
            && SyntaxShapes.AtomOf(low) is PythonParser.UnaryExprContext { op.Type: PythonLexer.MINUS } negated
            && SyntaxShapes.AtomOf(negated.expr()) is PythonParser.NameAtomContext same && same.GetText() == range.GetText()
                ? range.GetText()
                : null;
    }

    /// <summary>
    /// A presence test (<see cref="IsPresenceTest"/>), or, given the branch's classes, one after the
    /// branch's own isinstance test again (<c>isinstance(m, nn.Linear) and m.bias is not None</c>), which holds there.
    /// </summary>
    private bool IsGuard(IParseTree condition, string variable, IReadOnlySet<string>? names, out string parameter)
    {
        if (IsPresenceTest(condition, variable, out parameter))
        {
            return true;
        }
        return names is not null && SyntaxShapes.AtomOf(condition) is PythonParser.ConjunctionContext both && both.expression().Length == 2
            && Classes(both.expression(0), variable) is { } tested && names.All(n => tested.Contains(n) && classes.Named(n) is null)
            && IsPresenceTest(both.expression(1), variable, out parameter);
    }

    /// <summary>
    /// The initializer a layer parameter gets, null when a guard skips it; or why it cannot:
    /// no Flax argument takes the parameter, its presence is decided at run time, or the init's
    /// arguments are not literals (only literals move into the layer's construction).
    /// </summary>
    private (LayerInit? Init, string? Problem) Target(LayerDeclaration layer, string parameter, PythonParser.CallExprContext call, bool guarded,
        PythonParser.Class_defContext? owner = null)
    {
        if (!layer.Entry.Init.TryGetValue(parameter, out var rule))
        {
            return (null, $"no Flax initializer argument takes the '{parameter}' of {layer.Entry.Torch} (its map entry has no 'init' for it)");
        }
        bool? present = Present(layer, rule);
        if (present is null)
        {
            return (null, $"whether self.{layer.Name} has a {parameter} is decided at run time (its '{rule.Present}' argument is not a literal)");
        }
        if (present == false)
        {
            return guarded ? (null, null) : (null, $"self.{layer.Name} has no {parameter} ({rule.Present}=False): torch would fail here");
        }
        var written = fixedInitializers.GetValueOrDefault(call);
        return written is null && Arguments(call, owner) is { } problem ? (null, problem)
            : (new LayerInit(parameter, rule, call, maps.Find(model.QualifiedName(call.expr())!)!) { Initializer = written }, null);
    }

    /// <summary>
    /// Why an init call's arguments cannot become an initializer (not bound, computed, or with no
    /// translation), or null. With <paramref name="owner"/> (a statement on a layer of that class,
    /// whose construction in <c>setup</c> follows the constructor's arguments bound as locals), an
    /// argument may also be computed from those arguments, when the constructor never rebinds them,
    /// with numbers, arithmetic and the <c>math</c> module: it has the same value where the layer is built
    /// (not for an init with <c>fans</c>, whose template puts an argument inside an expression: <c>{gain} ** 2</c>).
    /// </summary>
    private string? Arguments(PythonParser.CallExprContext call, PythonParser.Class_defContext? owner = null)
    {
        var entry = maps.Find(model.QualifiedName(call.expr())!)!;
        var bound = CallArguments.Bind(call.arguments(), entry.Parameters, out var problem);
        if (bound is null)
        {
            return problem;
        }
        // a value the argument's rule translates (kaiming's a=math.sqrt(5)) is as good as a literal
        bool Translated(BoundArgument a) => entry.Arguments.GetValueOrDefault(a.Parameter) is { Values.Count: > 0 } rule && rule.Values.ContainsKey(First(a.Value));
        if (bound.Skip(1).FirstOrDefault(a => !IsLiteral(a.Value) && !Translated(a) && !(owner is not null && entry.Options.GetValueOrDefault("fans") != "true" && IsArithmetic(owner, a.Value))) is { } computed)
        {
            return $"its argument '{computed.Parameter}' ({First(computed.Value)}) is computed; only literal values, or arithmetic and math functions of the constructor's arguments on a layer of the class, move into a layer's initializer: write the value";
        }
        if (bound.FirstOrDefault(a => entry.Arguments.GetValueOrDefault(a.Parameter) is { Values.Count: > 0 } rule && !rule.Values.ContainsKey(First(a.Value))) is { } untranslated)
        {
            return $"its argument '{untranslated.Parameter}' ({First(untranslated.Value)}) has no Flax initializer that draws the same ({entry.Note ?? "see docs/maps.md"})";
        }
        foreach (var argument in bound)
        {
            if (entry.Arguments.GetValueOrDefault(argument.Parameter)?.Refused(other => bound.FirstOrDefault(b => b.Parameter == other) is { } given ? First(given.Value) : null) is { } refused)
            {
                return $"{refused} (see docs/maps.md)";
            }
        }
        return null;
    }

    private static bool? Present(LayerDeclaration layer, InitRule rule)
    {
        if (rule.Present is null)
        {
            return true;
        }
        var bound = CallArguments.Bind(layer.Construction.arguments(), layer.Entry.Parameters, out _);
        // not given: the parameter's default in the entry's params (InstanceNorm2d's affine=False), else present
        var omitted = layer.Entry.Parameters.FirstOrDefault(p => p.Name == rule.Present)?.Default is "False" ? false : true;
        return bound?.FirstOrDefault(a => a.Parameter == rule.Present)?.Value.GetText() switch
        {
            null when bound is not null => omitted,
            "True" => true,
            "False" => false,
            _ => null,
        };
    }

    /// <summary>
    /// Numbers, arithmetic, names of the constructor's arguments that it never rebinds, and calls of
    /// the <c>math</c> module's functions: <c>-math.log((1 - prior) / prior)</c>.
    /// </summary>
    private bool IsArithmetic(PythonParser.Class_defContext cls, ParserRuleContext value)
    {
        var constructor = ModuleClasses.Constructor(cls);
        var arguments = constructor?.parameters()?.parameter().Skip(1).Select(p => p.name()?.GetText()).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        bool Fixed(string name) => arguments.Contains(name) && !Rebinds(constructor!, name);
        bool Math(PythonParser.ExprContext callee) => model.QualifiedName(callee) is { } name && name.StartsWith("math.", StringComparison.Ordinal);
        bool Allowed(IParseTree node) => node switch
        {
            PythonParser.CallExprContext call => Math(call.expr())
                && SyntaxShapes.Arguments(call).All(a => a is PythonParser.PositionalArgumentContext && Allowed(SyntaxShapes.AtomOf(a))),
            PythonParser.AttributeExprContext attribute => model.QualifiedName(attribute) is { } name && name.StartsWith("math.", StringComparison.Ordinal),
            PythonParser.NameAtomContext name => Fixed(name.GetText()),
            PythonParser.NumberAtomContext => true,
            PythonParser.ParenAtomContext paren => paren.ChildCount == 3 && paren.FirstItem() is { } inner && Allowed(SyntaxShapes.AtomOf(inner)),
            PythonParser.UnaryExprContext unary => unary.op.Type is PythonLexer.MINUS or PythonLexer.PLUS && Allowed(SyntaxShapes.AtomOf(unary.expr())),
            PythonParser.BinaryExprContext binary => binary.op.Type is PythonLexer.PLUS or PythonLexer.MINUS or PythonLexer.STAR or PythonLexer.SLASH
                    or PythonLexer.DOUBLESLASH or PythonLexer.PERCENT
                && Allowed(SyntaxShapes.AtomOf(binary.expr(0))) && Allowed(SyntaxShapes.AtomOf(binary.expr(1))),
            PythonParser.PowerExprContext power => Allowed(SyntaxShapes.AtomOf(power.expr(0))) && Allowed(SyntaxShapes.AtomOf(power.expr(1))),
            _ => false,
        };
        return Allowed(SyntaxShapes.AtomOf(value));
    }

    /// <summary>Whether the constructor assigns the name anywhere (so its value where a layer is built may not be the one an init statement reads).</summary>
    private static bool Rebinds(PythonParser.Function_defContext constructor, string name) =>
        ParseTrees.Descendants<PythonParser.Expression_stmtContext>(constructor)
            .Any(a => (a.EQUAL().Length > 0 || a.augassign() is not null)
                && ParseTrees.Descendants<PythonParser.NameAtomContext>(a.star_expressions()).Any(n => n.GetText() == name))
        || ParseTrees.Descendants<PythonParser.For_stmtContext>(constructor).Any(f => f.target_list().GetText() == name)
        || ParseTrees.Descendants<PythonParser.Assignment_expressionContext>(constructor).Any(n => n.name() is { } target && target.GetText() == name);

    /// <summary><c>isinstance(m, nn.Linear)</c>, <c>isinstance(m, (nn.Conv2d, nn.Linear))</c> or such tests joined by <c>or</c>: the torch classes, or null.</summary>
    private HashSet<string>? Classes(IParseTree condition, string variable)
    {
        if (SyntaxShapes.AtomOf(condition) is PythonParser.DisjunctionContext either)
        {
            // isinstance(m, A) or isinstance(m, B) is isinstance(m, (A, B))
            return Classes(either.expression(0), variable) is { } left && Classes(either.expression(1), variable) is { } right ? [.. left, .. right] : null;
        }
        if (TypeTests.Isinstance(condition) is not { } test || test.Subject.GetText() != variable)
        {
            return null;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in test.Types)
        {
            if (SyntaxShapes.AtomOf(item) is PythonParser.NameAtomContext local && classes.Named(local.GetText()) is not null)
            {
                names.Add(local.GetText());
                continue;
            }
            if (SyntaxShapes.AsExpression(SyntaxShapes.AtomOf(item)) is not { } expression
                || model.QualifiedName(expression) is not { } name || maps.BuildsVariables(name) != true)
            {
                return null;
            }
            names.Add(name);
        }
        return names.Count == 0 ? null : names;
    }

    /// <summary>
    /// <c>m.bias is not None</c> or <c>m.bn3.weight is not None</c> (<c>m.bias</c> alone is not
    /// accepted: a tensor's truth is its value): the parameter's path from the variable.
    /// </summary>
    private static bool IsPresenceTest(IParseTree condition, string variable, out string parameter)
    {
        parameter = string.Empty;
        if (SyntaxShapes.AtomOf(condition) is not PythonParser.ComparisonContext { } comparison || comparison.expr().Length != 2
            || comparison.comp_op(0).GetText() != "isnot"
            || comparison.expr(1).GetText() != "None"
            || Relative(comparison.expr(0), variable) is not { } path)
        {
            return false;
        }
        parameter = path;
        return true;
    }

    /// <summary><c>m.weight</c> → <c>weight</c>, <c>m.bn3.weight</c> → <c>bn3.weight</c>: an attribute path from the variable, or null.</summary>
    private static string? Relative(IParseTree node, string variable) =>
        SyntaxShapes.AtomOf(node) is PythonParser.AttributeExprContext attribute
        && System.Text.RegularExpressions.Regex.Match(attribute.GetText(), $@"^{System.Text.RegularExpressions.Regex.Escape(variable)}\.(\w+(?:\.\w+)*)$") is { Success: true } match
            ? match.Groups[1].Value : null;

    /// <summary>The init call's tensor argument as a path from the loop variable (<c>m.bn3.weight</c> → <c>bn3.weight</c>), or null.</summary>
    private static string? ParameterPath(PythonParser.CallExprContext call, string variable) =>
        SyntaxShapes.Arguments(call).FirstOrDefault() is PythonParser.PositionalArgumentContext first ? Relative(first, variable) : null;

    /// <summary>The init call's tensor argument as (owner, parameter name): <c>m.weight</c> → (m, weight).</summary>
    private static (PythonParser.ExprContext? Owner, string? Parameter) Parameter(PythonParser.CallExprContext call) =>
        SyntaxShapes.Arguments(call).FirstOrDefault() is PythonParser.PositionalArgumentContext first
        && SyntaxShapes.AtomOf(first) is PythonParser.AttributeExprContext attribute
            ? (attribute.expr(), attribute.name().GetText())
            : (null, null);

    /// <summary>
    /// <c>for m in self.modules():</c> or <c>for m in self.NAME.modules():</c>: the loop variable
    /// and NAME (null for the class's own modules), or (null, null).
    /// </summary>
    private static (string? Variable, string? Under) IsModulesLoop(PythonParser.For_stmtContext loop)
    {
        var iterated = System.Text.RegularExpressions.Regex.Match(loop.star_expressions().GetText(), @"^self(?:\.(\w+))?\.modules\(\)$|^self(?:\.(\w+))?\.children\(\)$");
        if (iterated.Success && iterated.Value.EndsWith(".children()", StringComparison.Ordinal))
        {
            return loop.else_block() is null && SyntaxShapes.AtomOf(loop.target_list()) is PythonParser.NameAtomContext child
                ? (child.GetText(), iterated.Groups[2].Success ? iterated.Groups[2].Value : null) : (null, null);
        }
        return loop.else_block() is null && iterated.Success
            && SyntaxShapes.AtomOf(loop.target_list()) is PythonParser.NameAtomContext name
                ? (name.GetText(), iterated.Groups[1].Success ? iterated.Groups[1].Value : null)
                : (null, null);
    }

    /// <summary>Whether a loop of <see cref="IsModulesLoop"/> walks <c>self.NAME.children()</c> or <c>self.children()</c>.</summary>
    private static bool IsChildren(PythonParser.For_stmtContext loop) => loop.star_expressions().GetText().EndsWith(".children()", StringComparison.Ordinal);

    /// <summary>A statement line that is one call (<c>nn.init.zeros_(m.bias)</c>), or null.</summary>
    private static PythonParser.CallExprContext? StatementCall(PythonParser.StatementContext statement) =>
        statement.SimpleLine() is { } line && line.simple_stmt().Length == 1
        && SyntaxShapes.AtomOf(line.simple_stmt(0)) is PythonParser.CallExprContext call && SyntaxShapes.IsWholeStatement(call)
            ? call : null;

    /// <summary>A block's statements, or null for a one-line block (<c>if c: f()</c>), which is not read.</summary>
    private static PythonParser.StatementContext[]? Statements(PythonParser.BlockContext block) =>
        block.statement() is { Length: > 0 } statements ? statements : null;

    private static bool IsLiteral(IParseTree node) => SyntaxShapes.AtomOf(node) switch
    {
        PythonParser.NumberAtomContext or PythonParser.StringAtomContext or PythonParser.ConstantAtomContext => true,
        PythonParser.UnaryExprContext unary => unary.op.Type is PythonLexer.MINUS or PythonLexer.PLUS && IsLiteral(unary.expr()),
        _ => false,
    };

    /// <summary>The first line of a node's source text, for messages.</summary>
    internal static string First(ParserRuleContext node) =>
        node.Start.InputStream.GetText(new Antlr4.Runtime.Misc.Interval(node.Start.StartIndex, node.Stop.StopIndex)).Split('\n')[0].Trim();

    private static InitUnit Fail(PythonParser.StatementContext statement, string problem) => Fail([statement], problem);

    private static InitUnit Fail(IReadOnlyList<PythonParser.StatementContext> statements, string problem) => new(statements, [], problem);
}
