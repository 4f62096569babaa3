using System.Globalization;

namespace Switcheroo.Bench;

/// <summary>Command-line options shared by the commands; see <see cref="Usage"/>.</summary>
internal sealed class Options
{
    public const string Usage = """
        usage: Switcheroo.Bench COMMAND [options]

        commands:
          parse     warm throughput of PythonSyntax.Parse vs. CPython's ast.parse and compile() on the
                    stdlib corpus, single-threaded and on all cores, cold figures, peak memory;
                    prints Markdown tables for docs/performance.md
          split     where Switcheroo's time goes: decode / lex / SLL parse / LL re-parse / checks,
                    SLL->LL fallbacks (which files, which rules), per-decision prediction profile
          convert   conversion throughput with the built-in maps vs. parse-only, on torchvision's model
                    files and the stdlib corpus; cold (first pass) and warm
          scale     conversion time of one generated file against its number of classes and functions
                    (--pairs), with the ratio between sizes; flagged "loaded" when other work competed
          gc        what a single-threaded parse pass costs the GC, in counts the machine's load does not
                    change: bytes allocated, collections by generation and reason, bytes promoted, large-
                    object bytes, the heap after a full collection (retention), a sampled profile by type
          serve     worker for `parse` (variants): single-threaded passes on request, see Worker.cs
          corpus    print python's verdicts for its stdlib (save them and pass --files to skip this step)

        options:
          --iterations N           measured passes (parse: 5, split: 3)
          --warmup N               warm-up passes before measuring (parse: 2, split: 2; convert: 15 conversion passes over
                                   torchvision after the cold pass, so the warm rows compare tiered-up code with tiered-up code)
          --parallel-iterations N  parse: measured passes on all cores (3; 0 to skip)
          --cold-runs N            parse: fresh-process runs for the cold figures (2; 0 to skip)
          --python PATH            the CPython to compare with and take the corpus from (python3)
          --files FILE             corpus verdicts saved from `corpus` (else python is asked)
          --no-python              parse: Switcheroo only
          --no-compile             parse: skip the compile() comparison
          --markdown FILE          parse: also write the Markdown tables to FILE
          --variants LIST          parse: extra Switcheroo rows under other runtime settings, in child processes:
                                   server-gc-1heap, server-gc, gen0-64mb, comma-separated (default:
                                   server-gc, the CLI's settings; "none" for none)
          --no-profile             split: skip the (slow) per-decision prediction profile
          --pairs LIST             scale: sizes, comma-separated (1000,2000,4000)
          --once                   scale: convert each size once and print one line each (for callgrind);
                                   convert: --iterations passes over torchvision only, one line each (time, bytes allocated);
                                   parse: one pass in this process and a machine-readable line (cold runs)
          --stages                 convert: after the warm-up, --iterations passes over torchvision with every stage of the
                                   conversion metered (bytes allocated and time, each without its inner stages'; walks counted),
                                   and the module index of the same files
        """;

    public string Command { get; private set; } = "parse";
    public int Iterations { get; private set; } = -1;
    public int Warmup { get; private set; } = -1;
    public int ParallelIterations { get; private set; } = 3;
    public int ColdRuns { get; private set; } = 2;
    public string Python { get; private set; } = "python3";
    public string? FilesList { get; private set; }
    public bool NoPython { get; private set; }
    public bool NoCompile { get; private set; }
    public string? MarkdownOut { get; private set; }
    public bool NoProfile { get; private set; }
    public bool Once { get; private set; }
    public bool Stages { get; private set; }
    public IReadOnlyList<int> Pairs { get; private set; } = [1000, 2000, 4000];
    public IReadOnlyList<Variant> Variants { get; private set; } = Variant.Default;

    public static Options Parse(string[] args)
    {
        var options = new Options();
        int i = 0;
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            options.Command = args[i++];
        }
        string Value(string name) => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
        int Count(string name) => int.TryParse(Value(name), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw new ArgumentException($"{name} needs a number");
        for (; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--iterations": options.Iterations = Count(args[i]); break;
                case "--warmup": options.Warmup = Count(args[i]); break;
                case "--parallel-iterations": options.ParallelIterations = Count(args[i]); break;
                case "--cold-runs": options.ColdRuns = Count(args[i]); break;
                case "--python": options.Python = Value(args[i]); break;
                case "--files": options.FilesList = Value(args[i]); break;
                case "--no-python": options.NoPython = true; break;
                case "--no-compile": options.NoCompile = true; break;
                case "--markdown": options.MarkdownOut = Value(args[i]); break;
                case "--no-profile": options.NoProfile = true; break;
                case "--pairs": options.Pairs = Value(args[i]).Split(',').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw new ArgumentException("--pairs needs positive numbers")).ToList(); break;
                case "--once": options.Once = true; break;
                case "--stages": options.Stages = true; break;
                case "--variants": options.Variants = Variant.Parse(Value(args[i])); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (options.Iterations < 0)
        {
            options.Iterations = options.Command switch { "split" => 3, "gc" => 2, "scale" => 3, _ => 5 };
        }
        if (options.Warmup < 0)
        {
            options.Warmup = options.Command == "convert" ? 15 : 2;
        }
        if (options.Iterations < 1)
        {
            throw new ArgumentException("--iterations must be at least 1");
        }
        return options;
    }
}
