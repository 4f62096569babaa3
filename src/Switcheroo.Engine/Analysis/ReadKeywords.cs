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
/// </summary>
/// <remarks>
/// Caveats: the class stays as it is (reported, SWR3006) when the constructor reads <c>**kwargs</c>
/// any other way (<c>"k" in kwargs</c>, <c>kwargs["k"]</c>, passed on), reads a key twice, reads one
/// in a loop, comprehension, lambda or nested function (a second <c>pop</c> gives the default), with
/// a default that is not a literal (it would be evaluated once, not at each construction), or a key
/// that is no identifier, is a named argument already, a name the constructor uses otherwise, a
/// field every Linen module has (<c>name</c>, <c>parent</c>, <c>train</c>) or an attribute of
/// Flax's Module (<c>apply</c>, <c>_state</c>, ...).
/// </remarks>
internal static partial class ReadKeywords
{
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

    /// <summary>The keys the constructor reads from its <c>**kwargs</c> with their literal defaults, in order, when every read is one this names; else null.</summary>
    public static IReadOnlyList<(string Key, string Default)>? Keys(PythonParser.Function_defContext init) => Named(init)?.Keys;

    private static (List<(string Key, string Default)> Keys, List<(int, int, string)> Edits, PythonParser.ParameterContext Variadic, bool KeywordOnly)? Named(
        PythonParser.Function_defContext init)
    {
        var parameters = init.parameters().parameter().Skip(1).ToList();
        var variadic = parameters.First(p => p.DOUBLESTAR() is not null);
        var name = variadic.name().GetText();
        var reads = ParseTrees.Descendants<PythonParser.NameAtomContext>(init.block()).Where(n => n.GetText() == name).ToList();
        var taken = parameters.Where(p => p.name() is not null).Select(p => p.name().GetText())
            .Concat(LinenFields).ToHashSet(StringComparer.Ordinal);
        var used = ParseTrees.Descendants<PythonParser.NameAtomContext>(init.block()).Select(n => n.GetText()).ToHashSet(StringComparer.Ordinal);
        var keys = new List<(string Key, string Default)>();
        var edits = new List<(int, int, string)>();
        foreach (var read in reads)
        {
            if (Read(read) is not { } found || !Scalar(found.Call, init) || taken.Contains(found.Key) || used.Contains(found.Key)
                || keys.Any(k => k.Key == found.Key))
            {
                return null;
            }
            keys.Add((found.Key, found.Default));
            edits.Add((found.Call.Start.StartIndex, found.Call.Stop.StopIndex, found.Key));
        }
        if (keys.Count == 0)
        {
            return null;
        }
        return (keys, edits, variadic, parameters.Any(p => p.STAR() is not null));
    }

    /// <summary>Whether a read of the <c>**kwargs</c> name is one this names (<c>kwargs.pop("k", False)</c>), as far as the read alone says.</summary>
    public static bool Names(PythonParser.NameAtomContext read) => Read(read) is not null;

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
        if (read.Parent is not PythonParser.AtomExprContext { Parent: PythonParser.AttributeExprContext attribute } receiver
            || attribute.expr() != receiver || attribute.name().GetText() is not ("pop" or "get") || attribute.Parent is not PythonParser.CallExprContext call
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
