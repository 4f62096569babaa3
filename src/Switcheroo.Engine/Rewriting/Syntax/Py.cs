namespace Switcheroo.Engine.Rewriting.Syntax;

/// <summary>
/// A node of the Python that Switcheroo writes: generated expressions are built from these and
/// rendered by <see cref="PyPrinter"/>, which adds the parentheses precedence needs, so what is
/// written always parses and means what the tree says. Code taken from the source is embedded as
/// a <see cref="PySource"/> (its planned edits still apply) with the precedence of its own tree.
/// <code>
/// Py.CallOf(Py.Named("jnp.reshape"), x, Py.TupleOf([n, PyLiteral.Int(-1)]))  →  jnp.reshape(x, (n, -1))
/// </code>
/// </summary>
public abstract record Py
{
    /// <summary>A name or a dotted reference to a target (<c>jnp.reshape</c>, already given its import alias).</summary>
    public static Py Named(string text) => new PyName(text);

    public static Py CallOf(Py function, params Py[] arguments) => new PyCall(function, arguments, []);

    public static Py TupleOf(IEnumerable<Py> items) => new PyTuple(items.ToArray());

    public static Py CallOf(Py function, IEnumerable<Py> arguments, IEnumerable<PyKeyword> keywords) =>
        new PyCall(function, arguments.ToArray(), keywords.ToArray());

    /// <summary>A node of the source, embedded with its planned edits, at the precedence of its tree.</summary>
    public static PySource Source(Antlr4.Runtime.ParserRuleContext node) => new([TextPart.Of(node)], PyPrecedence.Of(node));

    /// <summary>
    /// What a call's parentheses hold, as written (line breaks, comments, a trailing comma, the
    /// arguments' own edits): the items of a display or call that takes the arguments over,
    /// <c>Sequential(a, b)</c> → <c>Sequential([a, b])</c>. It is a comma list, so only a place
    /// that holds items (a display, a call) may take it, as its only item.
    /// </summary>
    public static PySource ArgumentsAsWritten(Switcheroo.Grammar.PythonParser.CallExprContext call)
    {
        int open = call.LPAR().Symbol.TokenIndex, close = call.RPAR().Symbol.TokenIndex;
        return new(close - open > 1 ? [new TextPart.Source(open + 1, close - 1)] : [], PyPrecedence.Any);
    }

    /// <summary>
    /// An argument of a call of the source, moved to be the only argument of another call
    /// (<c>ModuleList(b for b in bs)</c> → <c>list(b for b in bs)</c>): written as it is, since a bare
    /// generator or assignment expression is valid there.
    /// </summary>
    public static PySource SoleArgument(Switcheroo.Grammar.PythonParser.ArgumentContext argument) => new([TextPart.Of(argument)], PyPrecedence.Any);

    /// <summary>Text from a map or a fact (an expression Switcheroo was given as text), at the precedence its parse gives.</summary>
    public static PySource OfText(string text) => new([text], PyPrecedence.OfText(text));
}

/// <summary>A name, or a dotted name written as one (<c>self.train</c>, <c>jnp.reshape</c>).</summary>
public sealed record PyName(string Text) : Py;

/// <summary>A number, string, <c>True</c>/<c>False</c>/<c>None</c>: an atom, written as given.</summary>
public sealed record PyLiteral(string Text) : Py
{
    public static PyLiteral Int(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A string literal in double quotes (<c>"batch_stats"</c>), escaping what needs it.</summary>
    public static PyLiteral String(string value) => new("\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");

    public static PyLiteral Bool(bool value) => new(value ? "True" : "False");
}

/// <summary>Code from the source (or from a map), embedded as is; <see cref="Precedence"/> is that of its tree (<see cref="PyPrecedence"/>).</summary>
public sealed record PySource(IReadOnlyList<TextPart> Parts, int Precedence) : Py;

public sealed record PyAttribute(Py Value, string Name) : Py;

public sealed record PyKeyword(string Name, Py Value);

public sealed record PyCall(Py Function, IReadOnlyList<Py> Arguments, IReadOnlyList<PyKeyword> Keywords) : Py;

/// <summary>A tuple display; one item gets its trailing comma, none is <c>()</c>.</summary>
public sealed record PyTuple(IReadOnlyList<Py> Items) : Py;

public sealed record PySubscript(Py Value, Py Index) : Py;

/// <summary>A binary operator (<c>+</c>, <c>//</c>, <c>**</c>, ...), a comparison or <c>and</c>/<c>or</c>.</summary>
public sealed record PyBinary(Py Left, string Operator, Py Right) : Py;

/// <summary><c>-x</c>, <c>+x</c>, <c>~x</c>, <c>not x</c>.</summary>
public sealed record PyUnary(string Operator, Py Operand) : Py;
