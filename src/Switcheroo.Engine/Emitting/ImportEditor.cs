using Switcheroo.Engine.Parsing;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Rewriting;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Emitting;

/// <summary>
/// Settles the imports once translation is planned: removes each torch import whose every use
/// was converted (an import with surviving uses stays, and those uses were reported), picks for
/// each target module the first import of its map rule (<see cref="Mapping.ImportTable"/>) whose
/// name clashes with no surviving name, and adds the import lines, in the maps' order, where the torch imports were (else after the docstring and <c>__future__</c> imports).
/// </summary>
internal sealed partial class ImportEditor(ConversionContext context)
{
    // By reference: bindings are the semantic model's own objects, and a record's hash walks its fields.
    private readonly Dictionary<NameBinding, List<PythonParser.NameAtomContext>> _uses = new(ReferenceEqualityComparer.Instance);

    /// <summary>Plans the import edits and returns the alias chosen for each target module.</summary>
    public IReadOnlyDictionary<string, string> Run()
    {
        IndexUses();
        var removed = new HashSet<NameBinding>(ReferenceEqualityComparer.Instance);
        ParserRuleContext? firstTorchImport = null;
        foreach (var statement in ImportStatements())
        {
            var torchItems = TorchBindings(statement).ToList();
            if (torchItems.Count == 0)
            {
                continue;
            }
            firstTorchImport ??= ModuleLevel(statement);
            // A use in code the conversion deletes (nn.Module.__init__(self) in a constructor that goes) needs no import.
            var removable = torchItems.Where(item => item.Bindings.All(b => _uses[b].All(use =>
                context.Edits.Converted.Contains(use) || context.Plan.IsDropped(use.Start.TokenIndex)))).ToList();
            foreach (var item in removable)
            {
                removed.UnionWith(item.Bindings);
            }
            // The whole statement goes only when it imports nothing else: 'import torch, os' keeps os.
            bool wholeStatement = removable.Count == Items(statement).Count();
            RemoveItems(statement, wholeStatement ? null : removable.Select(i => i.Item).ToList());
        }
        var imports = ChooseImports(removed);
        AddImports(imports, firstTorchImport);
        return imports.ToDictionary(pair => pair.Key, pair => pair.Value.Reference, StringComparer.Ordinal);
    }

    private void IndexUses()
    {
        foreach (var scope in context.Model.Scopes)
        {
            foreach (var binding in scope.Bindings.Values.SelectMany(b => b))
            {
                _uses[binding] = new List<PythonParser.NameAtomContext>();
            }
        }
        foreach (var use in context.Model.Uses)
        {
            foreach (var binding in SemanticModel.Lookup(use.GetText(), context.Model.ScopeOf(use)) ?? Array.Empty<NameBinding>())
            {
                _uses[binding].Add(use);
            }
        }
    }

    private IEnumerable<PythonParser.Import_stmtContext> ImportStatements() =>
        ParseTrees.Descendants<PythonParser.Import_stmtContext>(context.Tree.Root!);

    /// <summary>The items of an import statement that bind torch names, with the bindings they made.</summary>
    private IEnumerable<(ParserRuleContext Item, IReadOnlyList<NameBinding> Bindings)> TorchBindings(PythonParser.Import_stmtContext statement)
    {
        foreach (var item in Items(statement))
        {
            var bindings = _uses.Keys.Where(b => b.Site == item && b.Kind == BindingKind.Import && TorchNames.IsTorch(b.QualifiedName)).ToList();
            if (bindings.Count > 0)
            {
                yield return (item, bindings);
            }
        }
    }

    private static IEnumerable<ParserRuleContext> Items(PythonParser.Import_stmtContext statement) => statement switch
    {
        PythonParser.ImportNameContext names => names.dotted_as_name(),
        PythonParser.ImportFromContext from => from.import_targets().import_as_name(),
        PythonParser.ImportFromRelativeContext from => from.import_targets().import_as_name(),
        _ => Array.Empty<ParserRuleContext>(),
    };

    private static ParserRuleContext? ModuleLevel(PythonParser.Import_stmtContext statement)
    {
        var line = statement.Parent?.Parent;
        return line is PythonParser.StatementContext s && s.Parent is PythonParser.File_inputContext ? s : null;
    }
}
