using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Binding;

/// <summary>
/// Whether an attribute is stored into, a part of a target, or only read: the one answer the
/// analyses and rewrites ask (which fields a class assigns, which layer attributes are read).
/// The attribute examined is the one spelled <c>self.w</c>.
/// </summary>
public sealed class AssignmentTargetsTests
{
    [Theory]
    [InlineData("self.w = v", "Stored")]
    [InlineData("self.w += v", "Stored")]
    [InlineData("self.w: int = v", "Stored")]
    [InlineData("self.w: int", "Stored")]
    [InlineData("a = self.w = v", "Stored")]
    [InlineData("self.w = a = v", "Stored")]
    [InlineData("a, self.w = v", "Stored")]
    [InlineData("(a, *self.w) = v", "Stored")]
    [InlineData("[self.w, a] = v", "Stored")]
    [InlineData("(self.w) = v", "Stored")]
    [InlineData("del self.w", "Stored")]
    [InlineData("for self.w in v: pass", "Stored")]
    [InlineData("with f() as self.w: pass", "Stored")]
    [InlineData("x = [0 for self.w in v]", "Stored")]
    [InlineData("self.w[0] = v", "WithinTarget")]
    [InlineData("self.w.data = v", "WithinTarget")]
    [InlineData("x[self.w] = v", "WithinTarget")]
    [InlineData("del x[self.w]", "WithinTarget")]
    [InlineData("x = self.w", "Read")]
    [InlineData("a = b = self.w", "Read")]
    [InlineData("x += self.w", "Read")]
    [InlineData("x: self.w = v", "Read")]
    [InlineData("self.w(v)", "Read")]
    [InlineData("self.w == v", "Read")]
    [InlineData("for x in self.w: pass", "Read")]
    [InlineData("with self.w as x: pass", "Read")]
    [InlineData("if self.w: pass", "Read")]
    [InlineData("x = lambda: self.w", "Read")]
    public void RoleOfTheAttribute(string statement, string expected)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString($"def f(self, v, x, a):\n    {statement}\n"));
        Assert.True(tree.Root is not null, string.Join("\n", tree.Diagnostics));
        var attribute = ParseTrees.Descendants<PythonParser.AttributeExprContext>(tree.Root!).Single(a => a.GetText() == "self.w");
        Assert.Equal(expected, AssignmentTargets.RoleOf(attribute).Role.ToString());
    }
}
