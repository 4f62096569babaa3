using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>layer_init</c>: a <c>torch.nn.init.*</c> call that the analysis placed on layers
/// (<see cref="LayerInits"/>) goes, with its statement, its loop or its <c>self.apply</c> call and
/// method; the layers' own conversions write the initializer (the entry's <c>template</c>, see
/// <see cref="LayerInitializers"/>). Any other init call is reported (SWR3015) with the reason and
/// kept, so nothing of an initialisation is half converted:
/// <code>
/// for m in self.modules():                       (removed; every nn.Conv2d of the module and its
///     if isinstance(m, nn.Conv2d):                submodules gets kernel_init=nn.initializers
///         nn.init.kaiming_normal_(m.weight,       .variance_scaling(2.0, "fan_out", "normal"))
///             mode="fan_out", nonlinearity="relu")
/// </code>
/// A loop reaching layers Switcheroo cannot see (built in a loop, by a helper, from a class passed
/// in) goes the same way and becomes the decorator of the class's <c>__call__</c> that applies it
/// when the model initialises (<see cref="InitDecorator"/>).
/// Caveats: torch draws the values, Flax draws them from its own keys: what matches is the
/// distribution, not the numbers (docs/training.md, "Initialisation").
/// </summary>
public sealed class LayerInitHook : IHook
{
    public string Name => LayerInits.Hook;

    /// <summary><c>fans</c>: the initializer computes fans from a Flax kernel's axes (-2 in, -1 out), so it cannot draw a parameter kept in torch's layout;
    /// <c>layout</c>: the initializer of such an entry for a parameter kept in torch's layout (dim 1 in, dim 0 out: <c>in_axis=1, out_axis=0</c>);
    /// <c>fan_out</c>: the initializer for <c>std=math.sqrt({gain} / FAN)</c>, FAN a local holding the layer's fan-out (its init rule's <c>fan_out</c>);
    /// <c>fan_in_bound</c>: the initializer for <c>uniform_(b, -bound, bound)</c>, bound <c>1 / math.sqrt(fan_in)</c> of another parameter of a reset method.</summary>
    public IReadOnlyList<Mapping.HookOption> Options { get; } =
        [Mapping.HookOption.Template(), new("fans", Mapping.OptionType.Flag), new("layout", Mapping.OptionType.Template), new("fan_out", Mapping.OptionType.Template) { Placeholders = ["gain"] },
         new("fan_in_bound", Mapping.OptionType.Template) { Placeholders = ["fan_in"] }];

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        if (context.Facts.Inits.Removed(call) is not { } statements)
        {
            context.Report(DiagnosticCodes.InitNotConverted, call,
                $"{site.Entry.Torch} not converted: {context.Facts.Inits.Problem(call)}; kept as is");
            return;
        }
        if (context.Facts.Inits.AppliedBy(call) is { } cls && !InitDecorator.Write(cls, call, site.Entry.Torch, context, insert: context.Facts.Inits.Decorates(call) is not null))
        {
            return;
        }
        foreach (var statement in statements)
        {
            context.Edits.RemoveStatement(statement);
            RemoveBlankLinesBefore(statement, context);
        }
        context.MarkConverted(site.Reference);
    }

    /// <summary>
    /// A removed loop or method set apart by blank lines on both sides takes the blank lines
    /// before it along, so the code around it keeps one separation, not two.
    /// </summary>
    private static void RemoveBlankLinesBefore(Grammar.PythonParser.StatementContext statement, ConversionContext context)
    {
        var tokens = context.Tree.Tokens;
        int start = context.Edits.LineStart(statement.Start, withIndentation: true);
        int first = start;
        while (first > 0 && tokens[first - 1].Type is Grammar.PythonLexer.NL or Grammar.PythonLexer.WS)
        {
            first--;
        }
        int after = context.Edits.LastLineEnd(statement) + 1;
        bool blankAfter = after < tokens.Count
            && (tokens[after].Type == Grammar.PythonLexer.NL
                || tokens[after].Type == Grammar.PythonLexer.WS && after + 1 < tokens.Count && tokens[after + 1].Type == Grammar.PythonLexer.NL);
        if (first < start && first > 0 && tokens[first - 1].Type == Grammar.PythonLexer.NEWLINE && blankAfter)
        {
            context.Plan.Discard(first, start - 1);
        }
    }
}
