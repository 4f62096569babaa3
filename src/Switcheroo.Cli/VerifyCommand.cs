using System.Globalization;
using Switcheroo.Engine;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Emitting;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Session;
using Switcheroo.Engine.Verification;

namespace Switcheroo.Cli;

/// <summary>
/// <c>switcheroo verify FILE.torch.py...</c>: converts the files into a temporary folder through
/// the same <see cref="ConversionSession"/> as <c>convert</c> (files of one source folder share an
/// output folder, so they import each other as they do), writes the runtime module and the
/// verification driver (<see cref="VerifyDriver"/>) there, and runs the driver with Python, which
/// compares every constructible module class with its converted Flax module and prints the table
/// (docs/fidelity.md). The exit status is the driver's: 0 all compared classes match, 1 a mismatch,
/// an error or a file that did not convert, 2 a usage error or a missing Python package.
/// </summary>
internal static class VerifyCommand
{
    public const string Help = """
        usage: switcheroo verify FILE... [--python PATH] [--examples FILE.json] [--map FILE]...
                                 [--rtol R] [--atol A] [--torch-only] [--save DIR] [--keep]

        Converts each PyTorch file (X.torch.py or X.py; a directory: every *.py below it) into a
        temporary folder and checks, with torch and JAX, that every nn.Module class of the file
        computes the same as its converted Flax module: the torch module (eval mode) and the
        converted one, loaded with torch's weights through switcheroo_runtime.KeyMapper, run on the
        same random input; outputs and gradients (of the input and of every parameter) must agree
        within |jax - torch| <= atol + rtol * |torch|. Prints one table: file, class, status
        (ok, MISMATCH, ERROR, skipped, torch only), max abs diff, tolerance.

        A class is checked when its constructor runs with its defaults, or with the example the file
        gives in a module-level dict:
            SWITCHEROO_EXAMPLES = {"Net": {"args": [10], "kwargs": {"hidden": 64},
                                           "input_shape": [2, 3, 32, 32]}}
        ("factory": "make_net" builds it with a function of the file instead; "input_dtype": "int64"
        and "input_high" draw integer inputs). Without input_shape, the shape comes from the first
        layer: Linear -> (2, in_features), Conv2d -> (2, in_channels, S, S) for S = 32, 28, 64, 224
        (the first size torch accepts). Classes that cannot be built or fed are skipped, with why.

        options:
          --python PATH       the Python with numpy, torch, jax, flax and optax (default: python3)
          --examples FILE     a JSON file of examples for files that cannot carry them:
                              {"net.torch.py": {"Net": {...}}} (a key is a file name or the end of
                              a path, e.g. "models/net.torch.py")
          --map FILE          a user map, as for convert
          --rtol R, --atol A  the tolerance (default: rtol 1e-4, atol 1e-5, float32)
          --torch-only        run the torch half alone (no JAX needed): classes are reported as
                              "torch only", never as ok
          --save DIR          keep the torch half's inputs, weights, outputs and gradients (.npz)
          --keep              keep the temporary folder (converted files, driver) and print it

        exit status: 0 when every compared class matches, 1 on a mismatch, an error or a file that
        did not convert, 2 for a usage error or when Python lacks torch, jax, flax or optax
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var options = VerifyOptions.Parse(args, out var usage);
        if (options is null)
        {
            error.WriteLine($"switcheroo verify: {usage}");
            error.WriteLine(Help);
            return 2;
        }
        if (options.Help)
        {
            output.WriteLine(Help);
            return 0;
        }
        var folder = Directory.CreateTempSubdirectory("switcheroo-verify-").FullName;
        try
        {
            return Verify(options, folder, output, error);
        }
        finally
        {
            if (options.Keep)
            {
                output.WriteLine($"kept: {folder}");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static int Verify(VerifyOptions options, string folder, TextWriter output, TextWriter error)
    {
        var driver = Path.Combine(folder, VerifyDriver.FileName);
        File.WriteAllText(driver, VerifyDriver.Text);
        File.WriteAllText(Path.Combine(folder, RuntimeModule.FileName), RuntimeModule.Text);
        var prerequisites = DriverProcess.Run(options.Python, Prerequisites(driver, options), output, error);
        if (prerequisites != 0)
        {
            return prerequisites;
        }
        var problems = new List<Diagnostic>();
        var files = InputDiscovery.Expand(options.Inputs, problems);
        var pairs = Pairs(files, Path.Combine(folder, "converted"));
        var mapSet = MapCatalog.Load(MapCatalog.BuiltInFolder, options.Maps, HookRegistry.BuiltIn.Signatures, problems);
        var report = problems.Any(p => p.Severity == Severity.Error)
            ? new SessionReport(Array.Empty<FileOutcome>(), Array.Empty<Diagnostic>())
            : Convert(mapSet, pairs.Select(p => p.Input).ToList(), Path.Combine(folder, "converted"));
        foreach (var diagnostic in problems.Concat(report.Diagnostics))
        {
            output.WriteLine(diagnostic);
        }
        if (problems.Any(p => p.Severity == Severity.Error) || pairs.Count == 0)
        {
            return 1;
        }
        int compared = DriverProcess.Run(options.Python, DriverArguments(driver, folder, options, pairs), output, error);
        return compared == 0 && report.Count(Severity.Error) > 0 ? 1 : compared;
    }

    /// <summary>
    /// Each source with its output in the temporary folder: one subfolder per source folder, so
    /// sources of one folder import each other and equal names in different folders do not collide.
    /// </summary>
    private static List<(string Given, SourceInput Input)> Pairs(IReadOnlyList<(string File, string Relative)> files, string root)
    {
        var folders = new Dictionary<string, string>(OutputNaming.PathComparer);
        var pairs = new List<(string, SourceInput)>();
        foreach (var (file, _) in files)
        {
            var source = Path.GetFullPath(file);
            var sourceFolder = Path.GetDirectoryName(source)!;
            if (!folders.TryGetValue(sourceFolder, out var name))
            {
                name = folders.Count.ToString(CultureInfo.InvariantCulture);
                folders.Add(sourceFolder, name);
            }
            var relative = Path.Combine(name, OutputNaming.RelativeOutput(Path.GetFileName(source)));
            pairs.Add((file, new SourceInput(source, Path.Combine(root, relative), OutputNaming.ModulePath(relative))));
        }
        return pairs;
    }

    private static SessionReport Convert(MapSet maps, List<SourceInput> inputs, string root)
    {
        var store = new OutputStore(root, OutputRecord.Load(Path.Combine(root, ConvertCommand.RecordName)));
        var session = new ConversionSession(new Pipeline(maps, HookRegistry.BuiltIn), store, new SessionOptions { WriteRuntimeModules = true });
        return session.Run(inputs);
    }

    private static List<string> Prerequisites(string driver, VerifyOptions options)
    {
        var arguments = new List<string> { driver, "--check" };
        if (options.TorchOnly)
        {
            arguments.Add("--torch-only");
        }
        return arguments;
    }

    private static List<string> DriverArguments(string driver, string folder, VerifyOptions options, List<(string Given, SourceInput Input)> pairs)
    {
        var arguments = new List<string>
        {
            driver, "--runtime", Path.Combine(folder, RuntimeModule.FileName), "--work", Path.Combine(folder, "work"),
            "--rtol", options.Rtol.ToString("R", CultureInfo.InvariantCulture), "--atol", options.Atol.ToString("R", CultureInfo.InvariantCulture),
        };
        if (options.TorchOnly)
        {
            arguments.Add("--torch-only");
        }
        if (options.Examples is not null)
        {
            arguments.AddRange(["--examples", Path.GetFullPath(options.Examples)]);
        }
        if (options.Save is not null)
        {
            arguments.AddRange(["--save", Path.GetFullPath(options.Save)]);
        }
        foreach (var (given, input) in pairs)
        {
            arguments.AddRange(["--pair", given, input.Output]);
        }
        return arguments;
    }
}
