using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Golden;

/// <summary>
/// Runs every golden case: exact output text, exact diagnostics (code, position, message), the
/// output compiles with python3, every emitted API and keyword exists in the catalog, and
/// converting the output again changes nothing.
/// </summary>
public sealed class GoldenTests
{
    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void ConvertsAsExpected(string name)
    {
        var @case = new GoldenCase(name);
        var result = Converter.Pipeline.Convert("input.torch.py", File.ReadAllBytes(@case.InputPath));
        var diagnostics = string.Concat(result.Diagnostics.Select(d => $"{d.Line},{d.Column}: {d.Severity.ToString().ToLowerInvariant()} {d.Code}: {d.Message}\n"));
        Assert.True(result.Output is not null, "conversion failed:\n" + diagnostics);
        if (GoldenCase.Updating)
        {
            File.WriteAllText(@case.ExpectedPath, result.Output);
            if (diagnostics.Length > 0)
            {
                File.WriteAllText(@case.DiagnosticsPath, diagnostics);
            }
            else
            {
                File.Delete(@case.DiagnosticsPath);
            }
        }
        Assert.Equal(File.ReadAllText(@case.ExpectedPath), result.Output);
        Assert.Equal(File.Exists(@case.DiagnosticsPath) ? File.ReadAllText(@case.DiagnosticsPath) : string.Empty, diagnostics);

        Assert.Empty(EmittedApiCheck.Problems(result.Output!));
        PythonCompiles(result.Output!);
        var again = Converter.Convert(result.Output!, "expected.flax.py");
        Assert.Equal(result.Output, again.Output);
    }

    private static void PythonCompiles(string source)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, source);
            Python.Run("import sys\ncompile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec', dont_inherit=True)\n", file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
