namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>Exception handler rules of CPython's compiler: a bare except last, no break/continue/return out of except* (TryHandlerCheck).</summary>
public sealed class TryHandlerCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass", "default 'except:' must be last", 3, 1),
        Snippet.Rejected("def f():\n    try:\n        pass\n    except:\n        pass\n    except:\n        pass", "default 'except:' must be last", 4, 5),
        Snippet.Rejected("try:\n    pass\nexcept* E:\n    break", "'break', 'continue' and 'return' cannot appear in an except* block", 4, 5),
        Snippet.Rejected("for x in y:\n  try:\n    pass\n  except* E:\n    continue", "'break', 'continue' and 'return' cannot appear in an except* block", 5, 5),
        Snippet.Rejected("def f():\n  try:\n    pass\n  except* E:\n    return", "'break', 'continue' and 'return' cannot appear in an except* block", 5, 5),
        Snippet.Rejected("def f():\n  try:\n    pass\n  except* E:\n    for x in y: return", "'break', 'continue' and 'return' cannot appear in an except* block", 5, 17),
        Snippet.Rejected("for x in y:\n  try:\n    pass\n  except* E:\n    if x:\n      break", "'break', 'continue' and 'return' cannot appear in an except* block", 6, 7),
        Snippet.Rejected("try:\n    pass\nexcept* E:\n    return", "'return' outside function", 4, 5),
        Snippet.Accepted("try:\n    pass\nexcept E:\n    pass\nexcept:\n    pass"),
        Snippet.Accepted("try:\n    pass\nexcept* E:\n    for x in y: break"),
        Snippet.Accepted("try:\n    pass\nexcept* E:\n    while x:\n        continue"),
        Snippet.Accepted("try:\n    pass\nexcept* E:\n    def f(): return 1"),
        Snippet.Accepted("for x in y:\n  try:\n    pass\n  except* E:\n    pass\n  else:\n    break"),
        Snippet.Accepted("for x in y:\n  try:\n    pass\n  except* E:\n    pass\n  finally:\n    break"),
        Snippet.Accepted("def f():\n  try:\n    return 1\n  except* E:\n    pass"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
