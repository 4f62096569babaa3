using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Golden;

/// <summary>
/// A golden case folder: <c>input.torch.py</c>, <c>expected.flax.py</c> (the exact output) and
/// optionally <c>expected.diagnostics</c> (one <c>line,col: severity CODE: message</c> per line).
/// With SWITCHEROO_UPDATE_GOLDEN=1 the expectations are rewritten from the actual results, for
/// review in the diff.
/// </summary>
public sealed record GoldenCase(string Name)
{
    public string Folder => Path.Combine(RepositoryPaths.GoldenCases, Name);

    public string InputPath => Path.Combine(Folder, "input.torch.py");

    public string ExpectedPath => Path.Combine(Folder, "expected.flax.py");

    public string DiagnosticsPath => Path.Combine(Folder, "expected.diagnostics");

    public static bool Updating => Environment.GetEnvironmentVariable("SWITCHEROO_UPDATE_GOLDEN") == "1";

    public static IEnumerable<object[]> All() =>
        Directory.EnumerateDirectories(RepositoryPaths.GoldenCases)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name! });

    public override string ToString() => Name;
}
