using Switcheroo.Cli;

namespace Switcheroo.Engine.Tests.Support;

/// <summary>Runs the <c>switcheroo</c> command in-process: its exit status, its output lines (blank ones dropped) and what it wrote to stderr.</summary>
public static class CliRunner
{
    public static (int Exit, string[] Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(args, output, error);
        return (exit, output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }
}
