using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// Every built-in map entry against the real libraries: the torch name and its parameters exist
/// in torch 1.13 (shared/api/torch.json); the target exists in flax/jax/optax
/// (shared/api/targets.json) and accepts every keyword and position the entry emits.
/// </summary>
public sealed class BuiltInMapCatalogTests
{
    /// <summary>APIs the issues ask for that torch 1.13 (the catalog's version) does not have yet.</summary>
    private static readonly Dictionary<string, string> NewerThanCatalog = new(StringComparer.Ordinal)
    {
        ["torch.nn.functional.scaled_dot_product_attention"] = "added in torch 2.0",
        ["torch.amp.GradScaler"] = "added in torch 2.3 (torch.cuda.amp.GradScaler before); real training scripts use it",
        ["torch.amp.GradScaler.scale"] = "a method of torch.amp.GradScaler (torch 2.3)",
        ["torch.amp.GradScaler.unscale_"] = "a method of torch.amp.GradScaler (torch 2.3)",
        ["torch.amp.GradScaler.update"] = "a method of torch.amp.GradScaler (torch 2.3)",
        ["torch.amp.GradScaler.step"] = "a method of torch.amp.GradScaler (torch 2.3)",
        ["torch.amp.autocast"] = "exported by torch 1.13's torch/amp/__init__.py, which the catalog lists as a module without its names",
        ["torch.accelerator"] = "added in torch 2.6; real projects use it (shared/api/torch-usage.tsv)",
        ["torch._assert"] = "in torch 1.13 as torch._assert(condition, message), a private name the catalog leaves out; torchvision calls it",
        ["torch.nn.modules.utils._single"] = "in torch 1.13, a private name the catalog leaves out; torch's own layer constructors call it (pooling.py)",
        ["torch.nn.modules.utils._pair"] = "in torch 1.13, a private name the catalog leaves out; torch's own layer constructors call it (padding.py)",
        ["torch.nn.modules.utils._triple"] = "in torch 1.13, a private name the catalog leaves out; torch's own layer constructors call it (pooling.py)",
        ["torch.nn.modules.utils._quadruple"] = "in torch 1.13, a private name the catalog leaves out; torch's own layer constructors call it (padding.py)",
        ["torch.nn.modules.utils._ntuple"] = "in torch 1.13, a private name the catalog leaves out; torch's own layer constructors call it (padding.py)",
        ["torch.nn._reduction.legacy_get_string"] = "in torch 1.13, a private module the catalog leaves out; torch's _Loss constructor calls it (loss.py)",
        ["torch.nn.init._calculate_fan_in_and_fan_out"] = "in torch 1.13 as _calculate_fan_in_and_fan_out(tensor), a private name the catalog leaves out; torch's Linear and Conv reset_parameters call it",
        ["torch._shape_as_tensor"] = "in torch 1.13 as torch._shape_as_tensor(input), a private name the catalog leaves out; torchvision's detection/_utils.py calls it",
    };

    /// <summary>Constructors taking only <c>*args, **kwargs</c>, which they forward to their base's: the
    /// entry's parameters are the base's, plus the keywords the class itself reads from <c>**kwargs</c>.</summary>
    private static readonly Dictionary<string, (string Base, string[] Keywords)> ForwardingConstructors = new(StringComparer.Ordinal)
    {
        ["torch.nn.LSTM"] = ("torch.nn.RNNBase", []),
        ["torch.nn.GRU"] = ("torch.nn.RNNBase", []),
        ["torch.nn.RNN"] = ("torch.nn.RNNBase", ["nonlinearity"]), // RNN.__init__ pops it from **kwargs (torch 1.13)
    };

    public static IEnumerable<object[]> Entries() =>
        Converter.BuiltInMaps.Entries.OrderBy(e => e.Torch, StringComparer.Ordinal).Select(e => new object[] { e.Torch });

    [Fact]
    public void BuiltInMapsLoadWithoutProblems() => Assert.Empty(Converter.BuiltInMapProblems);

    [Theory]
    [MemberData(nameof(Entries))]
    public void EntryMatchesTheCatalogs(string torch)
    {
        var entry = Converter.BuiltInMaps.Find(torch) ?? Converter.BuiltInMaps.Entries.Single(e => e.Torch == torch);
        if (!ApiCatalog.Torch.Covers(torch, entry.Kind == EntryKind.Namespace) && !NewerThanCatalog.ContainsKey(torch))
        {
            return; // outside the modules torch.json describes (torchvision, torch.cuda, torch.jit, ...)
        }
        bool known = entry.Kind == EntryKind.Namespace
            ? ApiCatalog.Torch.HasNamesUnder(torch)
            : ApiCatalog.Torch.Contains(torch);
        Assert.True(known || NewerThanCatalog.ContainsKey(torch), $"{torch} is not in torch.json");
        var torchParameters = ForwardingConstructors.TryGetValue(torch, out var forwarding)
            ? ApiCatalog.Torch.Parameters(forwarding.Base)!.Concat(forwarding.Keywords.Select(k => (k, "keyword_only"))).ToList()
            : ApiCatalog.Torch.Parameters(torch);
        foreach (var parameter in entry.Parameters.Where(p => p.Name != "self"))
        {
            Assert.True(torchParameters is null || torchParameters.Any(p => p.Name == parameter.Name),
                $"{torch} has no parameter '{parameter.Name}' in torch 1.13");
        }
        foreach (var target in Targets(entry))
        {
            CheckTarget(entry, target);
        }
    }

    private static IEnumerable<string> Targets(MapEntry entry)
    {
        if (entry.Target is not null)
        {
            yield return entry.Target;
        }
        if (entry.Options.TryGetValue("target", out var hookTarget))
        {
            yield return hookTarget;
        }
    }

    private static void CheckTarget(MapEntry entry, string target)
    {
        if (target.StartsWith("switcheroo_runtime.", StringComparison.Ordinal))
        {
            CheckRuntimeTarget(entry, target);
            return;
        }
        Assert.True(ApiCatalog.Targets.Contains(target), $"{entry.Torch}: target {target} is not in targets.json");
        if (entry.Kind == EntryKind.Constant || ApiCatalog.Targets.Parameters(target) is not { } parameters)
        {
            return;
        }
        var keywords = entry.Arguments.Values.Where(r => r.Keyword is not null).Select(r => r.Keyword!).Concat(entry.Add.Keys);
        foreach (var keyword in keywords)
        {
            Assert.True(parameters.Any(p => p.Name == keyword && p.Kind is "positional_or_keyword" or "keyword_only"),
                $"{entry.Torch}: {target} has no keyword '{keyword}'");
        }
        int positional = parameters.Count(p => p.Kind is "positional_or_keyword" or "positional_only");
        bool variadic = parameters.Any(p => p.Kind == "var_positional");
        foreach (var rule in entry.Arguments.Values.Where(r => r.Position is not null))
        {
            Assert.True(variadic || rule.Position < positional, $"{entry.Torch}: {target} takes no positional argument @{rule.Position}");
        }
    }

    /// <summary>Switcheroo's own runtime functions: the function exists in the runtime's sources and takes every keyword the entry emits.</summary>
    private static void CheckRuntimeTarget(MapEntry entry, string target)
    {
        var parameters = RuntimeFunctions.Parameters(target["switcheroo_runtime.".Length..]);
        Assert.True(parameters is not null, $"{entry.Torch}: the runtime module defines no {target}");
        foreach (var keyword in entry.Arguments.Values.Where(r => r.Keyword is not null).Select(r => r.Keyword!))
        {
            Assert.True(parameters!.Contains(keyword), $"{entry.Torch}: {target} has no parameter '{keyword}'");
        }
    }
}
