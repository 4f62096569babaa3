using Switcheroo.Engine.Analysis;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// A layer helper (<see cref="LayerHelpers"/>) whose layers follow the train flag gains a keyword-only
/// <c>train</c> parameter, which its layers read (<see cref="ConversionContext.TrainFlag"/>) and every
/// call in a module's <c>setup</c> passes (the module's train flag injection, as for a train-dependent class):
/// <code>
/// def conv_bn(c_in, c_out):                           def conv_bn(c_in, c_out, *, train):
///     return nn.Sequential(nn.Conv2d(c_in, c_out, 3),     return nn.Sequential([..., switcheroo_runtime.BatchNorm(use_running_average=not train)])
///                          nn.BatchNorm2d(c_out))
/// self.stem = conv_bn(3, 32)                          self.stem = conv_bn(3, 32, train=self.train)
/// </code>
/// Keyword-only, so it never takes a positional argument meant for another parameter.
/// </summary>
internal static class LayerHelperParameters
{
    public static void Run(ConversionContext context)
    {
        foreach (var (name, helper) in context.Facts.LayerHelpers)
        {
            if (context.Facts.TrainState.NeedsTrain(name) && !context.Edits.IsVerbatim(helper))
            {
                AddTrain(helper, context);
            }
        }
    }

    private static void AddTrain(PythonParser.Function_defContext helper, ConversionContext context)
    {
        var parameters = helper.parameters()?.parameter();
        if (parameters is not { Length: > 0 })
        {
            context.Plan.InsertAfter(helper.LPAR().Symbol, "*, " + LayerHelpers.TrainParameter);
            return;
        }
        // After a *args or a bare *, the parameters are already keyword-only.
        bool keywordOnly = parameters.Any(p => p.STAR() is not null);
        context.Plan.InsertAfter(parameters[^1], (keywordOnly ? ", " : ", *, ") + LayerHelpers.TrainParameter);
    }
}
