namespace Switcheroo.Engine.Rewriting.Syntax;

/// <summary>A list display: <c>["batch_stats"]</c>.</summary>
public sealed record PyList(IReadOnlyList<Py> Items) : Py;

/// <summary>A dict display: <c>{"params": params, "dropout": dropout_key}</c>; none is <c>{}</c>.</summary>
public sealed record PyDict(IReadOnlyList<PyDictEntry> Entries) : Py;

public sealed record PyDictEntry(Py Key, Py Value);

/// <summary><c>lambda key: jnp.ones((d,))</c>: the loosest expression, parenthesised everywhere but an argument, an item or a value.</summary>
public sealed record PyLambda(IReadOnlyList<string> Parameters, Py Body) : Py;
