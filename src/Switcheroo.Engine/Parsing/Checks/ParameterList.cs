using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

internal enum ParameterKind { Plain, Default, Slash, BareStar, VarArgs, KwArgs }

/// <summary>One entry of a parameter list: <see cref="Node"/> is the whole entry, <see cref="Name"/> its name if it has one.</summary>
internal readonly record struct Parameter(ParameterKind Kind, ParserRuleContext Node, NameContext? Name)
{
    /// <summary><c>*args</c> without a starred annotation (<c>*args: *Ts</c>), what CPython's order rules match.</summary>
    public bool IsPlainVarArgs => Kind == ParameterKind.VarArgs
        && (Node as ParameterContext)?.star_annotation()?.STAR() is null;
}

/// <summary>
/// The parameters of a <c>def</c> or a <c>lambda</c>, which our grammar parses as a flat list in
/// any order, with whether the list ends with a comma.
/// </summary>
internal sealed record ParameterList(IReadOnlyList<Parameter> Items, bool TrailingComma, ParserRuleContext? Node)
{
    public static readonly ParameterList Empty = new(Array.Empty<Parameter>(), false, null);

    public bool IsLambda => Node is Lambda_parametersContext;

    public int Count => Items.Count;

    public static ParameterList Of(ParametersContext? parameters) => parameters is null ? Empty : Read(parameters);

    public static ParameterList Of(Lambda_parametersContext? parameters) => parameters is null ? Empty : Read(parameters);

    public static ParameterList Of(Function_defContext function) => Of(function.parameters());

    public static ParameterList Of(LambdefContext lambda) => Of(lambda.lambda_parameters());

    public IEnumerable<NameContext> Names => Items.Where(item => item.Name is not null).Select(item => item.Name!);

    /// <summary>Whether item <paramref name="index"/> exists and is of one of the kinds.</summary>
    public bool Is(int index, params ReadOnlySpan<ParameterKind> kinds)
    {
        // A span, not an array: the checks ask this several times for every def and lambda.
        if (index >= Items.Count)
        {
            return false;
        }
        foreach (var kind in kinds)
        {
            if (Items[index].Kind == kind)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The first index from <paramref name="index"/> on whose item is not of the kinds.</summary>
    public int Skip(int index, params ReadOnlySpan<ParameterKind> kinds)
    {
        while (Is(index, kinds))
        {
            index++;
        }
        return index;
    }

    /// <summary>Whether a comma follows item <paramref name="index"/>.</summary>
    public bool CommaAfter(int index) => index + 1 < Items.Count || TrailingComma;

    /// <summary>
    /// One pass over the list's children, read by position: entries at the even indices, commas
    /// between them, and one more comma at the end when the count is even. The checks build the
    /// list of every <c>def</c> more than once, and the generated accessors (<c>parameter()</c>,
    /// <c>COMMA()</c>, and per entry <c>SLASH()</c>, <c>STAR()</c>, <c>name()</c>, ...) would each
    /// scan the children again and collect arrays.
    /// </summary>
    private static ParameterList Read(ParserRuleContext list)
    {
        int children = list.ChildCount;
        var items = new Parameter[(children + 1) / 2];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = Classify((ParserRuleContext)list.GetChild(2 * i));
        }
        return new(items, children % 2 == 0, list);
    }

    /// <summary>
    /// An entry of either grammar (<c>parameter</c>, <c>lambda_parameter</c>) by its first child:
    /// <c>/</c>, <c>*</c> with or without a name, <c>**</c> and a name, or a name that has a
    /// default when an <c>=</c> comes just before the entry's last child.
    /// </summary>
    private static Parameter Classify(ParserRuleContext entry)
    {
        int children = entry.ChildCount;
        if (entry.GetChild(0) is not ITerminalNode first)
        {
            bool defaulted = children >= 3 && entry.GetChild(children - 2) is ITerminalNode;
            return new(defaulted ? ParameterKind.Default : ParameterKind.Plain, entry, (NameContext)entry.GetChild(0));
        }
        var name = children > 1 ? entry.GetChild(1) as NameContext : null;
        var kind = first.Symbol.Type switch
        {
            SLASH => ParameterKind.Slash,
            STAR => name is null ? ParameterKind.BareStar : ParameterKind.VarArgs,
            _ => ParameterKind.KwArgs,
        };
        return new(kind, entry, name);
    }
}
