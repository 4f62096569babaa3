namespace Switcheroo.Cli;

/// <summary>The <c>switcheroo</c> command: dispatches to its sub-commands.</summary>
public static class CommandLine
{
    private const string Usage = """
        usage: switcheroo <command> [arguments]

        commands:
          check PATH...   parse Python files and report syntax errors as
                          path(line,col): error SWR2xxx: message
          convert PATH... --out DIR [--map FILE]...
                          convert PyTorch files to Flax/Optax: X.torch.py or X.py becomes
                          DIR/<relative path>/X.py; --map adds a user map (after the built-in ones).
                          DIR may not be an input folder or inside one; a file in DIR that
                          Switcheroo did not write is never replaced (DIR/.switcheroo-outputs
                          records what it wrote)
          verify FILE... [--python PATH] [--examples FILE.json] [--torch-only] ...
                          convert into a temporary folder and check, with torch and JAX, that
                          every nn.Module class computes the same outputs and gradients as its
                          converted Flax module (switcheroo verify --help)

        A directory stands for every *.py below it, except in bin/, obj/, __pycache__/,
        node_modules/ and hidden folders. A path starting with '-' goes after '--'.

        exit status: 0 when no file has an error, 1 otherwise, 2 for a usage error
        (verify: 1 also on a mismatch, 2 also when Python lacks torch, jax, flax or optax)
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? error : output).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] == "--version")
        {
            output.WriteLine(typeof(CommandLine).Assembly.GetName().Version?.ToString(3));
            return 0;
        }
        return args[0] switch
        {
            "check" => Check(args[1..], output, error),
            "convert" => ConvertCommand.Run(args[1..], output, error),
            "verify" => VerifyCommand.Run(args[1..], output, error),
            _ => UsageError(error, $"unknown command '{args[0]}'"),
        };
    }

    private static int Check(string[] args, TextWriter output, TextWriter error)
    {
        int end = Array.IndexOf(args, "--");
        var options = end < 0 ? args : args[..end];
        if (options.FirstOrDefault(a => a.StartsWith('-') && a.Length > 1) is { } option)
        {
            return UsageError(error, $"check: unknown option '{option}' (a path that starts with '-' goes after '--')");
        }
        var paths = end < 0 ? args : args[..end].Concat(args[(end + 1)..]).ToArray();
        return paths.Length == 0 ? UsageError(error, "check: give at least one file or directory") : CheckCommand.Run(paths, output);
    }

    private static int UsageError(TextWriter error, string message)
    {
        error.WriteLine($"switcheroo: {message}");
        error.WriteLine(Usage);
        return 2;
    }
}
