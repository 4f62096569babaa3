namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>binding or deleting __debug__ (DebugNameCheck).</summary>
public sealed class DebugNameCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("__debug__ = 1", "cannot assign to __debug__", 1, 1),
        Snippet.Rejected("x = 1; x = (a, __debug__) = 1", "cannot assign to __debug__", 1, 16),
        Snippet.Rejected("x = 1; x.__debug__ = 1", "cannot assign to __debug__", 1, 8),
        Snippet.Rejected("x = 1; __debug__ += 1", "cannot assign to __debug__", 1, 8),
        Snippet.Rejected("x = 1; __debug__: int", "cannot assign to __debug__", 1, 8),
        Snippet.Rejected("x = 1; x.__debug__: int = 1", "cannot assign to __debug__", 1, 8),
        Snippet.Rejected("for __debug__ in x: pass", "cannot assign to __debug__", 1, 5),
        Snippet.Rejected("for x.__debug__ in y: pass", "cannot assign to __debug__", 1, 5),
        Snippet.Rejected("with a as x.__debug__: pass", "cannot assign to __debug__", 1, 11),
        Snippet.Rejected("x = 1; [__debug__ for __debug__ in y]", "cannot assign to __debug__", 1, 23),
        Snippet.Rejected("x = 1; y = (__debug__ := 1)", "cannot assign to __debug__", 1, 13),
        Snippet.Rejected("x = 1; del __debug__", "cannot delete __debug__", 1, 12),
        Snippet.Rejected("x = 1; del (a, __debug__)", "cannot delete __debug__", 1, 16),
        Snippet.Rejected("x = 1; import a as __debug__", "cannot assign to __debug__", 1, 8),
        Snippet.Rejected("x = 1; import __debug__.b", "cannot assign to __debug__", 1, 8),
        Snippet.Rejected("x = 1; from a import b as __debug__", "cannot assign to __debug__", 1, 8),
        Snippet.Rejected("x = 1; from a import (b, __debug__)", "cannot assign to __debug__", 1, 8),
        Snippet.Rejected("try: pass\nexcept E as __debug__: pass", "cannot assign to __debug__", 2, 1),
        Snippet.Rejected("def __debug__(): pass", "cannot assign to __debug__", 1, 1),
        Snippet.Rejected("x = 1\n@dec\ndef f(__debug__): pass", "cannot assign to __debug__", 3, 1),
        Snippet.Rejected("x = 1\ndef f(a, b=1, *, __debug__): pass", "cannot assign to __debug__", 2, 1),
        Snippet.Rejected("x = 1\nasync def f(*args, **__debug__): pass", "cannot assign to __debug__", 2, 1),
        Snippet.Rejected("x = 1\nclass __debug__(a): pass", "cannot assign to __debug__", 2, 1),
        Snippet.Rejected("x = 1; lambda *a, __debug__: 1", "cannot assign to __debug__", 1, 8),
        Snippet.Rejected("match x:\n    case __debug__: pass", "cannot assign to __debug__", 2, 10),
        Snippet.Rejected("match x:\n    case [*__debug__]: pass", "cannot assign to __debug__", 2, 11),
        Snippet.Rejected("match x:\n    case {**__debug__}: pass", "cannot assign to __debug__", 2, 10),
        Snippet.Rejected("match x:\n    case A(b, __debug__=1): pass", "cannot assign to __debug__", 2, 25),
        Snippet.Rejected("match x:\n    case 1 as __debug__: pass", "cannot assign to __debug__", 2, 10),
        Snippet.Rejected("match x:\n    case [a, __debug__]: pass", "cannot assign to __debug__", 2, 14),
        Snippet.Accepted("print(__debug__)"),
        Snippet.Accepted("global __debug__"),
        Snippet.Accepted("x = 1; del x.__debug__"),
        Snippet.Accepted("x = 1; x.__debug__ += 1"),
        Snippet.Accepted("x = 1; __debug__.x = 1"),
        Snippet.Accepted("x = 1; __debug__[0] = 1"),
        Snippet.Accepted("import a.__debug__"),
        Snippet.Accepted("from __debug__ import a"),
        Snippet.Accepted("def f():\n    x: (__debug__ := 1)"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
