using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Emitting;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting;
using Switcheroo.Engine.Rewriting.Hooks;

namespace Switcheroo.Engine;

/// <summary>
/// The conversion of one file, stage by stage: parse → bind → map and rewrite (translation plans
/// edits through map entries and hooks) → emit (imports, validation of the plan, text). Each
/// stage only adds diagnostics; any error means no output, never a half-converted file.
/// </summary>
public sealed class Pipeline(MapSet maps, HookRegistry hooks)
{
    public ConversionResult Convert(string path, byte[] bytes) => Convert(PythonSyntax.Parse(path, bytes));

    public ConversionResult Convert(SourceText source) => Convert(PythonSyntax.Parse(source));

    private ConversionResult Convert(SyntaxTree tree)
    {
        if (tree.Root is null)
        {
            return new ConversionResult(tree.Source.Path, null, tree.Diagnostics, tree.Source.Encoding);
        }
        return LargeStack.Run(() => Rewrite(tree));
    }

    private ConversionResult Rewrite(SyntaxTree tree)
    {
        var model = SemanticModel.Build(tree);
        var context = new ConversionContext(tree, model, maps);
        new Translator(context, hooks).Run();
        context.RunDeferred();
        context.ApplyIndentation();
        context.ForgetDroppedReports();
        var aliases = new ImportEditor(context).Run();
        context.PlaceMarkers();
        var conflicts = context.Plan.Validate();
        var diagnostics = tree.Diagnostics.Concat(context.Diagnostics).Concat(conflicts)
            .OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new ConversionResult(tree.Source.Path, null, diagnostics, tree.Source.Encoding);
        }
        var text = context.Plan.IsEmpty ? tree.Source.Text : TargetReferences.Substitute(context.Plan.Render(), aliases);
        return new ConversionResult(tree.Source.Path, text, diagnostics, tree.Source.Encoding) { ConvertedSites = context.ConvertedSites };
    }
}
