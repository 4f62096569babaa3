using System.Text;

namespace Switcheroo.Engine.Parsing;

/// <summary>Python codec names (and their common aliases) mapped to .NET encodings.</summary>
internal static class PythonCodecs
{
    private static readonly Dictionary<string, Func<Encoding>> Aliases = new(StringComparer.Ordinal)
    {
        ["utf8"] = () => SourceDecoder.Utf8,
        ["u8"] = () => SourceDecoder.Utf8,
        ["utf"] = () => SourceDecoder.Utf8,
        ["cp65001"] = () => SourceDecoder.Utf8,
        ["iso88591"] = Strict(28591),
        ["latin1"] = Strict(28591),
        ["latin"] = Strict(28591),
        ["l1"] = Strict(28591),
        ["cp819"] = Strict(28591),
        ["ascii"] = Strict(20127),
        ["usascii"] = Strict(20127),
        ["646"] = Strict(20127),
    };

    /// <summary>The encoding for a Python codec name, or null when Python would not know it either.</summary>
    public static Encoding? Find(string name)
    {
        var key = name.Replace("-", string.Empty).Replace("_", string.Empty).Replace(" ", string.Empty);
        if (Aliases.TryGetValue(key, out var make))
        {
            return make();
        }
        try
        {
            var found = Encoding.GetEncoding(name);
            return Encoding.GetEncoding(found.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Func<Encoding> Strict(int codePage) =>
        () => Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
}
