namespace Switcheroo.Engine.Emitting;

/// <summary>
/// The Python module converted files may import, <c>switcheroo_runtime.py</c>, shipped inside the
/// engine as an embedded resource so every adapter (the MSBuild task, the command line) writes the
/// same text as the engine it runs with.
/// </summary>
public static class RuntimeModule
{
    /// <summary>The module's file name; converted files import it as <c>switcheroo_runtime</c>.</summary>
    public const string FileName = "switcheroo_runtime.py";

    private static readonly Lazy<string> Content = new(Load);

    /// <summary>The module's source text (UTF-8, <c>\n</c> line ends).</summary>
    public static string Text => Content.Value;

    /// <summary>The module as written to disk: UTF-8 without a byte order mark.</summary>
    public static byte[] Bytes => System.Text.Encoding.UTF8.GetBytes(Content.Value);

    private static string Load()
    {
        using var stream = typeof(RuntimeModule).Assembly.GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"the engine assembly has no {FileName} resource");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
