using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// torch's own idiom for parameters built empty and drawn afterwards, as its layers and many user
/// layers write it:
/// <code>
/// def __init__(self, n_in, n_out, bias=True):
///     self.weight = nn.Parameter(torch.empty(n_out, n_in))
///     if bias:
///         self.bias = nn.Parameter(torch.empty(n_out))
///     else:
///         self.bias = None
///     self.reset_parameters()
///
/// def reset_parameters(self):
///     init.kaiming_uniform_(self.weight, a=math.sqrt(5))
///     if self.bias is not None:
///         init.zeros_(self.bias)
/// </code>
/// Each parameter gets the draw as its initializer (<see cref="OfParameter"/>); the call and the method go.
/// </summary>
internal sealed partial class InitBranches
{
    /// <summary>
    /// <c>self.METHOD()</c>, a top-level statement of the constructor calling a method that takes only
    /// <c>self</c> and that nothing else names, whose every statement is an init call on <c>self.NAME</c>
    /// or <c>if self.NAME is not None:</c> holding only init calls on <c>self.NAME</c> (a parameter the
    /// constructor declares under a condition, and leaves None otherwise), each NAME a parameter the
    /// constructor declares before the call: null when the method is not of that shape.
    /// </summary>
    private InitUnit? Resetting(PythonParser.Class_defContext cls, PythonParser.StatementContext statement,
        PythonParser.StatementContext definition, PythonParser.Function_defContext function)
    {
        var top = ModuleClasses.Constructor(cls)?.block().statement() ?? [];
        int at = Array.IndexOf(top, statement);
        if (at < 0 || Draws(function) is not { Count: > 0 } draws)
        {
            return null;
        }
        // a bias drawn from its weight's fan-in reads the weight in setup: declared before it, at the top level, under its own name
        var arguments = ModuleClasses.Constructor(cls)!.parameters()?.parameter().Select(p => p.name()?.GetText()).ToHashSet(StringComparer.Ordinal) ?? [];
        if (draws.FirstOrDefault(d => d.Written is { } w && (arguments.Contains(w.Tensor)
                || Array.FindIndex(top, s => Declares(s, w.Tensor)) is var weight && (weight < 0 || weight >= Array.FindIndex(top, s => Holds(s, d.Name))))) is { Written: { } late } failing)
        {
            return Fail([statement, definition], $"the bound of self.{failing.Name} reads the fan-in of self.{late.Tensor}, which is not a parameter the constructor "
                + $"declares under that name at its top level before self.{failing.Name}: write self.{failing.Name}'s initializer by hand");
        }
        var units = draws.Select(d => Declared(cls, d.Line, d.Call, d.Name, top, at, d.Written?.Text, d.Flag)).ToList();
        if (units.FirstOrDefault(u => u.Problem is not null) is { } failed)
        {
            return Fail([statement, definition], failed.Problem!);
        }
        return new InitUnit([statement, definition], [], null) { Parameters = units.SelectMany(u => u.Parameters).ToList() };
    }

    /// <summary>
    /// The hook of the entry of torch's function computing a tensor's fans (<c>fan_in, _ =
    /// init._calculate_fan_in_and_fan_out(self.weight)</c>), whose option <c>fan_in</c> writes the fan-in.
    /// </summary>
    public const string FansHook = "parameter_fans";

    /// <summary>
    /// The method's statements as init calls on <c>self.NAME</c> (<see cref="Resetting"/>), each with
    /// the initializer written in full for a bias drawn in its weight's fan-in bound; null when one is anything else.
    /// </summary>
    private List<(PythonParser.StatementContext Line, PythonParser.CallExprContext Call, string Name, (string Tensor, string Text)? Written, string? Flag)>? Draws(
        PythonParser.Function_defContext function)
    {
        var draws = new List<(PythonParser.StatementContext, PythonParser.CallExprContext, string, (string, string)?, string?)>();
        var fans = new Dictionary<string, (string Tensor, string FanIn)>(StringComparer.Ordinal);
        var bounds = new Dictionary<string, (string Tensor, string FanIn)>(StringComparer.Ordinal);
        foreach (var line in function.block().statement().Where(s => !SyntaxShapes.IsStringStatement(s)))
        {
            IEnumerable<PythonParser.StatementContext> lines = [line];
            string? guarded = null, flag = null;
            if (line.if_stmt() is { } guard)
            {
                // if self.bias is not None: (that parameter alone), or if self.FLAG: (the test the constructor declares them under)
                if (guard.elif_block().Length > 0 || guard.else_block() is not null || Statements(guard.block()) is not { } inner)
                {
                    return null;
                }
                if (IsPresenceTest(guard.NamedExpression(), "self", out var tested) && !tested.Contains('.'))
                {
                    guarded = tested;
                }
                else if (SyntaxShapes.AtomOf(guard.NamedExpression()) is PythonParser.AttributeExprContext { } test && test.expr().GetText() == "self")
                {
                    flag = test.GetText();
                }
                else
                {
                    return null;
                }
                lines = inner;
            }
            foreach (var drawing in lines)
            {
                if (FanIn(drawing) is ({ } local, var fan))
                {
                    fans[local] = fan;
                    continue;
                }
                if (Bound(drawing, fans) is ({ } name, var range))
                {
                    bounds[name] = range;
                    continue;
                }
                if (StatementCall(drawing) is not { } call || !isInit(call) || Parameter(call) is not (PythonParser.NameAtomContext owner, { } drawn)
                    || owner.GetText() != "self" || (guarded is not null && drawn != guarded))
                {
                    return null;
                }
                draws.Add((drawing, call, drawn, BoundInit(call, bounds), flag));
            }
        }
        return draws;
    }

    /// <summary>
    /// <c>fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)</c> (the function's entry naming
    /// <see cref="FansHook"/>): the local, with the tensor's attribute and its fan-in written by the entry's <c>fan_in</c>; or (null, default).
    /// </summary>
    private (string? Local, (string Tensor, string FanIn) Fan) FanIn(PythonParser.StatementContext statement)
    {
        if (statement.SimpleLine() is not { } line || line.simple_stmt().Length != 1
            || SyntaxShapes.AtomOf(line.simple_stmt(0)) is not PythonParser.Expression_stmtContext assignment
            || assignment.EQUAL().Length != 1 || assignment.assigned_value() is not [var value]
            || SyntaxShapes.AtomOf(value) is not PythonParser.CallExprContext call
            || model.QualifiedName(call.expr()) is not { } name || maps.Find(name) is not { Hook: FansHook } entry
            || entry.Options.GetValueOrDefault("fan_in") is not { } template
            || SyntaxShapes.Arguments(call) is not [PythonParser.PositionalArgumentContext argument]
            || SyntaxShapes.AtomOf(argument) is not PythonParser.AttributeExprContext tensor || tensor.expr().GetText() != "self"
            || assignment.star_expressions().GetText().Split(',') is not [var local, _] || !PythonText.IsIdentifier(local))
        {
            return (null, default);
        }
        return (local, (tensor.name().GetText(), template.Replace("{tensor}", tensor.GetText(), StringComparison.Ordinal)));
    }

    /// <summary>
    /// <c>bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0</c> (or without the test), <c>fan_in</c> a
    /// local of <see cref="FanIn"/>: the local and that local's tensor and fan-in; or (null, default).
    /// </summary>
    private (string? Local, (string Tensor, string FanIn) Fan) Bound(PythonParser.StatementContext statement, Dictionary<string, (string Tensor, string FanIn)> fans)
    {
        if (statement.SimpleLine() is not { } line || line.simple_stmt().Length != 1
            || SyntaxShapes.AtomOf(line.simple_stmt(0)) is not PythonParser.Expression_stmtContext assignment
            || assignment.EQUAL().Length != 1 || assignment.annotation() is not null || assignment.assigned_value() is not [var value]
            || SyntaxShapes.AtomOf(assignment.star_expressions()) is not PythonParser.NameAtomContext local)
        {
            return (null, default);
        }
        var text = value.GetText();
        foreach (var (fan, fanIn) in fans)
        {
            var root = $"/math.sqrt({fan})";
            if ((text == "1" + root || text == "1.0" + root || text == $"1{root}if{fan}>0else0" || text == $"1.0{root}if{fan}>0else0")
                && ParseTrees.Descendants<PythonParser.CallExprContext>(value).All(c => model.QualifiedName(c.expr()) == "math.sqrt"))
            {
                return (local.GetText(), fanIn);
            }
        }
        return (null, default);
    }

    /// <summary>
    /// <c>init.uniform_(self.bias, -bound, bound)</c>, bound a local of <see cref="Bound"/>: U(+-1/sqrt(fan_in)),
    /// which the init entry's <c>fan_in_bound</c> writes: the tensor whose fan-in it reads, and the initializer; null for any other call.
    /// </summary>
    private (string Tensor, string Text)? BoundInit(PythonParser.CallExprContext call, Dictionary<string, (string Tensor, string FanIn)> bounds)
    {
        var entry = maps.Find(model.QualifiedName(call.expr())!)!;
        if (entry.Options.GetValueOrDefault("fan_in_bound") is not { } template
            || SymmetricRange(call, entry) is not { } range || !bounds.TryGetValue(range, out var fan))
        {
            return null;
        }
        return (fan.Tensor, template.Replace("{fan_in}", fan.FanIn, StringComparison.Ordinal));
    }

    /// <summary>
    /// The draw of a parameter the constructor declares before its statement <paramref name="at"/>, as
    /// a top-level statement or in a block of a top-level <c>if</c>: the draw as its initializer, when
    /// nothing between the declaration and the call reads it.
    /// </summary>
    private InitUnit Declared(PythonParser.Class_defContext cls, PythonParser.StatementContext line, PythonParser.CallExprContext call, string name,
        PythonParser.StatementContext[] top, int at, string? written, string? flag)
    {
        bool Declares(PythonParser.StatementContext s) => InitBranches.Declares(s, name);
        if (flag is null && top[..at].Any(Declares))
        {
            return OfParameter(cls, line, call, name, top, at, written);
        }
        for (int i = at - 1; i >= 0; i--)
        {
            if (top[i].if_stmt() is not { } test)
            {
                continue;
            }
            var blocks = SyntaxShapes.Blocks(test);
            if (blocks.FirstOrDefault(b => b.statement().Any(Declares)) is not { } declaring)
            {
                continue;
            }
            var block = declaring.statement();
            // drawn under 'if self.FLAG:': declared under the same test, FLAG set once before it, so the draw runs where the parameter exists
            if (flag is not null && (test.NamedExpression().GetText() != flag || declaring != test.block()
                || ParseTrees.Descendants<PythonParser.Expression_stmtContext>(cls).Count(a => a.star_expressions().GetText() == flag) != 1
                || !top[..i].Any(s => InitBranches.Declares(s, flag[5..]))))
            {
                return Fail(line, $"it runs under 'if {flag}:', and self.{name} is not declared in the block of 'if {flag}:' of the constructor, {flag} set once before it");
            }
            var methods = ModuleClasses.Methods(cls).Select(f => f.name().GetText()).ToHashSet(StringComparer.Ordinal);
            if (top[(i + 1)..at].FirstOrDefault(s => ParseTrees.Descendants<PythonParser.AttributeExprContext>(s)
                    .Any(a => a.expr().GetText() == "self" && (a.name().GetText() == name || methods.Contains(a.name().GetText())))) is { } reading)
            {
                return Fail(line, $"'{First(reading)}' reads self.{name} before the call that draws it");
            }
            return OfParameter(cls, line, call, name, block, block.Length, written);
        }
        return Fail(line, flag is null
            ? $"self.{name} is not a parameter the constructor declares before it calls this method, as 'self.{name} = nn.Parameter(value)'"
            : $"it runs under 'if {flag}:', and self.{name} is not declared in the block of 'if {flag}:' of the constructor, {flag} set once before it");
    }

    /// <summary>
    /// Whether the file names the method <paramref name="name"/> only in this call, but for the
    /// <c>self.NAME</c> of other classes defining a method of that name themselves (each layer of a
    /// file with its own <c>reset_parameters</c>), and as <c>super().NAME</c> in classes that stay torch code, where it is reported
    /// (linear.py's <c>LazyLinear</c> calling <c>super().reset_parameters()</c>).
    /// </summary>
    private bool OwnCallOnly(PythonParser.Class_defContext cls, PythonParser.CallExprContext call, string name) =>
        ParseTrees.Descendants<PythonParser.AttributeExprContext>(root).Where(a => a.name().GetText() == name).All(a =>
            a == call.expr()
            || (SyntaxShapes.Enclosing<PythonParser.Class_defContext>(a) is { } other && other != cls
                && ((a.expr().GetText() == "self" && ModuleClasses.Methods(other).Any(f => f.name().GetText() == name)) || (a.expr().GetText() == "super()" && !classes.Converts(other)))));

    /// <summary>Whether the statement is <c>self.NAME = value</c> alone on its line.</summary>
    private static bool Declares(PythonParser.StatementContext statement, string name) =>
        statement.SimpleLine() is { } simple && simple.simple_stmt().Length == 1
        && ParseTrees.Descendants<PythonParser.Expression_stmtContext>(statement).FirstOrDefault() is { } assignment
        && assignment.EQUAL().Length == 1 && assignment.star_expressions().GetText() == "self." + name;

    /// <summary>Whether the top-level statement declares <c>self.NAME</c>, itself or in a block of its <c>if</c>.</summary>
    private static bool Holds(PythonParser.StatementContext statement, string name) =>
        Declares(statement, name)
        || (statement.if_stmt() is { } test
            && SyntaxShapes.Blocks(test).Any(b => b.statement().Any(s => Declares(s, name))));
}
