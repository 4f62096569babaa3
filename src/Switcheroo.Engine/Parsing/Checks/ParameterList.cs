using Antlr4.Runtime;
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

    public static ParameterList Of(ParametersContext? parameters) => parameters is null
        ? Empty
        : new(parameters.parameter().Select(Classify).ToArray(), parameters.COMMA().Length == parameters.parameter().Length, parameters);

    public static ParameterList Of(Lambda_parametersContext? parameters) => parameters is null
        ? Empty
        : new(parameters.lambda_parameter().Select(Classify).ToArray(), parameters.COMMA().Length == parameters.lambda_parameter().Length, parameters);

    public static ParameterList Of(Function_defContext function) => Of(function.parameters());

    public static ParameterList Of(LambdefContext lambda) => Of(lambda.lambda_parameters());

    public IEnumerable<NameContext> Names => Items.Where(item => item.Name is not null).Select(item => item.Name!);

    /// <summary>Whether item <paramref name="index"/> exists and is of one of the kinds.</summary>
    public bool Is(int index, params ParameterKind[] kinds) => index < Items.Count && kinds.Contains(Items[index].Kind);

    /// <summary>The first index from <paramref name="index"/> on whose item is not of the kinds.</summary>
    public int Skip(int index, params ParameterKind[] kinds)
    {
        while (Is(index, kinds))
        {
            index++;
        }
        return index;
    }

    /// <summary>Whether a comma follows item <paramref name="index"/>.</summary>
    public bool CommaAfter(int index) => index + 1 < Items.Count || TrailingComma;

    private static Parameter Classify(ParameterContext p) => new(
        Kind(p.SLASH() is not null, p.STAR() is not null, p.DOUBLESTAR() is not null, p.name() is not null, p.EQUAL() is not null), p, p.name());

    private static Parameter Classify(Lambda_parameterContext p) => new(
        Kind(p.SLASH() is not null, p.STAR() is not null, p.DOUBLESTAR() is not null, p.name() is not null, p.EQUAL() is not null), p, p.name());

    private static ParameterKind Kind(bool slash, bool star, bool doubleStar, bool named, bool defaulted) =>
        slash ? ParameterKind.Slash
        : star ? (named ? ParameterKind.VarArgs : ParameterKind.BareStar)
        : doubleStar ? ParameterKind.KwArgs
        : defaulted ? ParameterKind.Default
        : ParameterKind.Plain;
}
