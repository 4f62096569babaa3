namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>Patterns CPython's parser rejects beyond our grammar: complex literals, <c>as _</c>, <c>**_</c> (PatternSyntaxCheck).</summary>
public sealed class PatternSyntaxCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("match x:\n    case 1+2:\n        pass", "imaginary number required in complex literal", 2, 12),
        Snippet.Rejected("match x:\n    case 1j+2j:\n        pass", "real number required in complex literal", 2, 10),
        Snippet.Rejected("match x:\n    case -1j-2j:\n        pass", "real number required in complex literal", 2, 11),
        Snippet.Rejected("match x:\n    case {1+2: x}:\n        pass", "imaginary number required in complex literal", 2, 13),
        Snippet.Rejected("match x:\n    case _ as _:\n        pass", "cannot use '_' as a target", 2, 15),
        Snippet.Rejected("match x:\n    case x as _:\n        pass", "cannot use '_' as a target", 2, 15),
        Snippet.RejectedByParser("match x:\n    case {**_}:\n        pass", "invalid syntax", 2, 13),
        Snippet.Accepted("match x:\n    case 1+2j | -1.5-2J | 0+0j:\n        pass"),
        Snippet.Accepted("match x:\n    case {**rest}:\n        pass"),
        Snippet.Accepted("match x:\n    case [*_] as y:\n        pass"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
