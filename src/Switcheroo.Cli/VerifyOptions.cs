using System.Globalization;

namespace Switcheroo.Cli;

/// <summary>The arguments of <c>switcheroo verify</c>, parsed; a problem is a usage message (exit 2).</summary>
internal sealed class VerifyOptions
{
    public List<string> Inputs { get; } = new();

    public List<string> Maps { get; } = new();

    public string Python { get; private set; } = "python3";

    public string? Examples { get; private set; }

    public string? Save { get; private set; }

    public double Rtol { get; private set; } = 1e-4;

    public double Atol { get; private set; } = 1e-5;

    public bool TorchOnly { get; private set; }

    public bool Keep { get; private set; }

    public bool Help { get; private set; }

    private static readonly string[] WithValue = { "--python", "--examples", "--map", "--save", "--rtol", "--atol" };

    public static VerifyOptions? Parse(IReadOnlyList<string> args, out string usage)
    {
        var options = new VerifyOptions();
        usage = string.Empty;
        bool named = true;
        for (int i = 0; i < args.Count && usage.Length == 0; i++)
        {
            var arg = args[i];
            if (named && WithValue.Contains(arg) && i + 1 >= args.Count)
            {
                usage = $"{arg} needs a value";
            }
            else if (named && WithValue.Contains(arg))
            {
                usage = options.Set(arg, args[++i]);
            }
            else if (named && arg is "--torch-only" or "--keep" or "-h" or "--help" or "--")
            {
                options.Flag(arg, ref named);
            }
            else if (named && arg.StartsWith('-') && arg.Length > 1)
            {
                usage = $"unknown option '{arg}' (a path that starts with '-' goes after '--')";
            }
            else
            {
                options.Inputs.Add(arg);
            }
        }
        if (usage.Length == 0 && !options.Help && options.Inputs.Count == 0)
        {
            usage = "give at least one file or directory";
        }
        return usage.Length == 0 ? options : null;
    }

    private string Set(string option, string value)
    {
        switch (option)
        {
            case "--python": Python = value; break;
            case "--examples": Examples = value; break;
            case "--map": Maps.Add(value); break;
            case "--save": Save = value; break;
            case "--rtol": return Tolerance(option, value, v => Rtol = v);
            case "--atol": return Tolerance(option, value, v => Atol = v);
        }
        return string.Empty;
    }

    private void Flag(string flag, ref bool named)
    {
        switch (flag)
        {
            case "--torch-only": TorchOnly = true; break;
            case "--keep": Keep = true; break;
            case "--": named = false; break;
            default: Help = true; break;
        }
    }

    private static string Tolerance(string option, string value, Action<double> set)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || number < 0)
        {
            return $"{option} needs a number >= 0, not '{value}'";
        }
        set(number);
        return string.Empty;
    }
}
