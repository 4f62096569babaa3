namespace Switcheroo.Engine.Rewriting.Syntax;

/// <summary>
/// <c>name: annotation = value</c>, or without the value (a dataclass field of a Linen module:
/// <c>features: int</c>, <c>train: bool = True</c>).
/// </summary>
public sealed record PyAnnotatedAssign(Py Target, Py Annotation, Py? Value) : PyStatement;
