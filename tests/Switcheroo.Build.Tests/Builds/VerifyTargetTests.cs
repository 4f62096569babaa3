using Switcheroo.Build.Tests.Support;

namespace Switcheroo.Build.Tests.Builds;

/// <summary>
/// The opt-in <c>SwitcherooVerify</c> target (build/README.md, docs/fidelity.md): a normal build
/// never runs it; <c>-t:SwitcherooVerify</c> converts and runs the driver from the task folder on
/// every source and its output. This machine has torch but no JAX, so the test runs the torch half
/// (<c>--torch-only</c> through <c>SwitcherooVerifyArguments</c>) and checks the missing-JAX failure.
/// </summary>
public sealed class VerifyTargetTests
{
    private const string TorchPython = "/usr/bin/python3";

    [Fact]
    public void TheTargetRunsTheDriverOnTheOutputsOnlyWhenAskedFor()
    {
        using var project = new TestProject(properties: $"<SwitcherooVerifyPython>{TorchPython}</SwitcherooVerifyPython>");
        project.Write("models/net.torch.py", Sources.Mlp);

        var build = project.Build();
        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("switcheroo_verify.py", build.Output);

        var torchHalf = project.Build("-t:SwitcherooVerify", "-p:SwitcherooVerifyArguments=--torch-only");
        Assert.True(torchHalf.Succeeded, torchHalf.ToString());
        Assert.Contains("torch only", torchHalf.Output);
        Assert.Contains("JAX half not run", torchHalf.Output);
        Assert.Matches(@"\d+ classes: 0 ok, 0 mismatched, 0 errors", torchHalf.Output);
    }

    [Fact]
    public void WithoutJaxTheTargetFailsWithTheDriversMessage()
    {
        using var project = new TestProject(properties: $"<SwitcherooVerifyPython>{TorchPython}</SwitcherooVerifyPython>");
        project.Write("net.torch.py", Sources.Mlp);
        var run = project.Build("-t:SwitcherooVerify");
        if (run.Succeeded)
        {
            return; // JAX is installed here: the comparison ran
        }
        Assert.Contains("cannot import jax, flax, optax", run.Output);
        Assert.Contains("exited with code 2", run.Output);
    }
}
