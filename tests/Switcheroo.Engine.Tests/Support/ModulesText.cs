namespace Switcheroo.Engine.Tests.Support;

/// <summary>The modules file's text without its constructors' lines (<c>%</c>), for tests about the classes' facts.</summary>
internal static class ModulesText
{
    public static string WithoutConstructors(this string text) =>
        string.Concat(text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("%\t", StringComparison.Ordinal)).Select(l => l + "\n"));
}
