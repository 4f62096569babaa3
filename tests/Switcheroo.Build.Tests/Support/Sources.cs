namespace Switcheroo.Build.Tests.Support;

/// <summary>Small PyTorch files the tests convert, each named for what it provokes.</summary>
public static class Sources
{
    public const string Mlp = """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F


        class MLP(nn.Module):
            def __init__(self, features: int = 784, hidden: int = 256):
                super().__init__()
                self.fc1 = nn.Linear(features, hidden)
                self.fc2 = nn.Linear(hidden, 10)

            def forward(self, x):
                return self.fc2(F.relu(self.fc1(x)))

        """;

    public const string Functions = "import torch\n\n\ndef scale(x):\n    return torch.exp(x) * 2\n";

    /// <summary>SWR3001 at (5,12): torch.fft.fft has no built-in mapping.</summary>
    public const string Unmapped = "import torch\n\n\ndef spectrum(x):\n    return torch.fft.fft(x)\n";

    /// <summary>SWR2003 at (4,19): the bracket is never closed.</summary>
    public const string SyntaxError = "import torch\n\n\ndef broken(x):\n    return (x +\n";

    /// <summary>A user map that gives torch.fft.fft a mapping.</summary>
    public const string FftMap = """
        version: 1
        entries:
          - {torch: torch.fft.fft, params: [input], target: jax.numpy.fft.fft, args: {input: "@0"}, returns: tensor}

        """;
}
