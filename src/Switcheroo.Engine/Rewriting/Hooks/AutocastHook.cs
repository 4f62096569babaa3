using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>autocast</c>: <c>torch.autocast(...)</c> / <c>torch.cuda.amp.autocast()</c> computes what it guards in
/// float16/bfloat16; the converted code computes in float32, so the guard goes and its body stays, as
/// <c>torch.no_grad()</c>'s does (<see cref="NoGradHook"/>), with the file's AMP note (SWR3018):
/// <code>
/// with torch.autocast("cuda", dtype=torch.float16):   →   out = model(x)
///     out = model(x)
/// @torch.cuda.amp.autocast()                          →   (the decorator line is removed)
/// </code>
/// Around the loss of a converted training step the step's writer removes it. Caveat: only as a
/// <c>with</c> item without <c>as</c>, or as a decorator; anything else is reported.
/// </summary>
public sealed class AutocastHook : IHook
{
    public string Name => Analysis.Training.StepPattern.AutocastHook;

    public void Apply(HookSite site, ConversionContext context)
    {
        Antlr4.Runtime.ParserRuleContext guard = (Antlr4.Runtime.ParserRuleContext?)site.Call ?? site.Reference;
        if (site.Call is not null && Decorators.Around(guard) is { } decorator)
        {
            Decorators.Remove(decorator, context);
            context.MarkConverted(site.Reference);
            AmpNote.Report(context, guard);
            return;
        }
        if (site.Call is not null && SyntaxShapes.Enclosing<PythonParser.With_itemContext>(guard) is { } item && item.AS() is null
            && SyntaxShapes.AtomOf(item.expression()) == guard)
        {
            if (context.Facts.TrainingSteps.Owner(item) is { } step)
            {
                // The step's writer removes it with the loss it guards; an unwritten step keeps it, reported there.
                if (context.Facts.StepConversions.Writes(step))
                {
                    context.MarkConverted(site.Reference);
                }
                return;
            }
            NoGradHook.RemoveItem(item, context);
            context.MarkConverted(site.Reference);
            AmpNote.Report(context, guard);
            return;
        }
        context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference,
            $"{site.Entry.Torch} converts as a with-statement item without 'as' or a decorator (the converted code computes in float32, so it is removed); kept as is");
    }
}
