using Switcheroo.Engine.Tests.Support;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// Statement and expression forms that a grammar gets wrong first: async, decorators, walrus,
/// lambdas and parameter lists, star targets and unpacking, annotations, <c>except*</c>, and the
/// 3.12 generics and <c>type</c> aliases. Each must parse and give back its exact text.
/// </summary>
public sealed class GrammarFormsTests
{
    /// <summary>Valid Python 3.11, so the local python3 can confirm each one.</summary>
    public static TheoryData<string> Forms => new()
    {
        // async def / for / with / await, async comprehensions
        "async def f():\n    async for x in y:\n        await x\n    async with a as b, c:\n        pass\n",
        "async def f():\n    r = [i async for i in g() if await i]\n    s = {await i for i in g()}\n    return await f() ** 2\n",
        "async def f():\n    async with (a as b, c as d,):\n        pass\n    return -await x, await x[0].y(), await (await z)\n",
        // decorators are arbitrary expressions (PEP 614)
        "@dec\n@dec.attr\n@dec(1, k=2)\n@x[0].y(z)\n@(lambda f: f)\n@a if b else c\n@x := y\ndef f(): pass\n",
        "@d\nclass C: pass\n\n@d\nasync def g(): pass\n",
        // walrus in if / while / comprehension conditions and arguments
        "if (n := len(a)) > 10:\n    pass\nwhile chunk := f.read(8):\n    pass\n",
        "r = [y for x in d if (y := f(x))]\nprint(z := 1)\nf(a, b := 2)\nx = [w := 1, w ** 2]\nx[y := 1]\n",
        // lambdas: defaults, *args, **kw, positional-only and keyword-only markers
        "f = lambda: 0\nf = lambda x, y=1, *args, z, w=2, **kw: x\nf = lambda a, /, b, *, c: a\n",
        "f = lambda *, k: k\nf = lambda *a: a\nf = lambda **k: k\nf = lambda a=lambda: 1: a\nf = lambda a, /: a\n",
        // positional-only parameters in def
        "def f(a, b, /, c, *, d): pass\ndef g(a, /): pass\ndef h(a=1, /, b=2, *args, c, **kw): pass\n",
        // star targets and unpacking
        "a, *b = c\n*a, b = c\n[a, *b] = c\n(a, *b), c = d\nfor a, *b in x: pass\n",
        "x = [*a, *b]\nx = {*a, *b}\nx = {**a, 'k': 1, **b}\nx = *a, *b\nx = (*a,)\n",
        "f(*a, **k)\nf(*a, *b, x, k=1, **c, **d)\nprint(*a, sep='')\nx[*a]\n",
        // annotations, with and without a value, on names, attributes and subscripts
        "x: int\nx: int = 1\nself.y: list[int] = []\na[0]: int\n(z): str = 's'\n",
        "def f(a: int, *args: str, b: 'T' = 1, **kw: dict) -> None: pass\n",
        "def f():\n    x: int = yield\n    y: tuple = 1, 2\n",
        // except* (PEP 654)
        "try:\n    pass\nexcept* ValueError:\n    pass\nexcept* (TypeError, KeyError) as eg:\n    pass\nelse:\n    pass\nfinally:\n    pass\n",
        // a mix of the rest
        "del a, b[0], c.d\nraise\nraise E from e\nassert x, 'm'\nimport a.b.c as d, e\nfrom . import x\nfrom ...a import (b as c, d,)\nfrom .a import *\n",
        "x = a if b else c\nx = not a\nx = a is not b\nx = a not in b\nx = a[1:2, ::3, ...]\nx = a @ b\nx @= b\nx //= 2\nx **= 2\n",
        "with (open(a) as f, open(b) as g):\n    pass\ndef g():\n    with (yield):\n        pass\n",
        "class C(A, B, metaclass=M, **kw):\n    def f(self): return super().f()\n",
        "def g():\n    global a, b\n    x = yield from g()\n    return (yield)\n",
    };

    /// <summary>Python 3.12 only: the installed python3 cannot check these.</summary>
    public static TheoryData<string> Forms312 => new()
    {
        "type X = int\n",
        "type L[T] = list[T]\ntype Rec = list[Rec] | None\ntype P[**P, *Ts, T: (int, str)] = Callable[P, T]\n",
        "def f[T, *Ts, **P](x: T) -> T: pass\n",
        "class C[T: int]: ...\nclass D[T: (int, str), *Ts, **P](Base[T], metaclass=M): pass\n",
        "async def f[T](x: T) -> T: return x\n",
        "def f(*args: *Ts): pass\n",
        "type = 3\ntype(x)\ntype.x = 1\n",
    };

    [Theory]
    [MemberData(nameof(Forms))]
    [MemberData(nameof(Forms312))]
    public void FormParsesAndRoundTrips(string source) => ParseAssert.Accepts(source);

    [Fact]
    public void CPythonAcceptsEveryPython311Form() =>
        Assert.Empty(CPythonVerdicts.Rejected(Forms.Column<string>()));

    [Fact]
    public void TypeAliasWithParametersIsATypeAliasStatement()
    {
        var tree = ParseAssert.Accepts("type L[T] = list[T]\n");
        var alias = Assert.IsType<PythonParser.Type_aliasContext>(tree.Root!.statement(0).simple_stmt(0));
        Assert.Equal("[T]", tree.Text(alias.type_params()));
        Assert.Equal("list[T]", tree.Text(alias.expression()));
    }

    [Fact]
    public void GenericFunctionKeepsItsTypeParameters()
    {
        var tree = ParseAssert.Accepts("def f[T, *Ts, **P](x: T) -> T: pass\n");
        var function = tree.Root!.statement(0).function_def();
        Assert.Equal(3, function.type_params().type_param().Length);
    }

    [Theory]
    [InlineData("async def f():\n  await -x\n", 2, 9)]
    [InlineData("async def f():\n  await await x\n", 2, 9)]
    [InlineData("async def f():\n  await ~x\n", 2, 9)]
    [InlineData("async def f():\n  await not x\n", 2, 9)]
    public void AwaitTakesOnlyAPrimary(string source, int line, int column) =>
        ParseAssert.Rejects(source, "SWR2001", line, column);

    [Theory]
    [InlineData("@dec\nx = 1\n", 2, 1)]
    [InlineData("async lambda: 1\n", 1, 7)]
    [InlineData("try:\n    pass\nexcept*:\n    pass\n", 3, 8)]
    public void MalformedFormsAreInvalidSyntax(string source, int line, int column) =>
        ParseAssert.Rejects(source, "SWR2001", line, column);
}
