using System.Text.RegularExpressions;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Finds keyword arguments in a template's text (<c>kernel_init=switcheroo_runtime.torch_kernel_init</c>):
/// where a keyword's value starts and ends, so an initializer can replace the value a template
/// writes, or join the template's last keyword argument. Brackets and the template's own
/// <c>{...}</c> placeholders nest; a value ends at a comma or a closing bracket at its own depth.
/// </summary>
internal static partial class TemplateKeywords
{
    [GeneratedRegex(@"(?<![\w.=!<>])([A-Za-z_]\w*)=(?!=)")]
    private static partial Regex Keyword();

    public static bool HasKeyword(string template) => Keyword().IsMatch(template);

    /// <summary>The span of the value the template gives <paramref name="name"/>, or null.</summary>
    public static (int Start, int End)? Value(string template, string name)
    {
        foreach (Match match in Keyword().Matches(template))
        {
            if (match.Groups[1].Value == name)
            {
                int start = match.Index + match.Length;
                return (start, ValueEnd(template, start));
            }
        }
        return null;
    }

    /// <summary>Where the template's last keyword argument's value ends (an argument may join after it), or -1.</summary>
    public static int AfterLastKeyword(string template)
    {
        var matches = Keyword().Matches(template);
        return matches.Count == 0 ? -1 : ValueEnd(template, matches[^1].Index + matches[^1].Length);
    }

    private static int ValueEnd(string template, int start)
    {
        int depth = 0;
        char quote = '\0';
        for (int i = start; i < template.Length; i++)
        {
            char c = template[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }
            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}' when depth == 0:
                    return i;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    return i;
            }
        }
        return template.Length;
    }
}
