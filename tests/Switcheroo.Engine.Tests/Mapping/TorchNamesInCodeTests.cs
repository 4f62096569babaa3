using System.Text.RegularExpressions;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// What Switcheroo knows about the torch API is map data (docs/maps.md; issue 9): the engine's C#
/// names no torch API as data. A string literal in <c>src/Switcheroo.Engine</c> whose text is a
/// torch name (<c>"torch.nn."</c>, <c>"torch.device"</c>, the roots <c>"torch"</c> and
/// <c>"torchvision"</c>) fails this test unless it is listed below with its reason; diagnostic
/// message text (a literal with more than a name in it: <c>$"torch.Tensor.{name} has no mapping"</c>)
/// and comments are not data. The list may only shrink.
/// </summary>
public sealed partial class TorchNamesInCodeTests
{
    private static readonly (string File, string Literal, string Reason)[] Allowed =
    [
        ("Binding/TorchNames.cs", "torch",
            "the one definition of the source library: which imports are torch references at all; binding answers it for every stage, before and without maps (ARCHITECTURE.md)"),
        ("Binding/TorchNames.cs", "torchvision", "the same definition"),
        ("Mapping/EntryReader.cs", "torch", "the map format's key naming an entry's torch name, not a torch API"),
    ];

    /// <summary>A C# string literal, regular, verbatim or interpolated; a line comment after code is cut first.</summary>
    [GeneratedRegex("""\$?@?"((?:[^"\\]|\\.)*)"|//.*$""")]
    private static partial Regex Literal();

    /// <summary>A torch name: a root, or a dotted name under one (a prefix may end in a dot).</summary>
    [GeneratedRegex(@"^torch(vision)?(\.[A-Za-z0-9_.]*)?$")]
    private static partial Regex TorchName();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Hole();

    [Fact]
    public void TheEngineNamesNoTorchApiOutsideMessages()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "Switcheroo.Engine");
        var found = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(name => !name.StartsWith("obj/", StringComparison.Ordinal) && !name.StartsWith("bin/", StringComparison.Ordinal))
            .SelectMany(name => TorchLiterals(Path.Combine(folder, name)).Select(literal => $"{name}: \"{literal}\""))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var allowed = Allowed.Select(a => $"{a.File}: \"{a.Literal}\"").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(allowed, found);
    }

    [Theory]
    [InlineData("if (name == \"torch.device\") { }", "torch.device")]
    [InlineData("x.StartsWith(\"torch.nn.\", StringComparison.Ordinal)", "torch.nn.")]
    [InlineData("var m = $\"torch.nn.{name}\";", "torch.nn.")]
    [InlineData("Report($\"torch.Tensor.{name} has no mapping; kept as is\");", null)]
    [InlineData("// \"torch.optim\" in a comment", null)]
    [InlineData("var s = \"torch_input\"; // \"torch.nn.\"", null)]
    public void ALiteralIsATorchNameOnlyWhenItIsNothingElse(string line, string? expected)
    {
        Assert.Equal(expected is null ? Array.Empty<string>() : new[] { expected }, LiteralsOf(line).ToArray());
    }

    private static IEnumerable<string> TorchLiterals(string file) =>
        File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)).SelectMany(LiteralsOf);

    private static IEnumerable<string> LiteralsOf(string line)
    {
        foreach (Match match in Literal().Matches(line))
        {
            if (match.Value.StartsWith("//", StringComparison.Ordinal))
            {
                yield break;
            }
            // The text a literal holds with its interpolation holes emptied: "torch.nn.{x}" is the prefix torch.nn.
            var text = Hole().Replace(match.Groups[1].Value, string.Empty);
            if (TorchName().IsMatch(text))
            {
                yield return text;
            }
        }
    }
}
