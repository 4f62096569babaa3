namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>global and nonlocal statements after other uses of the name (DeclarationCheck).</summary>
public sealed class DeclarationCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("def f():\n    x = 1\n    global x", "name 'x' is assigned to before global declaration", 3, 5),
        Snippet.Rejected("def f():\n    print(x)\n    global x", "name 'x' is used prior to global declaration", 3, 5),
        Snippet.Rejected("def f():\n    x: int\n    global x", "annotated name 'x' can't be global", 3, 5),
        Snippet.Rejected("def f():\n    for x in y: pass\n    global x", "name 'x' is assigned to before global declaration", 3, 5),
        Snippet.Rejected("def f():\n    [y for y in x]\n    global x", "name 'x' is used prior to global declaration", 3, 5),
        Snippet.Rejected("def f():\n    [(x := 1) for y in z]\n    global x", "name 'x' is assigned to before global declaration", 3, 5),
        Snippet.Rejected("def f():\n    lambda x=x: 1\n    global x", "name 'x' is used prior to global declaration", 3, 5),
        Snippet.Rejected("def f():\n    del x\n    global x", "name 'x' is assigned to before global declaration", 3, 5),
        Snippet.Rejected("def f():\n    x += 1\n    global x", "name 'x' is assigned to before global declaration", 3, 5),
        Snippet.Rejected("def f():\n    try: pass\n    except E as x: pass\n    global x", "name 'x' is assigned to before global declaration", 4, 5),
        Snippet.Rejected("def f():\n    class x: pass\n    global x", "name 'x' is assigned to before global declaration", 3, 5),
        Snippet.Rejected("def f():\n    @x\n    def g(): pass\n    global x", "name 'x' is used prior to global declaration", 4, 5),
        Snippet.Rejected("def f():\n    match y:\n        case [1, *x]: pass\n    global x", "name 'x' is assigned to before global declaration", 4, 5),
        Snippet.Rejected("def f():\n    with a as (b, x): pass\n    global x", "name 'x' is assigned to before global declaration", 3, 5),
        Snippet.Rejected("def f():\n    x = 1\n    nonlocal x", "name 'x' is assigned to before nonlocal declaration", 3, 5),
        Snippet.Rejected("def f(x):\n    global y, x", "name 'x' is parameter and global", 2, 5),
        Snippet.Rejected("def f(*x):\n    global x", "name 'x' is parameter and global", 2, 5),
        Snippet.Rejected("def f(x):\n    nonlocal x", "name 'x' is parameter and nonlocal", 2, 5),
        Snippet.Rejected("x = 1\nglobal x", "name 'x' is assigned to before global declaration", 2, 1),
        Snippet.Rejected("x = 1\nnonlocal x", "name 'x' is assigned to before nonlocal declaration", 2, 1),
        Snippet.Rejected("class C:\n    def x(self): pass\n    global x", "name 'x' is assigned to before global declaration", 3, 5),
        Snippet.Rejected("def f():\n    x.y = 1\n    global x", "name 'x' is used prior to global declaration", 3, 5),
        Snippet.Rejected("def f():\n    f\"{x}\"\n    global x", "name 'x' is used prior to global declaration", 3, 5),
        Snippet.Rejected("def f():\n    x = 1\n    print(x)\n    global x", "name 'x' is used prior to global declaration", 4, 5),
        Snippet.Rejected("x = 1\ndef f():\n    global x\n    x: int", "annotated name 'x' can't be global", 4, 5),
        Snippet.Rejected("def f():\n    nonlocal x\n    x: int", "annotated name 'x' can't be nonlocal", 3, 5),
        Snippet.Accepted("def f():\n    global x\n    x = 1"),
        Snippet.Accepted("def f():\n    global x\n    global x"),
        Snippet.Accepted("def f():\n    import x\n    global x"),
        Snippet.Accepted("def f():\n    [x for x in y]\n    global x"),
        Snippet.Accepted("def f():\n    lambda: x\n    global x"),
        Snippet.Accepted("def f(a: x):\n    global x"),
        Snippet.Accepted("global x\nx: int"),
        Snippet.Accepted("def f():\n    global x; x = 1; global y"),
        Snippet.Accepted("lambda: x\nglobal x"),
        Snippet.Accepted("def f():\n    (x): int\n    global x"),
        Snippet.Accepted("from __future__ import annotations\ndef f():\n    y: x\n    global x"),
        Snippet.Accepted("def f():\n    x.y = 1\n    global y"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
