namespace Switcheroo.Engine.Mapping;

/// <summary>
/// A torch module whose names are those of another (a map's <c>aliases</c>): torch defines its
/// layers in <c>torch.nn.modules.conv</c> and exports them as <c>torch.nn</c>, so
/// <c>from torch.nn.modules.conv import Conv2d</c> names the entry <c>torch.nn.Conv2d</c>. A name
/// under <see cref="Module"/> takes the entry of the same name under <see cref="Canonical"/> when
/// there is one; other names keep their own.
/// </summary>
public sealed record ModuleAlias(string Module, string Canonical, MapLocation Location)
{
    /// <summary>The name under <see cref="Canonical"/> that <paramref name="qualifiedName"/> stands for, or null when it is not under <see cref="Module"/>.</summary>
    public string? Rename(string qualifiedName) =>
        qualifiedName.Length > Module.Length && qualifiedName.StartsWith(Module, StringComparison.Ordinal) && qualifiedName[Module.Length] == '.'
            ? Canonical + qualifiedName[Module.Length..]
            : null;
}
