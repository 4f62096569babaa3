using System.Text;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// A Python file decoded as CPython decodes it (PEP 263: UTF-8 unless a BOM or a coding cookie on
/// line 1 or 2 says otherwise). <see cref="Text"/> keeps a byte order mark as U+FEFF, so
/// <c>Encoding.GetBytes(Text)</c> gives back the original bytes.
/// </summary>
public sealed class SourceText
{
    internal SourceText(string path, string text, Encoding encoding)
    {
        Path = path;
        Text = text;
        Encoding = encoding;
    }

    /// <summary>The path as given by the caller; diagnostics use it verbatim.</summary>
    public string Path { get; }

    public string Text { get; }

    /// <summary>The encoding the file was read with; it writes the same bytes back.</summary>
    public Encoding Encoding { get; }

    /// <summary>Source given as a string (tests, tools): UTF-8.</summary>
    public static SourceText FromString(string text, string path = "<string>") =>
        new(path, text, SourceDecoder.Utf8);
}
