using Switcheroo.Engine.Mapping;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>All hooks by name. Map loading checks every <c>hook:</c> and its options against <see cref="Signatures"/>.</summary>
public sealed class HookRegistry
{
    private readonly Dictionary<string, IHook> _hooks;

    public HookRegistry(IEnumerable<IHook> hooks) => _hooks = hooks.ToDictionary(h => h.Name, StringComparer.Ordinal);

    public static HookRegistry BuiltIn { get; } = new(new IHook[]
    {
        new AutocastHook(),
        new BackwardHook(),
        new BatchNormHook(),
        new BufferRegistrationHook(),
        new CheckpointKeysHook(),
        new CheckpointSaveHook(),
        new ClipGradNormHook(),
        new ContainerHook(),
        new DataPipelineHook(),
        new DeviceHook(),
        new DevicePlacementHook(),
        new DeviceStatementHook(),
        new DropCallHook(),
        new GradScalerHook(),
        new ImplicitDimHook(),
        new InPlaceHook(),
        new LayerInitHook(),
        new OptimizerConstructorHook(),
        new LrSchedulerHook(),
        new ManualSeedHook(),
        new NoGradHook(),
        new ScriptDecoratorHook(),
        new TracingStatementHook(),
        new OptimizerStepHook(),
        new ParameterHook(),
        new ParameterFansHook(),
        new ParameterRegistrationHook(),
        new RandintHook(),
        new Modules.ModuleClassHook(),
        new SchedulerStepHook(),
        new SequentialHook(),
        new StateFlagInjectionHook(),
        new TemplateHook(),
        new TensorSizeHook(),
        new VarargsShapeHook(),
        new ZeroGradHook(),
    });

    public IReadOnlySet<string> Names => _hooks.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Every hook's name with the options it declares: what map loading checks entries against.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<HookOption>> Signatures =>
        _hooks.ToDictionary(pair => pair.Key, pair => pair.Value.Options, StringComparer.Ordinal);

    public IHook? Find(string name) => _hooks.GetValueOrDefault(name);
}
