namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>break and continue outside a loop (LoopContextCheck).</summary>
public sealed class LoopContextCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("break", "'break' outside loop", 1, 1),
        Snippet.Rejected("continue", "'continue' not properly in loop", 1, 1),
        Snippet.Rejected("for x in y:\n    def f():\n        break", "'break' outside loop", 3, 9),
        Snippet.Rejected("while x:\n    class C:\n        continue", "'continue' not properly in loop", 3, 9),
        Snippet.Rejected("for x in y:\n    pass\nelse:\n    break", "'break' outside loop", 4, 5),
        Snippet.Rejected("while x:\n    pass\nelse:\n    continue", "'continue' not properly in loop", 4, 5),
        Snippet.Rejected("if x:\n    break", "'break' outside loop", 2, 5),
        Snippet.Rejected("try:\n    pass\nfinally:\n    break", "'break' outside loop", 4, 5),
        Snippet.Rejected("while 0:\n    break\nelse:\n    break", "'break' outside loop", 4, 5),
        Snippet.Accepted("while x:\n    break"),
        Snippet.Accepted("for x in y:\n    if x:\n        continue"),
        Snippet.Accepted("for x in y:\n    try:\n        pass\n    finally:\n        continue"),
        Snippet.Accepted("for x in y:\n    with a:\n        break"),
        Snippet.Accepted("while x:\n    match y:\n        case 1:\n            break"),
        Snippet.Accepted("for x in y:\n    pass\nelse:\n    for z in w:\n        break"),
        Snippet.Accepted("async def f():\n    async for x in y:\n        break"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
