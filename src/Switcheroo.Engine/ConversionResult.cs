using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine;

/// <summary>
/// The outcome for one file: the converted text (null when an error prevents writing it) and
/// every diagnostic. A file with nothing to convert comes back byte-identical.
/// </summary>
public sealed record ConversionResult(string Path, string? Output, IReadOnlyList<Diagnostic> Diagnostics, System.Text.Encoding Encoding)
{
    /// <summary>Torch references and tensor method calls converted without a warning.</summary>
    public int ConvertedSites { get; init; }

    /// <summary>What the self-check found in <see cref="Output"/>, reported code included (<see cref="Checking.SelfCheck"/>).</summary>
    public IReadOnlyList<Checking.SelfCheckHit> SelfCheckHits { get; init; } = [];

    public bool Succeeded => Output is not null;

    public int Count(Severity severity) => Diagnostics.Count(d => d.Severity == severity);
}
