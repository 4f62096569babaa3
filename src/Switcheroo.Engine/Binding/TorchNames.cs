namespace Switcheroo.Engine.Binding;

/// <summary>
/// Which qualified names belong to the source side: the one definition of the source library (<c>torch</c>,
/// <c>torchvision</c>) that every stage asks, the maps included (their entries describe names under these roots).
/// </summary>
public static class TorchNames
{
    public static bool IsTorch(string? qualifiedName) =>
        qualifiedName is not null && (Under(qualifiedName, "torch") || Under(qualifiedName, "torchvision"));

    /// <summary>Whether a package is torch's own (<c>torch</c>, <c>torch.nn.modules</c>), not torchvision.</summary>
    public static bool IsTorchItself(string package) => Under(package, "torch");

    /// <summary>Whether any scope of the file binds a name by importing torch (or torchvision).</summary>
    public static bool ImportedBy(SemanticModel model) =>
        model.Scopes.Any(scope => scope.Bindings.Values.Any(bindings =>
            bindings.Any(b => b.Kind == BindingKind.Import && IsTorch(b.QualifiedName))));

    private static bool Under(string name, string root) =>
        name == root || name.StartsWith(root + ".", StringComparison.Ordinal);
}
