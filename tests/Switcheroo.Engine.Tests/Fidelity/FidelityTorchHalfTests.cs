using System.Diagnostics;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Fidelity;

/// <summary>
/// The torch half of the fidelity suite (tests/fidelity/, docs/fidelity.md) as CI runs it, where
/// JAX cannot be installed: <c>switcheroo verify --torch-only</c> over the golden cases' inputs, the
/// sample's models and torchvision's classification models converts every file, builds each torch
/// module, and saves its input, weights, outputs and gradients. Every row is "torch only" or
/// "skipped" with its reason, never "ok": the JAX half runs only where JAX is installed
/// (tests/fidelity/run-on-device.sh).
/// </summary>
public sealed class FidelityTorchHalfTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Rows the torch half must complete: the end of the source path, and the class or example name.</summary>
    private static readonly (string File, string Name)[] Completed =
    {
        ("checkpoints/input.torch.py", "Net"),
        ("module_batchnorm_dropout/input.torch.py", "Net"),
        ("module_batchnorm_dropout/input.torch.py", "Block"),
        ("module_cnn/input.torch.py", "SmallCNN"),
        ("module_handwritten_batchnorm/input.torch.py", "MyBatchNorm"),
        ("module_mlp/input.torch.py", "MLP"),
        ("recurrent_layers/input.torch.py", "SentimentClassifier"),
        ("recurrent_layers/input.torch.py", "Tagger"),
        ("recurrent_layers/input.torch.py", "Decoder"),
        ("recurrent_layers/input.torch.py", "Encoder"),
        ("training_step/input.torch.py", "Net"),
        ("models/cnn.torch.py", "ConvNet"),
        ("models/mlp.torch.py", "MLP"),
        ("torchvision/models/resnet.py", "resnet18"),
        ("torchvision/models/vgg.py", "vgg11"),
        ("torchvision/models/mobilenetv2.py", "MobileNetV2"),
        ("torchvision/models/squeezenet.py", "SqueezeNet"),
        ("torchvision/models/densenet.py", "DenseNet"),
    };

    [Fact]
    public void TorchHalfRunsOverTheSuiteAndSavesWhatTheJaxHalfCompares()
    {
        var save = _folder.Combine("torch-half");
        var args = new List<string> { "verify", "--torch-only", "--python", Python.WithTorch, "--save", save, "--examples", Path.Combine(Suite, "examples.json"), "--" };
        args.AddRange(SuiteInputs());
        var clock = Stopwatch.StartNew();
        var (exit, output, error) = CliRunner.Run(args.ToArray());
        var report = string.Join('\n', output) + "\n" + error;
        Assert.True(exit == 0, $"verify --torch-only failed ({exit}):\n{report}");
        foreach (var (file, name) in Completed)
        {
            Assert.Contains(output, line => line.Contains(file + ": " + name + ": torch only: torch half done", StringComparison.Ordinal));
        }
        var summary = output[^1];
        Assert.Matches(@"^\d+ classes: 0 ok, 0 mismatched, 0 errors, \d+ skipped, \d+ torch only$", summary);
        Assert.DoesNotContain(output, line => line.Contains(" ok ", StringComparison.Ordinal) && !line.Contains("torch", StringComparison.Ordinal) && !line.Contains("classes:", StringComparison.Ordinal));
        Assert.All(output.Where(l => l.Contains(": torch only: ", StringComparison.Ordinal)), l => Assert.EndsWith("JAX half not run (jax not installed)", l));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), $"the torch half took {clock.Elapsed}");
        AssertSaved(save);
    }

    [Fact]
    public void DriverPartsWithoutJaxPassTheirPythonTests()
    {
        var result = Python.RunWith(Python.WithTorch, File.ReadAllText(Path.Combine(Suite, "test_driver.py")).Replace(
            "ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))", $"ROOT = {PythonString(RepositoryPaths.Root)}", StringComparison.Ordinal));
        Assert.NotNull(result); // RunWith throws on a failing unittest run (exit status 1)
    }

    private static string Suite => Path.Combine(RepositoryPaths.Root, "tests", "fidelity");

    /// <summary>The suite's inputs, as tests/fidelity/run-on-device.sh lists them.</summary>
    private static IEnumerable<string> SuiteInputs()
    {
        foreach (var input in Directory.GetFiles(RepositoryPaths.GoldenCases, "input.torch.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return input;
        }
        foreach (var model in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples", "Vision", "models"), "*.torch.py").Order(StringComparer.Ordinal))
        {
            yield return model;
        }
        var torchvision = Python.RunWith(Python.WithTorch, "import os, torchvision.models as m\nprint(os.path.dirname(m.__file__))").Trim();
        foreach (var name in File.ReadAllLines(Path.Combine(Suite, "torchvision-models.txt")).Where(l => l.Length > 0))
        {
            yield return Path.Combine(torchvision, name + ".py");
        }
    }

    private static void AssertSaved(string save)
    {
        var check = """
            import json, os, sys
            import numpy as np
            manifest = json.load(open(os.path.join(sys.argv[1], "manifest.json")))
            done = [r for r in manifest["rows"] if r["status"] == "torch ok"]
            assert len(done) >= 14, len(done)
            for row in done:
                files = set(np.load(row["npz"]).files)
                assert {"input", "output/0", "cotangent/0"} <= files, (row["name"], files)
                if row["name"] not in ("Shift", "Plain"):  # the only ones without parameters
                    assert any(f.startswith("state/") for f in files) and any(f.startswith("grad/") for f in files), row["name"]
            print(len(done))
            """;
        Assert.True(int.Parse(Python.RunWith(Python.WithTorch, check, save).Trim()) >= Completed.Length);
    }

    private static string PythonString(string text) => "r'" + text.Replace("'", "\\'") + "'";
}
