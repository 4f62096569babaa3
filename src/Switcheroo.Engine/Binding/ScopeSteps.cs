using Antlr4.Runtime;

namespace Switcheroo.Engine.Binding;

internal enum StepKind : byte { Enter, Visit, Exit }

/// <summary>Annotations CPython does not treat as ordinary code.</summary>
[Flags]
internal enum AnnotationRegion : byte
{
    None = 0,

    /// <summary>Under <c>from __future__ import annotations</c>: never compiled, a symbol-table scope of its own.</summary>
    Deferred = 1,

    /// <summary>A local variable's annotation (<c>def f(): x: int</c>): never evaluated, so never compiled.</summary>
    Unevaluated = 2,
}

/// <summary>One step of the walk: entering or leaving a scope, or meeting a rule node in a scope.</summary>
internal readonly record struct Step(StepKind Kind, ParserRuleContext Node, Scope Scope, AnnotationRegion Region);
