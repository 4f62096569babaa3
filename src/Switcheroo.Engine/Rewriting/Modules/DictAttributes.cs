using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// torch's <c>nn.ModuleDict</c> is a module whose entries are also its attributes; Flax freezes the
/// dict that setup assigns into a <c>FrozenDict</c>, which has none. Where the class's layer
/// declaration names its keys, a read of an entry by attribute becomes a subscript:
/// <code>
/// self.blocks = nn.ModuleDict({"conv": ..., "act": ...})   →  self.blocks = {"conv": ..., "act": ...}
/// self.blocks.conv(x)                                      →  self.blocks["conv"](x)
/// self.heads = nn.ModuleDict(dict(cls=..., box=...))       →  self.heads["box"](h)
/// </code>
/// Caveats: only the keys written in the construction (string keys of a dict display, keywords of
/// <c>dict(...)</c>) are known, and only inside the class; an attribute assigned twice has no single
/// declaration. Any other attribute read of the dict is left as written, and the self-check's
/// <c>frozen-dict-attribute</c> rule reports it (SWR4002).
/// </summary>
internal static class DictAttributes
{
    public static void Convert(PythonParser.CallExprContext construction, PythonParser.ArgumentContext? argument, ConversionContext context)
    {
        if (SyntaxShapes.Enclosing<PythonParser.Class_defContext>(construction) is not { } cls
            || context.Facts.Layers.Of(cls).Values.FirstOrDefault(l => l.Construction == construction) is not { } declaration
            || argument is not PythonParser.PositionalArgumentContext positional)
        {
            return;
        }
        var keys = Keys(positional.NamedExpression());
        foreach (var read in ParseTrees.Descendants<PythonParser.AttributeExprContext>(cls))
        {
            if (read.expr() is PythonParser.AttributeExprContext holder && holder.expr().GetText() == "self"
                && holder.name().GetText() == declaration.Name && keys.Contains(read.name().GetText()) && !IsAssigned(read))
            {
                context.Plan.Replace(read.DOT().Symbol.TokenIndex, read.name().Stop.TokenIndex, $"[\"{read.name().GetText()}\"]");
            }
        }
    }

    /// <summary>The keys a construction's argument names: the string keys of a dict display, the keywords of <c>dict(...)</c>.</summary>
    private static HashSet<string> Keys(Antlr4.Runtime.Tree.IParseTree value)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        switch (SyntaxShapes.AtomOf(value))
        {
            case PythonParser.DictOrSetAtomContext { } display when display.dict_or_set() is { } items && items.COLON() is not null:
                Add(items.NamedExpression());
                foreach (var item in items.dict_tail()?.dict_item() ?? [])
                {
                    if (item.COLON() is not null)
                    {
                        Add(item.expression(0));
                    }
                }
                break;
            case PythonParser.CallExprContext call when call.expr().GetText() == "dict":
                keys.UnionWith(CallArguments.Of(call.arguments()).OfType<PythonParser.KeywordArgumentContext>().Select(k => k.name().GetText()));
                break;
        }
        return keys;

        void Add(Antlr4.Runtime.Tree.IParseTree key)
        {
            if (PythonText.QuotedIdentifier(key.GetText()) is { } name)
            {
                keys.Add(name);
            }
        }
    }

    /// <summary>The read is an assignment's target (<c>self.blocks.conv = ...</c>), which a subscript would not make run either.</summary>
    private static bool IsAssigned(PythonParser.AttributeExprContext read) =>
        AssignmentTargets.RoleOf(read) is (TargetRole.Stored, PythonParser.Expression_stmtContext statement) && statement.EQUAL().Length > 0;
}
