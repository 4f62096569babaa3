using System.Text;
using System.Text.RegularExpressions;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// Turns bytes into <see cref="SourceText"/> following CPython's tokenizer: a UTF-8 BOM, else a
/// coding cookie (<c># -*- coding: latin-1 -*-</c>) on the first line, or on the second when the
/// first holds only a comment, else UTF-8. Unknown encodings, undecodable bytes and NUL bytes are
/// SWR2007 errors with CPython's message.
/// </summary>
public static partial class SourceDecoder
{
    internal static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static SourceDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [GeneratedRegex(@"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex CodingCookie();

    [GeneratedRegex(@"^[ \t\f]*(#.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex BlankOrComment();

    /// <summary>Decodes <paramref name="bytes"/>; on failure returns null and adds the error to <paramref name="diagnostics"/>.</summary>
    public static SourceText? Decode(string path, byte[] bytes, ICollection<Diagnostic> diagnostics)
    {
        bool bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var (cookie, cookieLine) = FindCookie(bytes, bom ? 3 : 0);
        Encoding encoding = Utf8;
        if (cookie is not null)
        {
            var normal = NormalName(cookie);
            if (bom && normal != "utf-8")
            {
                diagnostics.Add(Error(path, $"encoding problem: {cookie} with BOM", cookieLine));
                return null;
            }
            if (PythonCodecs.Find(normal) is not { } found)
            {
                diagnostics.Add(Error(path, $"unknown encoding: {cookie}", cookieLine));
                return null;
            }
            encoding = found;
        }
        string text;
        try
        {
            text = encoding.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            diagnostics.Add(DecodeError(path, bytes, e, cookie ?? "utf-8"));
            return null;
        }
        int nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            diagnostics.Add(Error(path, "source code cannot contain null bytes", LineOf(text, nul)));
            return null;
        }
        return new SourceText(path, text, encoding);
    }

    /// <summary>The cookie of line 1, or of line 2 when line 1 is blank or a comment (ASCII-only matching, as CPython).</summary>
    private static (string? Cookie, int Line) FindCookie(byte[] bytes, int start)
    {
        int lineStart = start;
        for (int line = 1; line <= 2 && lineStart < bytes.Length; line++)
        {
            int end = lineStart;
            while (end < bytes.Length && bytes[end] != '\n' && bytes[end] != '\r')
            {
                end++;
            }
            var text = Encoding.Latin1.GetString(bytes, lineStart, end - lineStart);
            var match = CodingCookie().Match(text);
            if (match.Success)
            {
                return (match.Groups[1].Value, line);
            }
            if (!BlankOrComment().IsMatch(text))
            {
                break;
            }
            lineStart = end < bytes.Length && bytes[end] == '\r' && end + 1 < bytes.Length && bytes[end + 1] == '\n' ? end + 2 : end + 1;
        }
        return (null, 0);
    }

    /// <summary>CPython's get_normal_name: utf-8 and latin-1 spellings collapse to one name.</summary>
    private static string NormalName(string cookie)
    {
        var name = cookie.ToLowerInvariant().Replace('_', '-');
        if (name == "utf-8" || name.StartsWith("utf-8-", StringComparison.Ordinal))
        {
            return "utf-8";
        }
        foreach (var latin in new[] { "latin-1", "iso-8859-1", "iso-latin-1" })
        {
            if (name == latin || name.StartsWith(latin + "-", StringComparison.Ordinal))
            {
                return "iso-8859-1";
            }
        }
        return name;
    }

    private static Diagnostic DecodeError(string path, byte[] bytes, DecoderFallbackException e, string codec)
    {
        int index = Math.Max(0, e.Index);
        var bad = e.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : bytes[Math.Min(index, bytes.Length - 1)];
        var reason = bad >= 0x80 && bad < 0xC0 ? "invalid start byte" : "invalid continuation byte";
        var line = 1 + bytes.Take(Math.Min(index, bytes.Length)).Count(b => b == '\n');
        return Error(path, $"(unicode error) '{codec}' codec can't decode byte 0x{bad:x2} in position {index}: {reason}", line);
    }

    private static int LineOf(string text, int index) => 1 + text.AsSpan(0, index).Count('\n');

    private static Diagnostic Error(string path, string message, int line) =>
        Diagnostic.At(DiagnosticCodes.Encoding, message, path, line, line > 0 ? 1 : 0);
}
