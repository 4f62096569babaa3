namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>nonlocal declarations without a binding to refer to (NonlocalCheck).</summary>
public sealed class NonlocalCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("nonlocal x", "nonlocal declaration not allowed at module level", 1, 1),
        Snippet.Rejected("def f():\n    nonlocal x", "no binding for nonlocal 'x' found", 2, 5),
        Snippet.Rejected("class C:\n    nonlocal x", "no binding for nonlocal 'x' found", 2, 5),
        Snippet.Rejected("class C:\n    x = 1\n    def h():\n        nonlocal x", "no binding for nonlocal 'x' found", 4, 9),
        Snippet.Rejected("x = 1\ndef f():\n    nonlocal x", "no binding for nonlocal 'x' found", 3, 5),
        Snippet.Rejected("def f():\n    x = 1\n    def g():\n        global x\n        def h():\n            nonlocal x", "no binding for nonlocal 'x' found", 6, 13),
        Snippet.Rejected("def f(x):\n    def g():\n        nonlocal x\n        global x", "name 'x' is nonlocal and global", 3, 9),
        Snippet.Rejected("def f():\n    global x\n    nonlocal x", "name 'x' is nonlocal and global", 2, 5),
        Snippet.Rejected("def f():\n    def g():\n        nonlocal y\nnonlocal x", "nonlocal declaration not allowed at module level", 4, 1),
        Snippet.Rejected("def f():\n    nonlocal x\n    nonlocal y, x", "no binding for nonlocal 'x' found", 2, 5),
        Snippet.Rejected("def f():\n    nonlocal __class__", "no binding for nonlocal '__class__' found", 2, 5),
        Snippet.Rejected("class C:\n    nonlocal __class__", "no binding for nonlocal '__class__' found", 2, 5),
        Snippet.Accepted("def f():\n    x = 1\n    def g():\n        nonlocal x"),
        Snippet.Accepted("class C:\n    def f(self):\n        def g():\n            nonlocal __class__"),
        Snippet.Accepted("def f():\n    def g():\n        nonlocal x\n    x = 1"),
        Snippet.Accepted("def f():\n    [(x := 1) for y in z]\n    def g():\n        nonlocal x"),
        Snippet.Accepted("def f():\n    import x\n    def g():\n        nonlocal x"),
        Snippet.Accepted("def f(x):\n    class C:\n        def g(self):\n            nonlocal x"),
        Snippet.Accepted("def f():\n    x = 1\n    def g():\n        nonlocal x\n        def h():\n            nonlocal x"),
        Snippet.Accepted("def f():\n    for x in y: pass\n    def g():\n        nonlocal x"),
        Snippet.Accepted("def f(*, x):\n    lambda: [x for y in z]\n    def g():\n        nonlocal x"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
