namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>What CPython's compiler rejects in case patterns (MatchPatternCheck).</summary>
public sealed class MatchPatternCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("match x:\n    case y:\n        pass\n    case 1:\n        pass", "name capture 'y' makes remaining patterns unreachable", 2, 10),
        Snippet.Rejected("match x:\n    case _:\n        pass\n    case 1:\n        pass", "wildcard makes remaining patterns unreachable", 2, 10),
        Snippet.Rejected("match x:\n    case a | b:\n        pass", "name capture 'a' makes remaining patterns unreachable", 2, 10),
        Snippet.Rejected("match x:\n    case 1 | x | 2:\n        pass", "name capture 'x' makes remaining patterns unreachable", 2, 14),
        Snippet.Rejected("match x:\n    case [x | 1]:\n        pass", "name capture 'x' makes remaining patterns unreachable", 2, 11),
        Snippet.Rejected("match x:\n    case (x) as y:\n        pass\n    case 1: pass", "name capture 'x' makes remaining patterns unreachable", 2, 11),
        Snippet.Rejected("match x:\n    case (1 | y) | 2:\n        pass", "name capture 'y' makes remaining patterns unreachable", 2, 15),
        Snippet.Rejected("match x:\n    case 1:\n        match y:\n            case _: pass\n            case 2: pass", "wildcard makes remaining patterns unreachable", 4, 18),
        Snippet.Rejected("match x:\n    case [a] | (b):\n        pass", "alternative patterns bind different names", 2, 17),
        Snippet.Rejected("match x:\n    case 1 | (2 | y):\n        pass", "alternative patterns bind different names", 2, 19),
        Snippet.Rejected("match x:\n    case [a, a]:\n        pass", "multiple assignments to name 'a' in pattern", 2, 14),
        Snippet.Rejected("match x:\n    case [*a, *b]:\n        pass", "multiple starred names in sequence pattern", 2, 10),
        Snippet.Rejected("match x:\n    case [*_, *_]:\n        pass", "multiple starred names in sequence pattern", 2, 10),
        Snippet.Rejected("match x:\n    case *a, *b:\n        pass", "multiple starred names in sequence pattern", 2, 10),
        Snippet.Rejected("match x:\n    case {1: x, 1: y}:\n        pass", "mapping pattern checks duplicate key (1)", 2, 10),
        Snippet.Rejected("match x:\n    case {1: x, True: y}:\n        pass", "mapping pattern checks duplicate key (True)", 2, 10),
        Snippet.Rejected("match x:\n    case {'a': x, \"a\": y}:\n        pass", "mapping pattern checks duplicate key ('a')", 2, 10),
        Snippet.Rejected("match x:\n    case {'a\\n': x, 'a\\x0a': y}:\n        pass", "mapping pattern checks duplicate key ('a\\n')", 2, 10),
        Snippet.Rejected("match x:\n    case {-1: x, -1.0: y}:\n        pass", "mapping pattern checks duplicate key (-1.0)", 2, 10),
        Snippet.Rejected("match x:\n    case {0x10: x, 16.0: y}:\n        pass", "mapping pattern checks duplicate key (16.0)", 2, 10),
        Snippet.Rejected("match x:\n    case {1+2j: x, 1+2j: y}:\n        pass", "mapping pattern checks duplicate key ((1+2j))", 2, 10),
        Snippet.Rejected("match x:\n    case {None: x, None: y}:\n        pass", "mapping pattern checks duplicate key (None)", 2, 10),
        Snippet.Rejected("match x:\n    case C(a=1, a=2):\n        pass", "attribute name repeated in class pattern: a", 2, 19),
        Snippet.Accepted("match x:\n    case y if y:\n        pass\n    case 1:\n        pass"),
        Snippet.Accepted("match x:\n    case (a, b) | (b, a):\n        pass"),
        Snippet.Accepted("match x:\n    case {a.b: x, a.b: y}:\n        pass"),
        Snippet.Accepted("match x:\n    case {b'a': x, 'a': y}:\n        pass"),
        Snippet.Accepted("match x:\n    case {0.5: x, 0.25: y}:\n        pass"),
        Snippet.Accepted("match x:\n    case [x, *_] | [*_, x]:\n        pass\n    case _:\n        pass"),
        Snippet.Accepted("match x:\n    case C(a=1, b=2) | C(b=1, a=2):\n        pass"),
        Snippet.Accepted("match x:\n    case {'k': v, **rest}:\n        pass\n    case {1: _, a.b: [c], **r,}:\n        pass\n    case {}:\n        pass\n"),
        Snippet.Accepted("match x:\n    case 1 | 2 | 3 as n:\n        pass\n    case (Point(x=0) | Point(y=0)) as p:\n        pass\n"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
