using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking;

/// <summary>
/// The converted text as the self-check sees it, parsed once by the engine's own parser: its
/// syntax, its bindings (so <c>nn.Module</c> resolves to <c>flax.linen.Module</c> under whatever
/// alias the output chose), its Linen module classes, and which code is reported.
/// </summary>
internal sealed class CheckedFile
{
    public const string LinenModule = "flax.linen.Module";

    private CheckedFile(SyntaxTree tree, SemanticModel model, MapSet maps)
    {
        Tree = tree;
        Root = tree.Root!;
        Model = model;
        Maps = maps;
        Reported = new ReportedCode(tree.Tokens);
        Classes = FindLinenClasses(Root, model);
    }

    public SyntaxTree Tree { get; }

    public PythonParser.File_inputContext Root { get; }

    public SemanticModel Model { get; }

    /// <summary>The maps, where the self-check learns which names are torch's tensor methods.</summary>
    public MapSet Maps { get; }

    public ReportedCode Reported { get; }

    public IReadOnlyList<LinenClass> Classes { get; }

    /// <summary>The parsed output, or null when it does not parse (<see cref="SyntaxTree.Diagnostics"/> say why).</summary>
    public static CheckedFile? Of(SyntaxTree tree, MapSet maps) =>
        tree.Root is null ? null : new CheckedFile(tree, SemanticModel.Build(tree), maps);

    /// <summary>The qualified name an expression stands for when it is rooted at an import (<c>nn.Dense</c> → <c>flax.linen.Dense</c>).</summary>
    public string? QualifiedName(PythonParser.ExprContext? expr) => expr is null ? null : Model.QualifiedName(expr);

    private static List<LinenClass> FindLinenClasses(PythonParser.File_inputContext root, SemanticModel model)
    {
        var all = ParseTrees.Descendants<PythonParser.Class_defContext>(root).ToList();
        var linen = new Dictionary<string, LinenClass>(StringComparer.Ordinal);
        // To a fixpoint: a class whose base is a Linen class of this file is one too, wherever it stands.
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var node in all.Where(c => !linen.ContainsKey(c.name().GetText())))
            {
                var bases = Bases(node).ToList();
                if (bases.Any(b => model.QualifiedName(b) == LinenModule || (SyntaxFacts.NameOf(b) is { } n && linen.ContainsKey(n))))
                {
                    var @class = new LinenClass(node, LinenClass.FieldsOf(node));
                    foreach (var inherited in bases.Select(SyntaxFacts.NameOf).OfType<string>().Where(linen.ContainsKey))
                    {
                        @class.AllFields.UnionWith(linen[inherited].AllFields);
                    }
                    linen[node.name().GetText()] = @class;
                    changed = true;
                }
            }
        }
        return linen.Values.ToList();
    }

    private static IEnumerable<PythonParser.ExprContext> Bases(PythonParser.Class_defContext node) =>
        (node.arguments()?.argument() ?? [])
            .OfType<PythonParser.PositionalArgumentContext>()
            .Select(a => SyntaxFacts.Expr(a.NamedExpression()))
            .OfType<PythonParser.ExprContext>();
}
