using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>Every hook a map can name is in the table of docs/maps.md, and every name there is a hook.</summary>
public sealed class HookDocumentationTests
{
    private static readonly string Maps = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "maps.md"));

    [Fact]
    public void EveryHookIsDocumented() =>
        Assert.All(HookRegistry.BuiltIn.Names, name => Assert.Contains($"| `{name}` |", Maps));

    [Fact]
    public void EveryDocumentedHookExists()
    {
        var section = Maps[Maps.IndexOf("## Hooks", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n### ", StringComparison.Ordinal)];
        var documented = section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l[3..l.IndexOf('`', 3)]);
        Assert.All(documented, name => Assert.Contains(name, HookRegistry.BuiltIn.Names));
    }
}
