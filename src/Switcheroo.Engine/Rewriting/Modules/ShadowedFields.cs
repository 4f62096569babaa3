using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// A constructor argument that the constructor assigns, under its own name, to another value: the
/// argument is a dataclass field, and Flax forbids assigning a field in <c>setup</c>
/// (<c>SetAttributeInModuleSetupError</c>). A plain value moves to the attribute <c>NAME_</c> in the
/// whole class, so the field stays the constructor's keyword API and holds the argument as given:
/// <code>
/// def __init__(self, dim, scale=None):        scale: typing.Any = None
///     self.scale = scale or dim ** -0.5       def setup(self):
///                                                 self.scale_ = scale or dim ** -0.5
/// def forward(self, x):                       def __call__(self, x):
///     return x * self.scale                       return x * self.scale_
/// </code>
/// The subclasses that read the attribute, and the bases that read what their subclasses store, read
/// the new attribute (<see cref="InheritedRenames"/>). Which values are plain, and the new names, are
/// the analysis's (<see cref="TransformedFields"/>).
/// A value that may build a submodule or a parameter (a torch class whose entry says <c>instances: module</c> or
/// <c>parameter</c>, a module class, a call other than a builtin, <c>math</c> or a torch function) is not renamed:
/// its name is a key of the variable tree that checkpoints are matched by (docs/checkpoints.md), and Flax names a
/// submodule assigned in setup by its attribute. It is reported (SWR3006) and stays. A torch layer whose entry
/// declares <c>traits: {stateless: true}</c> (<c>self.dropout = nn.Dropout(dropout)</c>) holds no variables, so it is renamed
/// like a plain value.
/// Flax's own fields (<c>name</c>, <c>parent</c>) count as fields too: torch's <c>Upsample</c> sets <c>self.name</c>.
/// Caveats: the suffix grows (<c>scale__</c>) when the class already uses <c>scale_</c>; reads from
/// outside the class's file (<c>block.scale</c>) are not renamed; a name assigned from
/// a local that holds a layer (<c>d = nn.Dropout(p); self.p = d</c>) counts as plain.
/// </summary>
internal sealed class ShadowedFields(ModuleClass module, IReadOnlyList<ModuleField> fields, ConversionContext context)
{
    /// <summary>
    /// Reports the assignments in <paramref name="kept"/> (the statements setup keeps) to a field's name that
    /// cannot be renamed, and answers the new names of the others (field name to attribute name), which
    /// <see cref="Rename"/> applies once other rewrites of those attributes are planned.
    /// </summary>
    public IReadOnlyDictionary<string, string> Resolve(IReadOnlyList<PythonParser.StatementContext> kept)
    {
        // Flax's own fields (name, parent) are every Linen module's: torch's Upsample sets self.name.
        var names = fields.Select(f => f.Name).Concat(Checking.LinenClass.BuiltInFields).ToHashSet(StringComparer.Ordinal);
        var transforms = TransformedFields.In(kept, names, context.Model, context.Maps);
        foreach (var transform in transforms.Where(t => !t.Plain))
        {
            // Every assignment of the name stays, the plain ones too (self.reduction = reduction in an else branch).
            foreach (var target in transform.Targets)
            {
                context.Report(DiagnosticCodes.ModuleNotConverted, target,
                    $"'{transform.Name}' is a field of {module.Name} ({(fields.Any(f => f.Name == transform.Name) ? "a constructor argument" : "every Flax module has it")}) and setup may not assign it; the value "
                    + "may be a submodule, which Flax names by the attribute setup assigns it to (the checkpoint keys follow that name), or a parameter not built by "
                    + "one call of its class, so it is not renamed: rename the argument or the attribute in the torch code");
            }
        }
        return TransformedFields.Renames(module.Node, transforms, fields.Select(f => f.Name), context.Tree.Tokens);
    }

    /// <summary>Every <c>self.NAME</c> of the class becomes <c>self.NEW</c>, except where another rewrite replaced it whole (a growing list's local).</summary>
    public void Rename(IReadOnlyDictionary<string, string> renames) => Rename(module.Node, renames, context);

    /// <summary>Every <c>self.NAME</c> in <paramref name="node"/> becomes <c>self.NEW</c>, except where another rewrite replaced it whole.</summary>
    internal static void Rename(Antlr4.Runtime.ParserRuleContext node, IReadOnlyDictionary<string, string> renames, ConversionContext context)
    {
        foreach (var attribute in ParseTrees.Descendants<PythonParser.AttributeExprContext>(node))
        {
            if (attribute.expr().GetText() == "self" && renames.TryGetValue(attribute.name().GetText(), out var renamed)
                && !context.Plan.IsReplaced(attribute.name().Start.TokenIndex))
            {
                context.Plan.Replace(attribute.name(), renamed);
            }
        }
    }
}
