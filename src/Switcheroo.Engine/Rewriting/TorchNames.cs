namespace Switcheroo.Engine.Rewriting;

/// <summary>Which qualified names belong to the source side.</summary>
public static class TorchNames
{
    public static bool IsTorch(string? qualifiedName) =>
        qualifiedName is not null && (Under(qualifiedName, "torch") || Under(qualifiedName, "torchvision"));

    private static bool Under(string name, string root) =>
        name == root || name.StartsWith(root + ".", StringComparison.Ordinal);
}
