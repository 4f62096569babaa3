using System.Globalization;
using System.Text;

namespace Switcheroo.Bench;

/// <summary>
/// One synthetic PyTorch file of <c>pairs</c> small module classes, each followed by a helper
/// function: the shape that exposes conversion work growing with the number of classes or
/// functions in a file rather than with its size.
/// </summary>
internal static class ScaleSource
{
    public const int HeaderLines = 4;

    public const int LinesPerPair = 16;

    private const string Header = """
        import torch
        import torch.nn as nn


        """;

    public static string Text(int pairs)
    {
        var text = new StringBuilder(Header, Header.Length + pairs * 420);
        for (int i = 0; i < pairs; i++)
        {
            AppendPair(text, i.ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public static byte[] Bytes(int pairs) => Encoding.UTF8.GetBytes(Text(pairs));

    private static void AppendPair(StringBuilder text, string i) => text
        .Append("class MLP").Append(i).Append("(nn.Module):\n")
        .Append("    def __init__(self, features=").Append(i).Append(" % 7 + 8):\n")
        .Append("        super().__init__()\n")
        .Append("        self.hidden = nn.Linear(features, 32)\n")
        .Append("        self.out = nn.Linear(32, 10)\n")
        .Append('\n')
        .Append("    def forward(self, x):\n")
        .Append("        x = torch.relu(self.hidden(x))\n")
        .Append("        return self.out(x)\n")
        .Append("\n\n")
        .Append("def helper").Append(i).Append("(x):\n")
        .Append("    y = torch.relu(x)\n")
        .Append("    return y.sum(dim=0)\n")
        .Append("\n\n");
}
