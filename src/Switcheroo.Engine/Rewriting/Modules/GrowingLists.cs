using Switcheroo.Engine.Binding;
using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// A list attribute the constructor creates (empty, as a list display, a display repeated, <c>[0, 0] * n</c>, or a comprehension) and then fills
/// in the same block: Flax freezes a list assigned in <c>setup</c> into a tuple, so it is built in a local
/// and assigned once, after its last change. The creation may sit in a branch (each branch's creation
/// converts on its own) but not in a loop.
/// <code>
/// self.blocks = nn.ModuleList()          blocks = []
/// for i in range(n):                     for i in range(n):
///     self.blocks.append(Block(i))           blocks.append(Block(i))
///                                        self.blocks = blocks
/// </code>
/// Only <c>.append</c>, <c>.extend</c>, <c>+=</c> and an item's assignment (<c>self.NAME[i] = x</c>, torch's
/// <c>_ConvNd</c>) fill it, in the statements of the creation's block that
/// follow it (at any depth); reads in
/// between (an index, <c>len</c>, a <c>for</c>) read the local. Flax names the elements of the list
/// <c>blocks_0</c>, <c>blocks_1</c>, ... as when the list is assigned whole. Caveats: any other change
/// (<c>insert</c>, an item's assignment in another block, a change in another method or a nested function) or a read that lets
/// the unfinished list escape is reported (SWR3001) and the code stays as it is.
/// </summary>
internal sealed class GrowingLists(ModuleClass module, PythonParser.Function_defContext init, ConversionContext context)
{
    private static readonly HashSet<string> Growers = new(StringComparer.Ordinal) { "append", "extend" };

    private static readonly HashSet<string> Mutators = new(StringComparer.Ordinal)
    {
        "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
    };

    public void Run(IEnumerable<string> fieldNames, IReadOnlyDictionary<string, string> renames)
    {
        // Every self.NAME of the class, by name, read once.
        var attributes = ParseTrees.Descendants<PythonParser.AttributeExprContext>(module.Node.block())
            .Where(a => a.expr().GetText() == "self").ToLookup(a => a.name().GetText(), StringComparer.Ordinal);
        var creations = ParseTrees.Descendants<PythonParser.StatementContext>(init.block())
            .Where(s => s.Parent is PythonParser.BlockContext && OutsideLoops(s))
            .Select(s => (Statement: s, Target: ListAssignment(s)))
            .Where(c => c.Target is not null)
            .Select(c => (c.Statement, Target: c.Target!, Uses: attributes[c.Target!.name().GetText()].Where(a => a != c.Target).ToList()))
            .ToList();
        // A growth in one creation's block is that creation's, not a change of another creation's list (if/else branches).
        var growths = creations.SelectMany(c => Following(c.Statement, c.Uses).Where(IsGrowth)).ToHashSet();
        var reported = new HashSet<PythonParser.AttributeExprContext>();
        foreach (var (statement, target, uses) in creations)
        {
            Convert(statement, target, uses, growths, reported, fieldNames, renames);
        }
    }

    /// <summary>A statement of the constructor that runs at most once: not in a loop's body nested in the constructor.</summary>
    private bool OutsideLoops(PythonParser.StatementContext statement)
    {
        for (RuleContext? node = statement.Parent; node is not null && node != init; node = node.Parent)
        {
            if (node is PythonParser.For_stmtContext or PythonParser.While_stmtContext or PythonParser.Function_defContext)
            {
                return false;
            }
        }
        return true;
    }

    private void Convert(PythonParser.StatementContext creation, PythonParser.AttributeExprContext target,
        List<PythonParser.AttributeExprContext> uses, HashSet<PythonParser.AttributeExprContext> growths, HashSet<PythonParser.AttributeExprContext> reported, IEnumerable<string> fieldNames,
        IReadOnlyDictionary<string, string> renames)
    {
        var name = target.name().GetText();
        var later = uses.Where(u => InConstructor(u) && u.Start.TokenIndex > creation.Stop.TokenIndex).ToList();
        var following = Following(creation, uses);
        var grows = following.Where(IsGrowth).ToList();
        var problems = uses.Where(u => !growths.Contains(u) && (!InConstructor(u) || u.Start.TokenIndex < creation.Start.TokenIndex))
            .Select(u => (Use: u, Why: Mutation(u) is { } how ? $"{how} outside the constructor" : null))
            .Concat(later.Where(u => !growths.Contains(u)).Select(u => (Use: u, Why: Mutation(u))))
            .Where(p => p.Why is not null).ToList();
        if (problems.Count == 0 && grows.Count > 0)
        {
            var last = InBlock((PythonParser.BlockContext)creation.Parent, grows[^1]);
            var reads = following.Where(u => !IsGrowth(u) && u.Stop.TokenIndex <= last.Stop.TokenIndex).ToList();
            problems.AddRange(reads.Where(u => !IsPlainRead(u)).Select(u => (Use: u, Why: (string?)"it is used before it is complete")));
            if (problems.Count == 0)
            {
                Rewrite(creation, target, grows.Concat(reads), last, fieldNames, renames.GetValueOrDefault(name, name));
                return;
            }
        }
        // The growth in the constructor fails too where the list stays an attribute: each change is reported.
        problems.AddRange(problems.Count == 0 ? [] : grows.Where(g => !problems.Any(p => p.Use == g)).Select(u => (Use: u, Why: Mutation(u))));
        foreach (var (use, why) in problems.Where(p => reported.Add(p.Use)).OrderBy(p => p.Use.Start.TokenIndex))
        {
            context.Report(DiagnosticCodes.NotConverted, use,
                $"self.{name} is changed after the constructor assigned it ({why}), but Flax freezes a list assigned in setup into a tuple; build it in a local and assign it once");
        }
    }

    /// <summary>
    /// Of the other uses of the attribute a creation assigns (anywhere in the class), those in the
    /// constructor after it and in its block: the only ones that may fill its list.
    /// </summary>
    private List<PythonParser.AttributeExprContext> Following(PythonParser.StatementContext creation, List<PythonParser.AttributeExprContext> uses) =>
        uses.Where(u => InConstructor(u) && u.Start.TokenIndex > creation.Stop.TokenIndex
            && u.Stop.TokenIndex <= creation.Parent.SourceInterval.b).ToList();

    private void Rewrite(PythonParser.StatementContext creation, PythonParser.AttributeExprContext target,
        IEnumerable<PythonParser.AttributeExprContext> uses, PythonParser.StatementContext last, IEnumerable<string> fieldNames,
        string attribute)
    {
        var name = target.name().GetText();
        var local = LocalName(name, fieldNames);
        context.Plan.Replace(target, local);
        foreach (var use in uses)
        {
            context.Plan.Replace(use, local);
        }
        var end = context.Tree.Tokens[context.Edits.LastLineEnd(last)];
        var newline = context.Edits.Newline();
        TextPart[] line = [context.Edits.Indentation(creation.Start), .. PyBlockPrinter.Print(PyAssign.Of(ModuleRewriter.SelfAttribute(attribute), Py.Named(local))), newline];
        context.Plan.InsertAfter(end, end.Text.Length == 0 ? [newline, .. line] : line);
    }

    /// <summary>The attribute's own name when nothing in the constructor, the fields or the module uses it, else a fresh one.</summary>
    private string LocalName(string name, IEnumerable<string> fieldNames)
    {
        bool used = ParseTrees.Descendants<PythonParser.NameAtomContext>(init).Any(n => n.GetText() == name)
            || init.parameters()?.parameter().Any(p => p.Start.Text == name) == true
            || fieldNames.Contains(name) || context.Model.Module.Bindings.ContainsKey(name);
        return used ? context.Edits.FreshName(name, init) : name;
    }

    /// <summary>
    /// <c>self.NAME = [...]</c> (a list display or comprehension) or <c>self.NAME = nn.ModuleList()</c> (a list
    /// container of the maps, without arguments).
    /// </summary>
    private PythonParser.AttributeExprContext? ListAssignment(PythonParser.StatementContext statement)
    {
        if (statement.simple_stmt() is not [{ } simple] || simple is not PythonParser.Expression_stmtContext assignment
            || assignment.assigned_value() is not [{ } value] || assignment.annotation() is not null || assignment.augassign() is not null
            || SyntaxShapes.AtomOf(assignment.star_expressions()) is not PythonParser.AttributeExprContext target
            || target.expr().GetText() != "self")
        {
            return null;
        }
        return SyntaxShapes.AtomOf(value) switch
        {
            PythonParser.ListAtomContext => target,
            // [0, 0] * n (torch's _ConvNd): a list display repeated.
            PythonParser.BinaryExprContext { op.Type: PythonLexer.STAR } product
                when product.expr().Any(e => SyntaxShapes.AtomOf(e) is PythonParser.ListAtomContext) => target,
            PythonParser.CallExprContext call when call.arguments() is null
                && context.Model.QualifiedName(call.expr()) is { } callee
                && context.Maps.Find(callee) is { Hook: "container" } entry
                && entry.Options.GetValueOrDefault("type") == "list" => target,
            _ => null,
        };
    }

    /// <summary>Directly in the constructor's body, not in a function or lambda nested in it.</summary>
    private bool InConstructor(RuleContext use) =>
        SyntaxShapes.Enclosing<PythonParser.Function_defContext>(use) == init && SyntaxShapes.Enclosing<PythonParser.LambdefContext>(use) is null;

    /// <summary>
    /// <c>self.NAME.append(x)</c>, <c>self.NAME.extend(xs)</c> or <c>self.NAME += xs</c>, as a statement of its own, or
    /// an item's assignment <c>self.NAME[i] = x</c> (the one target of a plain assignment).
    /// </summary>
    private static bool IsGrowth(PythonParser.AttributeExprContext use)
    {
        if (use.Parent is PythonParser.SubscriptExprContext item && item.expr() == use
            && SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(item) is { } assignment && assignment.assigned_value() is [_]
            && assignment.annotation() is null && assignment.augassign() is null && SyntaxShapes.AtomOf(assignment.star_expressions()) == item)
        {
            return true;
        }
        if (use.Parent is PythonParser.AttributeExprContext method && Growers.Contains(method.name().GetText())
            && method.Parent is PythonParser.CallExprContext call && call.expr() == method)
        {
            return SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(call) is { } statement
                && statement.assigned_value().Length == 0 && statement.annotation() is null
                && SyntaxShapes.AtomOf(statement.star_expressions()) == call;
        }
        return IsAugmentedTarget(use, out var op) && op == "+=";
    }

    /// <summary>How a use changes the list, or null when it only reads it.</summary>
    private static string? Mutation(PythonParser.AttributeExprContext use)
    {
        if (use.Parent is PythonParser.AttributeExprContext method && Mutators.Contains(method.name().GetText())
            && method.Parent is PythonParser.CallExprContext call && call.expr() == method)
        {
            return $".{method.name().GetText()}(...)";
        }
        if (use.Parent is PythonParser.SubscriptExprContext item && item.expr() == use && IsTarget(item))
        {
            return "item assignment";
        }
        if (IsAugmentedTarget(use, out var op))
        {
            return $"{op}";
        }
        return null;
    }

    /// <summary>A read that does not let the unfinished list escape: an index, <c>len(...)</c>, or a <c>for</c> loop's iterable.</summary>
    private static bool IsPlainRead(PythonParser.AttributeExprContext use)
    {
        if (use.Parent is PythonParser.SubscriptExprContext item && item.expr() == use)
        {
            return !IsTarget(item);
        }
        var call = SyntaxShapes.Enclosing<PythonParser.CallExprContext>(use);
        if (call is not null && call.expr().GetText() == "len" && call.arguments() is { } arguments
            && CallArguments.Of(arguments) is [{ } only] && SyntaxShapes.AtomOf(only) == use)
        {
            return true;
        }
        return SyntaxShapes.Enclosing<PythonParser.For_stmtContext>(use) is { } loop && SyntaxShapes.AtomOf(loop.star_expressions()) == use;
    }

    private static bool IsAugmentedTarget(PythonParser.ExprContext expr, out string op)
    {
        var augmented = AssignmentTargets.RoleOf(expr) is (TargetRole.Stored, PythonParser.Expression_stmtContext statement) ? statement.augassign() : null;
        op = augmented?.GetText() ?? "";
        return augmented is not null;
    }

    /// <summary>A target of an assignment with a value, <c>del</c>, <c>for</c> or <c>with</c>, or a part of one.</summary>
    private static bool IsTarget(PythonParser.ExprContext expr) =>
        AssignmentTargets.RoleOf(expr) is (not TargetRole.Read, var storer)
        && (storer is not PythonParser.Expression_stmtContext statement || statement.assigned_value().Length > 0);

    /// <summary>The statement of a block that holds a node.</summary>
    private static PythonParser.StatementContext InBlock(PythonParser.BlockContext block, RuleContext node)
    {
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(node)!;
        while (statement.Parent != block)
        {
            statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(statement.Parent)!;
        }
        return statement;
    }
}
