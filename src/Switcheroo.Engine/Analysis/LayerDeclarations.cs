using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// A torch layer a module class declares: <c>self.conv = nn.Conv2d(1, 8, 3)</c>, with its map entry.
/// </summary>
/// <param name="Class">the class whose method assigns it</param>
/// <param name="Name">the attribute (<c>conv</c>)</param>
/// <param name="Declaration">the assignment statement</param>
/// <param name="Construction">the call that builds the layer</param>
/// <param name="Entry">the map entry of the layer's class (<c>torch.nn.Conv2d</c>)</param>
public sealed record LayerDeclaration(
    PythonParser.Class_defContext Class,
    string Name,
    PythonParser.Expression_stmtContext Declaration,
    PythonParser.CallExprContext Construction,
    MapEntry Entry);

/// <summary>
/// The torch layers of a file's classes, each linked to its uses: <c>self.conv(x)</c> in
/// <c>forward</c> is the layer that <c>self.conv = nn.Conv2d(...)</c> declared, found through the
/// class around both, not by re-reading text. A layer is an attribute of <c>self</c> assigned (a
/// statement of its own) a call of a class whose entry says <c>instances: module</c> or <c>parameter</c>
/// (<c>torch.nn</c>'s layers, containers and <c>Parameter</c>); an attribute assigned
/// two such layers has no single declaration and is left out.
/// </summary>
public sealed class LayerDeclarations
{
    private readonly Dictionary<PythonParser.Class_defContext, Dictionary<string, LayerDeclaration>> _byClass;

    private LayerDeclarations(Dictionary<PythonParser.Class_defContext, Dictionary<string, LayerDeclaration>> byClass) => _byClass = byClass;

    public static LayerDeclarations Of(PythonParser.File_inputContext root, SemanticModel model, MapSet maps)
    {
        var byClass = new Dictionary<PythonParser.Class_defContext, Dictionary<string, LayerDeclaration>>();
        var twice = new HashSet<(PythonParser.Class_defContext, string)>();
        foreach (var assignment in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(root))
        {
            if (Declared(assignment, model, maps) is not { } layer)
            {
                continue;
            }
            if (!byClass.TryGetValue(layer.Class, out var layers))
            {
                byClass[layer.Class] = layers = new Dictionary<string, LayerDeclaration>(StringComparer.Ordinal);
            }
            if (!layers.TryAdd(layer.Name, layer))
            {
                twice.Add((layer.Class, layer.Name));
            }
        }
        foreach (var (cls, name) in twice)
        {
            byClass[cls].Remove(name);
        }
        return new LayerDeclarations(byClass);
    }

    private static LayerDeclaration? Declared(PythonParser.Expression_stmtContext assignment, SemanticModel model, MapSet maps)
    {
        if (assignment.EQUAL().Length != 1
            || SyntaxShapes.AtomOf(assignment.star_expressions()) is not PythonParser.AttributeExprContext target
            || target.expr().GetText() != "self"
            || SyntaxShapes.AtomOf(assignment.assigned_value(0)) is not PythonParser.CallExprContext construction
            || SyntaxShapes.Enclosing<PythonParser.Class_defContext>(assignment) is not { } cls
            || model.QualifiedName(construction.expr()) is not { } name
            || maps.Find(name) is not { Kind: EntryKind.Class, Instances: EntryInstances.Module or EntryInstances.Parameter } entry)
        {
            return null;
        }
        return new LayerDeclaration(cls, target.name().GetText(), assignment, construction, entry);
    }

    /// <summary>The layers a class declares, by attribute name.</summary>
    public IReadOnlyDictionary<string, LayerDeclaration> Of(PythonParser.Class_defContext cls) =>
        _byClass.TryGetValue(cls, out var layers) ? layers : new Dictionary<string, LayerDeclaration>();

    /// <summary>The layer a <c>self.NAME</c> inside a class refers to, or null.</summary>
    public LayerDeclaration? Referenced(PythonParser.AttributeExprContext use) =>
        use.expr().GetText() == "self" && SyntaxShapes.Enclosing<PythonParser.Class_defContext>(use) is { } cls
            ? Of(cls).GetValueOrDefault(use.name().GetText())
            : null;

    /// <summary>The layer a call <c>self.NAME(...)</c> applies, or null.</summary>
    public LayerDeclaration? Applied(PythonParser.CallExprContext call) =>
        call.expr() is PythonParser.AttributeExprContext callee ? Referenced(callee) : null;

    /// <summary>Every call of a layer inside its class (<c>self.conv(x)</c>).</summary>
    public IEnumerable<PythonParser.CallExprContext> Uses(LayerDeclaration layer) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(layer.Class).Where(call => Applied(call) == layer);
}
