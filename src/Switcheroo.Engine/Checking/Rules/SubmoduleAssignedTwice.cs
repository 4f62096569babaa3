using Antlr4.Runtime.Tree;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// A submodule assigned to one name twice on one path through <c>setup</c> (two statements in a
/// row, or one in a loop): Flax names a submodule after its attribute and raises
/// <c>NameInUseError</c> for the second. Branches of an <c>if</c>/<c>try</c> are separate paths.
/// A value counts as a submodule when it constructs a class (a call of a capitalised name) or is
/// a list or tuple of such.
/// </summary>
/// <example><code>
/// def setup(self):
///     self.fc = nn.Dense(features=4)
///     self.fc = nn.Dense(features=8)   # hit
/// </code></example>
internal sealed class SubmoduleAssignedTwice : ISelfCheckRule
{
    public string Name => "name-assigned-twice-in-setup";

    public IEnumerable<RuleHit> Check(CheckedFile file)
    {
        var hits = new List<RuleHit>();
        foreach (var @class in file.Classes)
        {
            if (@class.Setup is { } setup)
            {
                Walk(Units(setup.block()), [], hits, @class.Name);
            }
        }
        return hits;
    }

    /// <summary>Follows the statements in order; returns the submodule names assigned once the path leaves them.</summary>
    private static HashSet<string> Walk(IEnumerable<IParseTree> units, HashSet<string> assigned, List<RuleHit> hits, string owner)
    {
        assigned = new HashSet<string>(assigned, StringComparer.Ordinal);
        foreach (var unit in units)
        {
            var compound = (unit as PythonParser.StatementContext)?.Compound();
            if (compound is null)
            {
                Line(unit, assigned, hits, owner);
            }
            else if (compound is PythonParser.If_stmtContext branch)
            {
                var blocks = new[] { branch.block() }.Concat(branch.elif_block().Select(e => e.block()));
                assigned = Branches(blocks, branch.else_block()?.block(), assigned, hits, owner);
            }
            else if (compound is PythonParser.For_stmtContext loop)
            {
                assigned = Loop(loop.block(), loop.else_block()?.block(), assigned, hits, owner);
            }
            else if (compound is PythonParser.While_stmtContext @while)
            {
                assigned = Loop(@while.block(), @while.else_block()?.block(), assigned, hits, owner);
            }
            else if (compound is PythonParser.With_stmtContext with)
            {
                assigned = Walk(Units(with.block()), assigned, hits, owner);
            }
            else if (compound is PythonParser.Try_stmtContext @try)
            {
                var body = Walk(Units(@try.block()), assigned, hits, owner);
                var handlers = @try.except_block().Select(e => e.block()).Concat(@try.except_star_block().Select(e => e.block()));
                var after = Branches(handlers, null, assigned, hits, owner);
                after.UnionWith(@try.else_block() is { } @else ? Walk(Units(@else.block()), body, hits, owner) : body);
                assigned = @try.finally_block() is { } @finally ? Walk(Units(@finally.block()), after, hits, owner) : after;
            }
        }
        return assigned;
    }

    private static HashSet<string> Branches(IEnumerable<PythonParser.BlockContext> blocks, PythonParser.BlockContext? otherwise,
        HashSet<string> assigned, List<RuleHit> hits, string owner)
    {
        var after = otherwise is null ? new HashSet<string>(assigned, StringComparer.Ordinal) : Walk(Units(otherwise), assigned, hits, owner);
        foreach (var block in blocks)
        {
            after.UnionWith(Walk(Units(block), assigned, hits, owner));
        }
        return after;
    }

    /// <summary>A loop body runs twice on some path: what it assigns once, its second iteration assigns again.</summary>
    private static HashSet<string> Loop(PythonParser.BlockContext body, PythonParser.BlockContext? otherwise,
        HashSet<string> assigned, List<RuleHit> hits, string owner)
    {
        var once = Walk(Units(body), assigned, hits, owner);
        var twice = Walk(Units(body), once, hits, owner);
        twice.UnionWith(assigned);
        return otherwise is null ? twice : Walk(Units(otherwise), twice, hits, owner);
    }

    private static void Line(IParseTree unit, HashSet<string> assigned, List<RuleHit> hits, string owner)
    {
        var line = unit as PythonParser.ISimpleLine;
        foreach (var statement in line?.simple_stmt().OfType<PythonParser.Expression_stmtContext>() ?? [])
        {
            if (!IsSubmodule(SyntaxFacts.AssignedValue(statement)))
            {
                continue;
            }
            foreach (var target in SyntaxFacts.Targets(statement).SelectMany(SyntaxFacts.TargetExprs))
            {
                if (SyntaxFacts.SelfAttribute(target) is { } name && !assigned.Add(name))
                {
                    hits.Add(new RuleHit(target, $"a submodule is assigned to '{name}' again on one path through {owner}.setup (Flax raises NameInUseError)"));
                }
            }
        }
    }

    private static IEnumerable<IParseTree> Units(PythonParser.BlockContext block) =>
        block.SimpleLine() is { } line ? [line] : block.statement();

    /// <summary>A constructor call (a capitalised callee), or a list or tuple display holding one.</summary>
    internal static bool IsSubmodule(PythonParser.ExprContext? value) => value switch
    {
        PythonParser.CallExprContext call => Callee(call.expr()) is { Length: > 0 } name && char.IsUpper(name[0]),
        PythonParser.ListAtomContext or PythonParser.ParenAtomContext =>
            value.children.OfType<Antlr4.Runtime.ParserRuleContext>()
                .SelectMany(Parsing.ParseTrees.Descendants<PythonParser.CallExprContext>)
                .Any(call => Callee(call.expr()) is { Length: > 0 } name && char.IsUpper(name[0])),
        _ => false,
    };

    private static string? Callee(PythonParser.ExprContext callee) => callee switch
    {
        PythonParser.AttributeExprContext attribute => attribute.name().GetText(),
        _ => SyntaxFacts.NameOf(callee),
    };
}
