using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// Whether a recognised training step is written, the checkpoint it starts from and whether its
/// scheduler converts are facts known before rewriting (<see cref="StepConversions"/>), so the hooks
/// around a step never wait for its writer; the writer and the hooks agree with them (SWR4003 otherwise).
/// </summary>
public sealed class StepConversionsTests
{
    private static string Train(string optimizer, string before = "", string scheduler = "") => $$"""
        import torch
        import torch.nn as nn
        from torch.optim import lr_scheduler


        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(4, 2)

            def forward(self, x):
                return self.fc(x)


        def train(loader):
            torch.manual_seed(0)
            model = Net()
        {{before}}
            optimizer = {{optimizer}}
        {{scheduler}}
            for x, y in loader:
                optimizer.zero_grad()
                loss = ((model(x) - y) ** 2).mean()
                loss.backward()
                optimizer.step()

        """;

    private static FileFacts Analyse(string source)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString(source));
        return FileFacts.Analyse(tree, SemanticModel.Build(tree), Converter.BuiltInMaps, string.Empty, ProjectModules.Empty);
    }

    private static TrainingStep OnlyStep(FileFacts facts) => Assert.Single(facts.TrainingSteps.All);

    [Theory]
    [InlineData("torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)")]
    [InlineData("torch.optim.Adam(model.parameters())")]
    [InlineData("torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.05)")]
    public void StepOfAConvertedOptimizerIsWritten(string optimizer)
    {
        var facts = Analyse(Train(optimizer));
        Assert.True(facts.StepConversions.Writes(OnlyStep(facts)));
        Assert.Null(facts.StepConversions.Unwritten(OnlyStep(facts)));
    }

    [Theory]
    [InlineData("torch.optim.LBFGS(model.parameters())")] // unsupported in the maps
    [InlineData("torch.optim.SGD(model.parameters())")] // torch's SGD requires lr; the template has no default
    [InlineData("torch.optim.Adam(model.parameters(), amsgrad=True)")] // a value the map does not translate
    [InlineData("torch.optim.SGD(model.parameters(), lr=0.1, dampening=0.5)")] // no Optax counterpart
    public void StepOfAnOptimizerThatStaysTorchIsNotWritten(string optimizer)
    {
        var facts = Analyse(Train(optimizer));
        Assert.False(facts.StepConversions.Writes(OnlyStep(facts)));
        Assert.Equal("the optimizer 'optimizer' itself is not converted", facts.StepConversions.Unwritten(OnlyStep(facts)));
    }

    [Fact]
    public void StepStartsFromTheLastCheckpointLoadedBeforeIt()
    {
        var facts = Analyse(Train("torch.optim.SGD(model.parameters(), lr=0.1)",
            before: "    model.load_state_dict(torch.load('a.pt'))\n    model.load_state_dict(torch.load('b.pt'), strict=False)"));
        var start = facts.StepConversions.StartOf(OnlyStep(facts));
        Assert.NotNull(start);
        Assert.Equal("torch.load('b.pt')", start.StateDict.GetText());
        Assert.False(start.Strict);
    }

    [Fact]
    public void UnwrittenStepStartsFromNoCheckpoint()
    {
        var facts = Analyse(Train("torch.optim.LBFGS(model.parameters())", before: "    model.load_state_dict(torch.load('a.pt'))"));
        Assert.Null(facts.StepConversions.StartOf(OnlyStep(facts)));
    }

    [Theory]
    [InlineData("torch.optim.SGD(model.parameters(), lr=0.1)", "lr_scheduler.StepLR(optimizer, step_size=30)", true)]
    [InlineData("torch.optim.SGD(model.parameters(), lr=0.1)", "lr_scheduler.MultiStepLR(optimizer, milestones=[30, 80], gamma=0.5)", true)]
    [InlineData("torch.optim.SGD(model.parameters(), lr=0.1)", "lr_scheduler.MultiStepLR(optimizer, milestones=steps)", false)]
    [InlineData("torch.optim.SGD(model.parameters(), lr=0.1)", "lr_scheduler.StepLR(optimizer, step_size=30, last_epoch=5)", false)]
    [InlineData("torch.optim.LBFGS(model.parameters())", "lr_scheduler.StepLR(optimizer, step_size=30)", false)]
    public void SchedulerConvertsWhenItsStepIsWrittenAndItsTemplateTakesTheCall(string optimizer, string scheduler, bool converts)
    {
        var facts = Analyse(Train(optimizer, scheduler: $"    scheduler = {scheduler}"));
        var schedule = Assert.Single(facts.TrainingSteps.Schedules);
        Assert.Equal(converts, facts.StepConversions.Converts(schedule));
    }

    [Theory]
    [InlineData("[30, 80]", new[] { 30, 80 })]
    [InlineData("(5,)", new[] { 5 })]
    [InlineData("[30, 30]", null)]
    [InlineData("steps", null)]
    [InlineData("[]", null)]
    public void MilestonesAreDistinctIntegerLiterals(string text, int[]? expected) =>
        Assert.Equal(expected, StepConversions.Milestones(text)?.ToArray());

    /// <summary>Every golden case converts with its hooks and writers agreeing with the analysis.</summary>
    [Fact]
    public void RewritingAgreesWithTheAnalysisOnEveryGoldenCase()
    {
        foreach (var folder in Directory.EnumerateDirectories(RepositoryPaths.GoldenCases))
        {
            var input = Path.Combine(folder, "input.torch.py");
            if (!File.Exists(input))
            {
                continue;
            }
            var result = Converter.Convert(File.ReadAllText(input));
            Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.AnalysisDisagrees.Code);
        }
    }
}
