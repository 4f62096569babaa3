using System.Text.RegularExpressions;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// Names the keys a module class's constructor reads from its <c>**kwargs</c> by constant keys with
/// constant defaults, so the class can become a Linen module whose fields stand for them. Before:
/// <code>
/// def __init__(self, size, **kwargs):
///     self._fast = kwargs.pop("_fast", False)
///     self.limit = kwargs.get("limit", 8)
/// </code>
/// after (the text the rest of the pipeline parses, each line where it was):
/// <code>
/// def __init__(self, size, *, _fast=False, limit=8, **kwargs):
///     self._fast = _fast
///     self.limit = limit
/// </code>
/// <c>kwargs.pop(K, D)</c> and <c>kwargs.get(K, D)</c> (<c>D</c> None when not written) give the
/// value passed for K, else D: what a keyword-only argument K defaulting to D holds. The
/// <c>**kwargs</c> stays, read nowhere any more: torch ignored its other keys, and
/// <see cref="ModuleClasses.IgnoredVariadics"/> takes it from there (a mapping unpacked into a
/// construction passes on only the named arguments). Called by <see cref="ForwardedKeywords"/>, so
/// a class named here that still does not convert is analysed again as written.
/// A key tested for (<c>if "block" in kwargs:</c>, <c>"block" not in kwargs</c>) and read as
/// <c>kwargs["block"]</c> only where such a test says it was passed (see <see cref="Guarded"/>) becomes
/// <c>block=__switcheroo_not_given__</c> (<see cref="NotGiven"/>, which <c>ModuleRewriter</c> writes as
/// <c>switcheroo_runtime.NOT_GIVEN</c>), the test <c>block is not __switcheroo_not_given__</c> (<c>is</c>
/// for <c>not in</c>), true exactly where the key was passed, and each read <c>block</c>, which holds
/// what <c>kwargs["block"]</c> held: the mapping loses the key nowhere, as every other read of it is
/// one of these (a <c>pop</c> of the same key, an assignment or <c>del</c> refuses the class).
/// </summary>
/// <remarks>
/// Caveats: the class stays as it is (reported, SWR3006) when the constructor reads <c>**kwargs</c>
/// any other way (<c>key in kwargs</c> with a key not a constant, <c>kwargs["k"]</c> where no test says
/// it was passed or in a lambda or nested function, assigned, passed on), pops or gets a key twice, or
/// tests one it pops, pops one in a loop, comprehension, lambda or nested function (a second <c>pop</c>
/// gives the default), with a default that is not a literal (it would be evaluated once, not at each construction), or a key
/// that is no identifier, is a named argument already, a name the constructor uses otherwise, a
/// field every Linen module has (<c>name</c>, <c>parent</c>, <c>train</c>) or an attribute of
/// Flax's Module (<c>apply</c>, <c>_state</c>, ...).
/// </remarks>
internal static partial class ReadKeywords
{
    /// <summary>
    /// The name the rewritten text gives the default of a key the constructor tests for: a name no
    /// source defines, which <c>ModuleRewriter</c> writes as the runtime's sentinel,
    /// <c>switcheroo_runtime.NOT_GIVEN</c>, an object no caller passes.
    /// </summary>
    public const string NotGiven = "__switcheroo_not_given__";

    /// <summary>The replacements (the <c>**kwargs</c> parameter, and each read), or null when the class does not read its keywords as this names them.</summary>
    public static List<(int, int, string)>? Edits(PythonParser.Function_defContext init)
    {
        if (Named(init) is not { } named)
        {
            return null;
        }
        var (keys, edits, variadic, keywordOnly) = named;
        var declared = string.Join(", ", keys.Select(k => $"{k.Key}={k.Default}")) + ", " + variadic.GetText();
        edits.Add((variadic.Start.StartIndex, variadic.Stop.StopIndex, keywordOnly ? declared : "*, " + declared));
        return edits;
    }

    /// <summary>
    /// The keys the constructor reads from its <c>**kwargs</c>, in order, when every read is one this names; else
    /// null. A popped key's default is its literal; a tested key's (<c>"k" in kwargs</c>) is the sentinel, which no
    /// other file can write (<c>Tested</c>).
    /// </summary>
    public static IReadOnlyList<(string Key, string Default, bool Tested)>? Keys(PythonParser.Function_defContext init) => Named(init)?.Keys;

    private static (List<(string Key, string Default, bool Tested)> Keys, List<(int, int, string)> Edits, PythonParser.ParameterContext Variadic, bool KeywordOnly)? Named(
        PythonParser.Function_defContext init)
    {
        var parameters = init.parameters().parameter().Skip(1).ToList();
        var variadic = parameters.First(p => p.DOUBLESTAR() is not null);
        var name = variadic.name().GetText();
        var reads = ParseTrees.Descendants<PythonParser.NameAtomContext>(init.block()).Where(n => n.GetText() == name).ToList();
        var taken = parameters.Where(p => p.name() is not null).Select(p => p.name().GetText())
            .Concat(LinenFields).ToHashSet(StringComparer.Ordinal);
        var used = ParseTrees.Descendants<PythonParser.NameAtomContext>(init.block()).Select(n => n.GetText()).ToHashSet(StringComparer.Ordinal);
        if (ParseTrees.Descendants<PythonParser.Assignment_expressionContext>(init.block()).Any(n => n.name().GetText() == name))
        {
            // A walrus rebinds the name: what it holds after is no longer what the caller passed.
            return null;
        }
        // Each key in order of its first read, with its default: a popped key's literal, a tested key's sentinel.
        var keys = new List<(string Key, string Default, bool Tested)>();
        var edits = new List<(int, int, string)>();
        foreach (var read in reads)
        {
            if (Read(read) is { } found)
            {
                if (!Scalar(found.Call, init) || keys.Any(k => k.Key == found.Key))
                {
                    return null;
                }
                keys.Add((found.Key, found.Default, false));
                edits.Add((found.Call.Start.StartIndex, found.Call.Stop.StopIndex, found.Key));
                continue;
            }
            string key;
            if (Membership(read) is { } test)
            {
                key = test.Key;
                edits.Add((test.Node.Start.StartIndex, test.Node.Stop.StopIndex, $"{key} is {(test.In ? "not " : "")}{NotGiven}"));
            }
            else if (GuardedItem(read, init) is { } item)
            {
                key = item.Key;
                edits.Add((item.Node.Start.StartIndex, item.Node.Stop.StopIndex, key));
            }
            else
            {
                return null;
            }
            if (keys.FirstOrDefault(k => k.Key == key) is { Key: not null } seen)
            {
                if (!seen.Tested)
                {
                    // A key popped and tested: the test after the pop finds it gone.
                    return null;
                }
                continue;
            }
            keys.Add((key, NotGiven, true));
        }
        if (keys.Count == 0 || keys.Any(k => taken.Contains(k.Key) || used.Contains(k.Key))
            || keys.Any(k => k.Tested) && init.Start.InputStream.GetText(new Antlr4.Runtime.Misc.Interval(0, init.Start.InputStream.Size - 1)).Contains(NotGiven, StringComparison.Ordinal))
        {
            return null;
        }
        return (keys, edits, variadic, parameters.Any(p => p.STAR() is not null));
    }

    /// <summary>Whether a read of the <c>**kwargs</c> name is one this names (<c>kwargs.pop("k", False)</c>, <c>"k" in kwargs</c>, <c>kwargs["k"]</c> where a test says it holds "k"), as far as the read alone says.</summary>
    public static bool Names(PythonParser.NameAtomContext read, PythonParser.Function_defContext init) =>
        Read(read) is not null || Membership(read) is not null || GuardedItem(read, init) is not null;

    /// <summary>
    /// What a key may not name: the fields every converted module class has besides its own, the
    /// pseudo-field <c>_: dataclasses.KW_ONLY</c> keyword-only fields follow, and the attributes of
    /// flax.linen.Module a field would hide (its documented members, and the state
    /// <c>__post_init__</c> sets: <c>_id</c>, <c>_state</c>, <c>scope</c>).
    /// </summary>
    internal static readonly string[] LinenFields =
    [
        "self", "_", "name", "parent", FieldSignature.Train(false).Name, "_id", "_state", "_parent_ref", "scope", "setup", "variable", "param",
        "bind", "unbind", "apply", "init", "init_with_output", "clone", "copy", "make_rng", "sow", "variables", "tabulate", "module_paths",
        "is_initializing", "perturb", "put_variable", "has_variable", "has_rng", "lazy_init", "get_variable", "path", "is_mutable_collection",
    ];

    /// <summary>The call <c>kwargs.pop(K, D)</c> or <c>kwargs.get(K, D)</c> a read of the name is the receiver of, with its key and default; else null.</summary>
    private static (PythonParser.CallExprContext Call, string Key, string Default)? Read(PythonParser.NameAtomContext read)
    {
        if (read.Parent is not PythonParser.AttributeExprContext attribute
            || attribute.expr() != read || attribute.name().GetText() is not ("pop" or "get") || attribute.Parent is not PythonParser.CallExprContext call
            || call.expr() != attribute)
        {
            return null;
        }
        var arguments = CallArguments.Of(call.arguments());
        if (arguments.Count is < 1 or > 2 || arguments.Any(a => a is not PythonParser.PositionalArgumentContext)
            || SyntaxShapes.AtomOf(arguments[0]) is not PythonParser.StringAtomContext key || QuotedIdentifier().Match(key.GetText()) is not { Success: true } match
            || !PythonText.IsIdentifier(match.Groups[1].Value))
        {
            return null;
        }
        if (arguments.Count == 1)
        {
            return attribute.name().GetText() == "get" ? (call, match.Groups[1].Value, "None") : null;
        }
        return Literal(arguments[1]) is { } value ? (call, match.Groups[1].Value, value) : null;
    }

    /// <summary>The test <c>"k" in kwargs</c> or <c>"k" not in kwargs</c> a read of the name is the right operand of (one operator, a constant identifier key); else null.</summary>
    private static (PythonParser.ComparisonContext Node, string Key, bool In)? Membership(PythonParser.NameAtomContext read)
    {
        if (read.Parent is not PythonParser.ComparisonContext test
            || test.expr().Length != 2 || test.expr(1) != read || test.comp_op() is not [{ } op] || op.IN() is null
            || Key(test.expr(0)) is not { } key)
        {
            return null;
        }
        return (test, key, op.NOT() is null);
    }

    /// <summary>The item <c>kwargs["k"]</c> a read of the name is the receiver of, read (not assigned or deleted) only where a test of the constructor says the mapping holds "k"; else null.</summary>
    private static (PythonParser.SubscriptExprContext Node, string Key)? GuardedItem(PythonParser.NameAtomContext read, PythonParser.Function_defContext init)
    {
        if (read.Parent is not PythonParser.SubscriptExprContext item || item.expr() != read
            || item.slices().slice() is not [{ } slice] || slice.COLON().Length > 0 || slice.NamedExpression() is not { } index
            || Key(index) is not { } key || Stored(item) || !Guarded(item, key, read.GetText(), init))
        {
            return null;
        }
        return (item, key);
    }

    /// <summary>A constant key: a string literal spelling an identifier.</summary>
    private static string? Key(ParserRuleContext node) =>
        SyntaxShapes.AtomOf(node) is PythonParser.StringAtomContext text && QuotedIdentifier().Match(text.GetText()) is { Success: true } match
            && PythonText.IsIdentifier(match.Groups[1].Value) ? match.Groups[1].Value : null;

    /// <summary>Whether an item is (part of) a target: assigned, augmented, deleted, a loop's or a with's target.</summary>
    private static bool Stored(PythonParser.SubscriptExprContext item)
    {
        RuleContext child = item;
        for (var node = item.Parent; node is not null and not PythonParser.StatementContext; child = node, node = node.Parent)
        {
            switch (node)
            {
                case PythonParser.Star_targetContext or PythonParser.Target_listContext or PythonParser.Del_stmtContext:
                    return true;
                case PythonParser.Expression_stmtContext statement:
                    return child == statement.star_expressions() ? statement.ChildCount > 1
                        : statement.assigned_value() is { Length: > 1 } values && child != values[^1];
            }
        }
        return false;
    }

    /// <summary>
    /// Whether the code around an item runs only where the mapping holds the key: the body of an
    /// <c>if</c> (or <c>elif</c>) whose test says so, an <c>else</c> where a test said otherwise, a
    /// branch of <c>x if test else y</c>, the right operand of <c>and</c>/<c>or</c>, in the constructor
    /// itself (not a nested function or lambda, which may run later).
    /// </summary>
    private static bool Guarded(PythonParser.SubscriptExprContext item, string key, string name, PythonParser.Function_defContext init)
    {
        RuleContext child = item;
        for (var node = item.Parent; node is not null && node != init; child = node, node = node.Parent)
        {
            bool holds = node switch
            {
                PythonParser.If_stmtContext branch when child == branch.block() => Says(branch.NamedExpression(), key, name, truth: true),
                PythonParser.If_stmtContext branch when child == branch.else_block() =>
                    branch.elif_block().Select(e => e.NamedExpression()).Prepend(branch.NamedExpression()).Any(c => Says(c, key, name, truth: false)),
                PythonParser.Elif_blockContext elif when child == elif.block() && elif.Parent is PythonParser.If_stmtContext branch =>
                    Says(elif.NamedExpression(), key, name, truth: true)
                    || branch.elif_block().TakeWhile(e => e != elif).Select(e => e.NamedExpression()).Prepend(branch.NamedExpression()).Any(c => Says(c, key, name, truth: false)),
                PythonParser.ConditionalContext choice when child == choice.expression(0) => Says(choice.expression(1), key, name, truth: true),
                PythonParser.ConditionalContext choice when child == choice.expression(2) => Says(choice.expression(1), key, name, truth: false),
                PythonParser.ConjunctionContext both when child == both.expression(1) => Says(both.expression(0), key, name, truth: true),
                PythonParser.DisjunctionContext either when child == either.expression(1) => Says(either.expression(0), key, name, truth: false),
                _ => false,
            };
            if (holds)
            {
                return true;
            }
            if (node is PythonParser.Function_defContext or PythonParser.LambdefContext)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Whether a condition, found true (or false, <paramref name="truth"/>), says the mapping holds the key.</summary>
    private static bool Says(ParserRuleContext? condition, string key, string name, bool truth) => condition switch
    {
        PythonParser.InversionContext not => Says(not.expression(), key, name, !truth),
        PythonParser.ConjunctionContext both => truth
            ? Says(both.expression(0), key, name, true) || Says(both.expression(1), key, name, true)
            : Says(both.expression(0), key, name, false) && Says(both.expression(1), key, name, false),
        PythonParser.DisjunctionContext either => truth
            ? Says(either.expression(0), key, name, true) && Says(either.expression(1), key, name, true)
            : Says(either.expression(0), key, name, false) || Says(either.expression(1), key, name, false),
        PythonParser.ComparisonContext test => test.expr().Length == 2 && SyntaxShapes.AtomOf(test.expr(1)) is PythonParser.NameAtomContext mapping
            && mapping.GetText() == name && Membership(mapping) is { } found && found.Key == key && found.In == truth,
        _ => false,
    };

    /// <summary>A default as written when it is a literal (a number, possibly negative, a string, True, False, None); else null.</summary>
    internal static string? Literal(ParserRuleContext argument)
    {
        var atom = SyntaxShapes.AtomOf(argument);
        if (atom is PythonParser.UnaryExprContext { op.Type: PythonLexer.MINUS } negative)
        {
            atom = SyntaxShapes.AtomOf(negative.expr());
            return atom is PythonParser.NumberAtomContext ? argument.GetText() : null;
        }
        return atom is PythonParser.ConstantAtomContext or PythonParser.NumberAtomContext
            || atom is PythonParser.StringAtomContext { } text && text.strings().fstring().Length == 0
            ? argument.GetText() : null;
    }

    /// <summary>Whether the read runs at most once per construction: not in a loop, comprehension, lambda or nested function of the constructor.</summary>
    private static bool Scalar(PythonParser.CallExprContext call, PythonParser.Function_defContext init)
    {
        for (RuleContext? node = call.Parent; node is not null && node != init; node = node.Parent)
        {
            if (node is PythonParser.For_stmtContext or PythonParser.While_stmtContext or PythonParser.Comp_forContext
                or PythonParser.ComprehensionContext or PythonParser.LambdefContext or PythonParser.Function_defContext)
            {
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex("^[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']$")]
    private static partial Regex QuotedIdentifier();
}
