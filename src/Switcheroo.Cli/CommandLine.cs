namespace Switcheroo.Cli;

/// <summary>The <c>switcheroo</c> command: dispatches to its sub-commands.</summary>
public static class CommandLine
{
    private const string Usage = """
        usage: switcheroo <command> [arguments]

        commands:
          check PATH...   parse Python files (directories: every *.py below them) and report
                          syntax errors as path(line,col): error SWR2xxx: message
          convert PATH... --out DIR [--map FILE]...
                          convert PyTorch files to Flax/Optax: X.torch.py or X.py becomes
                          DIR/<relative path>/X.py; --map adds a user map (after the built-in ones)

        exit status: 0 when no file has an error, 1 otherwise, 2 for a usage error
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
            "check" when args.Length > 1 => CheckCommand.Run(args[1..], output),
            "check" => UsageError(error, "check: give at least one file or directory"),
            "convert" => ConvertCommand.Run(args[1..], output, error),
            _ => UsageError(error, $"unknown command '{args[0]}'"),
        };
    }

    private static int UsageError(TextWriter error, string message)
    {
        error.WriteLine($"switcheroo: {message}");
        error.WriteLine(Usage);
        return 2;
    }
}
