namespace Switcheroo.Engine.Rewriting.Syntax;

/// <summary>
/// A statement of the Python that Switcheroo writes, printed by <see cref="PyBlockPrinter"/>: one
/// per line at the block's indentation, a compound statement's body one level deeper. Its values
/// are <see cref="Py"/> expressions; a statement from the source is embedded as is
/// (<see cref="PySourceStatement"/>), its planned edits still applied.
/// <code>
/// new PyIf(Py.Named("params is None"), [PyAssign.Of(Py.Named("opt_state"), init)])
///     →  if params is None:
///            opt_state = optimizer.init(params)
/// </code>
/// </summary>
public abstract record PyStatement
{
    /// <summary>A comment at the end of the statement's (first) line, with its <c>#</c>.</summary>
    public string? Comment { get; init; }
}

/// <summary><c>a, b = x, y</c>: targets and values are comma lists (one item is written without a comma).</summary>
public sealed record PyAssign(IReadOnlyList<Py> Targets, IReadOnlyList<Py> Values) : PyStatement
{
    public static PyAssign Of(Py target, Py value) => new([target], [value]);
}

/// <summary>An expression written as a statement (a call).</summary>
public sealed record PyExpressionStatement(Py Value) : PyStatement;

/// <summary><c>return a, (b,)</c>; no values is a bare <c>return</c>.</summary>
public sealed record PyReturn(IReadOnlyList<Py> Values) : PyStatement;

public sealed record PyIf(Py Test, IReadOnlyList<PyStatement> Body) : PyStatement;

/// <summary><c>for target in iterable:</c> (the target a name or a comma list of names).</summary>
public sealed record PyFor(string Target, Py Iterable, IReadOnlyList<PyStatement> Body) : PyStatement;

/// <summary><c>with a as b, c:</c>: each item a context manager and an optional target name.</summary>
public sealed record PyWith(IReadOnlyList<(Py Manager, string? Target)> Items, IReadOnlyList<PyStatement> Body) : PyStatement;

/// <summary>A function definition with its decorators (each written <c>@expression</c> on its own line).</summary>
public sealed record PyDef(IReadOnlyList<Py> Decorators, string Name, IReadOnlyList<string> Parameters, IReadOnlyList<PyStatement> Body) : PyStatement;

/// <summary>A comment on a line of its own (its text with the <c>#</c>).</summary>
public sealed record PyCommentLine(string Text) : PyStatement;

/// <summary>An empty line (no indentation written on it).</summary>
public sealed record PyBlankLine : PyStatement;

/// <summary>A statement of the source, moved or kept: its text parts, without the line's end.</summary>
public sealed record PySourceStatement(IReadOnlyList<TextPart> Parts) : PyStatement;

/// <summary><c>pass</c>: where a statement that shares its line with others is removed.</summary>
public sealed record PyPass : PyStatement;
