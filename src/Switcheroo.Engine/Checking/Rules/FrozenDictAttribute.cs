namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// An attribute read on a dict of submodules (<c>self.blocks.conv1</c> where setup assigned
/// <c>self.blocks = {...}</c>): torch's <c>ModuleDict</c> is a module whose entries are
/// attributes, but Flax freezes the dict into a <c>FrozenDict</c>, which has no attributes but its
/// mapping methods. Index it: <c>self.blocks["conv1"]</c>.
/// </summary>
internal sealed class FrozenDictAttribute : ISelfCheckRule
{
    /// <summary>What a FrozenDict answers as attributes (flax.core.frozen_dict), and the mutators another rule reports.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "keys", "values", "items", "get", "copy", "pop", "unfreeze", "pretty_repr", "tree_flatten", "tree_unflatten",
        "update", "setdefault", "popitem", "clear",
    };

    public string Name => "frozen-dict-attribute";

    public IEnumerable<RuleHit> Check(CheckedFile file) =>
        from @class in file.Classes
        from name in FrozenContainers.Dicts(@class)
        from use in FrozenContainers.Uses(@class, name)
        where use.Parent is Grammar.PythonParser.AttributeExprContext attribute && attribute.expr() == use
            && !Allowed.Contains(attribute.name().GetText()) && !attribute.name().GetText().StartsWith("__", StringComparison.Ordinal)
        select new RuleHit(use, $"self.{name}.{((Grammar.PythonParser.AttributeExprContext)use.Parent).name().GetText()} reads an attribute of a dict, which Flax froze into a FrozenDict (no attributes); index it instead");
}
