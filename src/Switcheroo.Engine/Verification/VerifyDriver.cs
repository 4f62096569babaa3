namespace Switcheroo.Engine.Verification;

/// <summary>
/// The Python script that checks converted modules against their torch originals,
/// <c>switcheroo_verify.py</c> (docs/fidelity.md). It is shipped inside the engine as an embedded
/// resource, as the runtime module is, so <c>switcheroo verify</c> writes out the driver that
/// matches the engine it converted with; the MSBuild package also carries it as a file in its task
/// folder for the <c>SwitcherooVerify</c> target.
/// </summary>
public static class VerifyDriver
{
    /// <summary>The script's file name.</summary>
    public const string FileName = "switcheroo_verify.py";

    private static readonly Lazy<string> Content = new(Load);

    /// <summary>The script's source text (UTF-8, <c>\n</c> line ends).</summary>
    public static string Text => Content.Value;

    private static string Load()
    {
        using var stream = typeof(VerifyDriver).Assembly.GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"the engine assembly has no {FileName} resource");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
