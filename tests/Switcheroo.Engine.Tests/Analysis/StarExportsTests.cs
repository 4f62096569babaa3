using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// <c>from .ops import *</c> reaches the functions Python's star import does (<see cref="StarExports"/>): those
/// <c>__all__</c> lists, or without one those not starting with an underscore. The others stay the file's own,
/// their parameters what the file's calls pass (torchvision's <c>from .densenet import *</c> and densenet's <c>_load_state_dict</c>).
/// </summary>
public sealed class StarExportsTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Ops = """
        import torch

        __all__ = ["scale"]


        def scale(x):
            return x  # <-


        def _twice(x):
            return x  # <-


        def helper(x):
            return x  # <-


        scale(torch.ones(1))
        _twice(torch.ones(1))
        helper(torch.ones(1))
        """;

    [Theory]
    [InlineData("__all__ = [\"scale\"]", "unknown", "tensor", "tensor")]
    [InlineData("__all__ = (\"scale\", \"_twice\")", "unknown", "unknown", "tensor")]
    [InlineData("", "unknown", "tensor", "unknown")]
    [InlineData("__all__ = [\"scale\"]\n__all__ += [\"helper\"]", "unknown", "unknown", "unknown")]
    [InlineData("__all__ = names()", "unknown", "unknown", "unknown")]
    public void AStarImportReachesWhatPythonImports(string all, string scale, string twice, string helper)
    {
        var ops = Ops.Replace("__all__ = [\"scale\"]", all);
        var opsPath = _folder.Write("ops.torch.py", ops);
        var mainPath = _folder.Write("main.torch.py", "from ops import *\n");
        var project = Pipeline.Index(Converter.BuiltInMaps, [("ops", opsPath), ("main", mainPath)]);

        Assert.Equal([scale, twice, helper], [ValueOf(ops, opsPath, project, 0), ValueOf(ops, opsPath, project, 1), ValueOf(ops, opsPath, project, 2)]);
    }

    /// <summary>The value of <c>x</c> at the <paramref name="index"/>-th marked line (the others' markers removed).</summary>
    private static string ValueOf(string text, string path, Engine.Analysis.ProjectModules project, int index)
    {
        var lines = text.Split('\n');
        int seen = 0;
        var marked = string.Join('\n', lines.Select(l => l.Contains("# <-") && seen++ != index ? l.Replace("  # <-", string.Empty) : l));
        var (model, node) = ValueAnalysisTests.Marked(marked, path, "x");
        return new ValueAnalysis(model, Converter.BuiltInMaps, null, project.Functions.For("ops", model)).ValueOf(node).ToString();
    }
}
