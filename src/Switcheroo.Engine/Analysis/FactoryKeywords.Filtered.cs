using System.Text.RegularExpressions;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The dict of keywords less some literal keys, as torch's <c>_NormBase</c> passes its <c>factory_kwargs</c>
/// without the <c>dtype</c> it gives by name:
/// <code>
/// torch.tensor(0, dtype=torch.long, **{k: v for k, v in factory_kwargs.items() if k != 'dtype'})
/// </code>
/// is the remaining keywords written out: <c>torch.tensor(0, dtype=torch.long, device=device)</c>.
/// </summary>
/// <remarks>
/// Only this shape: one <c>for K, V in NAME.items()</c> (not async), the pair written back as <c>K: V</c>,
/// and each <c>if</c> a test of the key against string literals (<c>K != 'a'</c>, <c>'a' != K</c>,
/// <c>K not in ('a', 'b')</c>). Any other comprehension is left as written.
/// </remarks>
public static partial class FactoryKeywords
{
    /// <summary>The name whose items the comprehension unpacked by <paramref name="argument"/> copies, and the keys it drops; or null.</summary>
    private static (PythonParser.NameAtomContext Use, HashSet<string> Dropped)? Filtered(PythonParser.DoubleStarArgumentContext argument)
    {
        if (SyntaxShapes.AtomOf(argument.expression()) is not PythonParser.DictOrSetAtomContext { } display
            || display.dict_or_set() is not { } body || body.NamedExpression() is not { } key || body.Value() is not { } value
            || body.dict_tail()?.comprehension() is not { } comprehension || comprehension.comp_for() is not [var loop]
            || loop.ASYNC() is not null || loop.expression() is not [var source, .. var tests])
        {
            return null;
        }
        string k = key.GetText(), v = value.GetText();
        if (!PythonText.IsIdentifier(k) || !PythonText.IsIdentifier(v) || k == v || loop.target_list().GetText() != $"{k},{v}"
            || SyntaxShapes.AtomOf(source) is not PythonParser.CallExprContext items || items.arguments() is not null
            || items.expr() is not PythonParser.AttributeExprContext { } method || method.name().GetText() != "items"
            || SyntaxShapes.AtomOf(method.expr()) is not PythonParser.NameAtomContext use)
        {
            return null;
        }
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var test in tests)
        {
            string spaced = string.Join(" ", ParseTrees.Descendants<ITerminalNode>(test).Select(t => t.GetText()));
            if (DroppedKeys(spaced, k) is not { } keys)
            {
                return null;
            }
            dropped.UnionWith(keys);
        }
        return (use, dropped);
    }

    /// <summary>
    /// The literal keys a filter on the key leaves out (its tokens joined by spaces), or null for any other
    /// test; a parenthesised one needs its comma (<c>k not in ('dtype')</c> tests for a substring).
    /// </summary>
    private static IEnumerable<string>? DroppedKeys(string test, string key)
    {
        const string literal = @"(?<lit>'[A-Za-z_][A-Za-z0-9_]*'|""[A-Za-z_][A-Za-z0-9_]*"")";
        string k = Regex.Escape(key);
        var match = Regex.Match(test, $@"^(?:{k} != {literal}|{literal} != {k}|{k} not in \( (?:{literal} , )+(?:{literal} )?\)|{k} not in \[ (?:{literal} , )*{literal} (?:, )?\]|{k} not in \{{ (?:{literal} , )*{literal} (?:, )?\}})$");
        return match.Success ? match.Groups["lit"].Captures.Select(c => c.Value[1..^1]).ToList() : null;
    }
}
