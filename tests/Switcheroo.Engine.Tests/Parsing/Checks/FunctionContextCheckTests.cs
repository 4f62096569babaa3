namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>return, yield, await and async constructs outside the functions that allow them (FunctionContextCheck).</summary>
public sealed class FunctionContextCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("return", "'return' outside function", 1, 1),
        Snippet.Rejected("class C:\n    return 1", "'return' outside function", 2, 5),
        Snippet.Rejected("def f():\n    class C:\n        return", "'return' outside function", 3, 9),
        Snippet.Rejected("while 0:\n    return", "'return' outside function", 2, 5),
        Snippet.Rejected("yield", "'yield' outside function", 1, 1),
        Snippet.Rejected("class C:\n    yield 1", "'yield' outside function", 2, 5),
        Snippet.Rejected("x = [i for i in (yield)]", "'yield' outside function", 1, 18),
        Snippet.Rejected("def f(a=(yield)): pass", "'yield' outside function", 1, 10),
        Snippet.Rejected("class C(metaclass=(yield)): pass", "'yield' outside function", 1, 20),
        Snippet.Rejected("@(yield)\ndef f(): pass", "'yield' outside function", 1, 3),
        Snippet.Rejected("x: (yield)", "'yield' outside function", 1, 5),
        Snippet.Rejected("def f(a: (yield)): pass", "'yield' outside function", 1, 11),
        Snippet.Rejected("await x", "'await' outside function", 1, 1),
        Snippet.Rejected("def f():\n    await x", "'await' outside async function", 2, 5),
        Snippet.Rejected("async def f():\n    lambda: await x", "'await' outside async function", 2, 13),
        Snippet.Rejected("async def f():\n    def g():\n        await x", "'await' outside async function", 3, 9),
        Snippet.Rejected("async def f():\n    class C:\n        await x", "'await' outside function", 3, 9),
        Snippet.Rejected("(x for y in await z)", "'await' outside function", 1, 13),
        Snippet.Rejected("def f():\n    [x for y in await z]", "'await' outside async function", 2, 17),
        Snippet.Rejected("def f(a=await x): pass", "'await' outside function", 1, 9),
        Snippet.Rejected("async with a: pass", "'async with' outside async function", 1, 1),
        Snippet.Rejected("def f():\n    async for a in b: pass", "'async for' outside async function", 2, 5),
        Snippet.Rejected("async def f():\n    class C:\n        async for a in b: pass", "'async for' outside async function", 3, 9),
        Snippet.Rejected("[x async for y in z]", "asynchronous comprehension outside of an asynchronous function", 1, 1),
        Snippet.Rejected("def f():\n    [await x for y in z]", "asynchronous comprehension outside of an asynchronous function", 2, 5),
        Snippet.Rejected("def f():\n    {x: y async for y in z}", "asynchronous comprehension outside of an asynchronous function", 2, 5),
        Snippet.Rejected("def f():\n    [[await x for a in b] for y in z]", "asynchronous comprehension outside of an asynchronous function", 2, 5),
        Snippet.Rejected("def f():\n    [x for y in [await a for a in b]]", "asynchronous comprehension outside of an asynchronous function", 2, 17),
        Snippet.Rejected("async def f():\n    lambda: [x async for y in z]", "asynchronous comprehension outside of an asynchronous function", 2, 13),
        Snippet.Rejected("async def f():\n    class C:\n        [x async for y in z]", "asynchronous comprehension outside of an asynchronous function", 3, 9),
        Snippet.Rejected("async def f():\n    yield 1\n    return 2", "'return' with value in async generator", 3, 5),
        Snippet.Rejected("async def f():\n    return 2\n    yield 1", "'return' with value in async generator", 2, 5),
        Snippet.Rejected("async def f():\n    x = (y for y in (yield))\n    return 1", "'return' with value in async generator", 3, 5),
        Snippet.Rejected("async def f():\n    yield from x", "'yield from' inside async function", 2, 5),
        Snippet.Rejected("async def f():\n    [x for x in (yield from y)]", "'yield from' inside async function", 2, 18),
        Snippet.Accepted("def f():\n    return 1"),
        Snippet.Accepted("x = lambda: (yield)"),
        Snippet.Accepted("class C:\n    lambda: (yield)"),
        Snippet.Accepted("def f():\n    [x for x in (yield)]"),
        Snippet.Accepted("async def f():\n    await x"),
        Snippet.Accepted("async def f():\n    [await x for y in z]"),
        Snippet.Accepted("async def f():\n    [x async for y in z]"),
        Snippet.Accepted("(await x for y in z)"),
        Snippet.Accepted("def f():\n    (x async for y in z)"),
        Snippet.Accepted("def f():\n    ([await x for a in b] for y in z)"),
        Snippet.Accepted("def f():\n    [(await x for a in b) for y in z]"),
        Snippet.Accepted("async def f():\n    [[x async for a in b] for y in z]"),
        Snippet.Accepted("async def g():\n    def f(a=await x): pass"),
        Snippet.Accepted("def g():\n    def f(a: (yield)): pass"),
        Snippet.Accepted("def f():\n    x: await y"),
        Snippet.Accepted("def f():\n    x: (yield)"),
        Snippet.Accepted("from __future__ import annotations\nclass C:\n    x: f(a=1, a=2)"),
        Snippet.Accepted("async def f():\n    return\n    yield 1"),
        Snippet.Accepted("async def f():\n    yield\n    def g():\n        return 1"),
        Snippet.Accepted("async def f():\n    x = lambda: (yield)\n    return 1"),
        Snippet.Accepted("def f():\n    yield from x\n    return 1"),
        Snippet.Accepted("async def f():\n    async with a: pass\n    async for b in c: pass"),
        Snippet.Accepted("async def f():\n    lambda: (yield from x)"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
