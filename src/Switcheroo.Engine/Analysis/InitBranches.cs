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
/// </code>
/// </summary>
internal sealed class InitBranches(
    PythonParser.File_inputContext root, SemanticModel model, MapSet maps, LayerDeclarations layers, ModuleClasses classes,
    Func<PythonParser.CallExprContext, bool> isInit)
{
    /// <summary>The statement as an init unit, or null when it initialises nothing.</summary>
    public InitUnit? Unit(PythonParser.Class_defContext cls, PythonParser.StatementContext statement)
    {
        if (statement.compound_stmt()?.for_stmt() is { } loop)
        {
            return IsModulesLoop(loop) is { } variable ? Loop(cls, [statement], variable, loop.block()) : null;
        }
        if (StatementCall(statement) is not { } call)
        {
            return null;
        }
        if (isInit(call))
        {
            return Direct(cls, statement, call);
        }
        return Applied(cls, statement, call);
    }

    private InitUnit Direct(PythonParser.Class_defContext cls, PythonParser.StatementContext statement, PythonParser.CallExprContext call)
    {
        if (Parameter(call) is not (PythonParser.AttributeExprContext { } layerName, { } parameter) || layerName.expr().GetText() != "self")
        {
            return Fail(statement, "its parameter is not self.LAYER.weight or self.LAYER.bias of a layer this class declares");
        }
        if (layers.Of(cls).GetValueOrDefault(layerName.name().GetText()) is not { } layer)
        {
            return Fail(statement, $"self.{layerName.name().GetText()} is not a layer this class declares with one torch layer call (self.NAME = nn.Layer(...))");
        }
        var (init, problem) = Target(layer, parameter, call, guarded: false);
        return problem is not null ? Fail(statement, problem)
            : new InitUnit([statement], init is null ? [] : [(layer, init, 0)], null);
    }

    /// <summary><c>self.apply(self.METHOD)</c>, METHOD a method of the class taking the module.</summary>
    private InitUnit? Applied(PythonParser.Class_defContext cls, PythonParser.StatementContext statement, PythonParser.CallExprContext call)
    {
        if (call.expr() is not PythonParser.AttributeExprContext { } callee || callee.expr().GetText() != "self" || callee.name().GetText() != "apply"
            || SyntaxShapes.Arguments(call) is not [PythonParser.PositionalArgumentContext argument]
            || SyntaxShapes.AtomOf(argument) is not PythonParser.AttributeExprContext method || method.expr().GetText() != "self")
        {
            return null;
        }
        var name = method.name().GetText();
        var definition = cls.block().statement().FirstOrDefault(s => s.compound_stmt()?.function_def()?.name().GetText() == name);
        var function = definition?.compound_stmt().function_def();
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
        return Loop(cls, [statement, definition!], variable, function.block());
    }

    private InitUnit Loop(PythonParser.Class_defContext cls, IReadOnlyList<PythonParser.StatementContext> statements, string variable,
        PythonParser.BlockContext block)
    {
        const string OneLine = "a one-line block is not read: write its statement on a line of its own";
        if (Statements(block) is not { } body)
        {
            return Fail(statements, OneLine);
        }
        var reached = new List<(LayerDeclaration Layer, int Level)>();
        if (new InitReach(root, model, maps, layers, classes).Reach(cls, 0, reached, [cls]) is { } unseen)
        {
            return Fail(statements, unseen);
        }
        var inits = new List<(LayerDeclaration, LayerInit, int)>();
        foreach (var statement in body.Where(s => !SyntaxShapes.IsStringStatement(s)))
        {
            if (statement.compound_stmt()?.if_stmt() is not { } branches || branches.else_block() is not null)
            {
                return Fail(statements, $"the loop does more than initialise layers by isinstance branches ('{First(statement)}')");
            }
            var matched = new HashSet<LayerDeclaration>();
            var conditions = new[] { (branches.named_expression(), branches.block()) }
                .Concat(branches.elif_block().Select(e => (e.named_expression(), e.block())));
            foreach (var (condition, branch) in conditions)
            {
                if (Classes(condition, variable) is not { } names)
                {
                    return Fail(statements, $"'{condition.GetText()}' is not isinstance({variable}, LAYER) or isinstance({variable}, (LAYER, ...)) of torch layers");
                }
                var hit = reached.Where(r => names.Contains(r.Layer.Entry.Torch) && matched.Add(r.Layer)).ToList();
                if (Branch(branch, variable, hit, inits) is { } problem)
                {
                    return Fail(statements, problem);
                }
            }
        }
        return new InitUnit(statements, inits, null);
    }

    /// <summary>The statements of one isinstance branch, applied to the layers it matches.</summary>
    private string? Branch(PythonParser.BlockContext block, string variable, List<(LayerDeclaration Layer, int Level)> hit,
        List<(LayerDeclaration, LayerInit, int)> inits)
    {
        if (Statements(block) is null)
        {
            return "a one-line block is not read: write its statement on a line of its own";
        }
        foreach (var statement in Statements(block) ?? [])
        {
            bool guarded = false;
            var body = new[] { statement };
            if (statement.compound_stmt()?.if_stmt() is { } guard)
            {
                if (guard.elif_block().Length > 0 || guard.else_block() is not null || !IsPresenceTest(guard.named_expression(), variable, out var tested))
                {
                    return $"'{First(statement)}' is not a test of whether {variable}'s parameter is None";
                }
                guarded = true;
                body = Statements(guard.block()) ?? [];
                if (body.Length == 0 || body.Any(s => StatementCall(s) is not { } c || Parameter(c).Parameter != tested))
                {
                    return $"under 'if {variable}.{tested} is not None' only {variable}.{tested} may be initialised";
                }
            }
            foreach (var line in body)
            {
                if (StatementCall(line) is not { } call || !isInit(call)
                    || Parameter(call) is not (PythonParser.AtomExprContext owner, { } parameter) || owner.GetText() != variable)
                {
                    return $"the loop does more than initialise {variable}.weight and {variable}.bias ('{First(line)}')";
                }
                foreach (var (layer, level) in hit)
                {
                    var (init, problem) = Target(layer, parameter, call, guarded);
                    if (problem is not null)
                    {
                        return problem;
                    }
                    if (init is not null)
                    {
                        inits.Add((layer, init, level));
                    }
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The initializer a layer parameter gets, null when a guard skips it; or why it cannot:
    /// no Flax argument takes the parameter, its presence is decided at run time, or the init's
    /// arguments are not literals (only literals move into the layer's construction).
    /// </summary>
    private (LayerInit? Init, string? Problem) Target(LayerDeclaration layer, string parameter, PythonParser.CallExprContext call, bool guarded)
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
        var entry = maps.Find(model.QualifiedName(call.expr())!)!;
        var bound = CallArguments.Bind(call.arguments(), entry.Parameters, out var problem);
        if (bound is null)
        {
            return (null, problem);
        }
        if (bound.Skip(1).FirstOrDefault(a => !IsLiteral(a.Value)) is { } computed)
        {
            return (null, $"its argument '{computed.Parameter}' ({First(computed.Value)}) is computed; only literal values move into a layer's initializer: write the value");
        }
        if (bound.FirstOrDefault(a => entry.Arguments.GetValueOrDefault(a.Parameter) is { Values.Count: > 0 } rule && !rule.Values.ContainsKey(First(a.Value))) is { } untranslated)
        {
            return (null, $"its argument '{untranslated.Parameter}' ({First(untranslated.Value)}) has no Flax initializer that draws the same ({entry.Note ?? "see docs/maps.md"})");
        }
        return (new LayerInit(parameter, rule, call, entry), null);
    }

    private static bool? Present(LayerDeclaration layer, InitRule rule)
    {
        if (rule.Present is null)
        {
            return true;
        }
        var bound = CallArguments.Bind(layer.Construction.arguments(), layer.Entry.Parameters, out _);
        return bound?.FirstOrDefault(a => a.Parameter == rule.Present)?.Value.GetText() switch
        {
            null when bound is not null => true,
            "True" => true,
            "False" => false,
            _ => null,
        };
    }

    /// <summary><c>isinstance(m, nn.Linear)</c> or <c>isinstance(m, (nn.Conv2d, nn.Linear))</c>: the torch classes, or null.</summary>
    private HashSet<string>? Classes(PythonParser.Named_expressionContext condition, string variable)
    {
        if (TypeTests.Isinstance(condition) is not { } test || test.Subject.GetText() != variable)
        {
            return null;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in test.Types)
        {
            if (SyntaxShapes.AsExpression(SyntaxShapes.AtomOf(item)) is not { } expression
                || model.QualifiedName(expression) is not { } name || maps.BuildsVariables(name) != true)
            {
                return null;
            }
            names.Add(name);
        }
        return names.Count == 0 ? null : names;
    }

    /// <summary><c>m.bias is not None</c> (or <c>m.bias</c> alone is not accepted: a tensor's truth is its value).</summary>
    private static bool IsPresenceTest(PythonParser.Named_expressionContext condition, string variable, out string parameter)
    {
        parameter = string.Empty;
        if (SyntaxShapes.AtomOf(condition) is not PythonParser.ComparisonContext { } comparison || comparison.expr().Length != 2
            || comparison.comp_op(0).GetText() != "isnot"
            || comparison.expr(1).GetText() != "None"
            || comparison.expr(0) is not PythonParser.AttributeExprContext { } attribute || attribute.expr().GetText() != variable)
        {
            return false;
        }
        parameter = attribute.name().GetText();
        return true;
    }

    /// <summary>The init call's tensor argument as (owner, parameter name): <c>m.weight</c> → (m, weight).</summary>
    private static (PythonParser.ExprContext? Owner, string? Parameter) Parameter(PythonParser.CallExprContext call) =>
        SyntaxShapes.Arguments(call).FirstOrDefault() is PythonParser.PositionalArgumentContext first
        && SyntaxShapes.AtomOf(first) is PythonParser.AttributeExprContext attribute
            ? (attribute.expr(), attribute.name().GetText())
            : (null, null);

    /// <summary><c>for m in self.modules():</c>: the loop variable, or null.</summary>
    private static string? IsModulesLoop(PythonParser.For_stmtContext loop) =>
        loop.else_block() is null && loop.star_expressions().GetText() == "self.modules()"
        && SyntaxShapes.AtomOf(loop.target_list()) is PythonParser.NameAtomContext name ? name.GetText() : null;

    /// <summary>A statement line that is one call (<c>nn.init.zeros_(m.bias)</c>), or null.</summary>
    private static PythonParser.CallExprContext? StatementCall(PythonParser.StatementContext statement) =>
        statement.simple_stmts() is { } line && line.simple_stmt().Length == 1
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
