using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// Classes whose base the conversion cannot see: <c>class Wider(ResidualUnit)</c> where
/// <c>ResidualUnit</c> comes from an import that is neither torch's, nor a class of the files
/// converted together (<see cref="UnseenSubmodules"/> tells them). When the base is a torch module,
/// the class is torch code: converting the torch references of its body alone would leave a torch
/// module computing with jax.numpy. The conversion cannot tell, so a class whose body holds torch
/// references is kept whole and reported (SWR3006): convert the file that defines the base together
/// with this one. Only a base from the project (a relative import) counts: a library's class is not
/// taken for a torch module. A class with no reference in its body that the maps convert (data-pipeline
/// names aside) has nothing to convert and stays quiet.
/// </summary>
internal static class UnseenBases
{
    public static void Keep(ConversionContext context, IReadOnlyList<(PythonParser.ExprContext Chain, string Name)> torchChains)
    {
        foreach (var cls in ParseTrees.Descendants<PythonParser.Class_defContext>(context.Tree.Root!))
        {
            if (context.Edits.IsVerbatim(cls)
                || UnseenBase(cls, context) is not { } unseen
                || !torchChains.Any(chain => Within(chain.Chain, cls) && Converts(chain.Name, context)))
            {
                continue;
            }
            context.Report(DiagnosticCodes.ModuleNotConverted, unseen.Base,
                $"class {cls.name().GetText()} derives from {unseen.Base.GetText()}, imported from {unseen.Module}, which is not converted with this file: "
                + "if it is a torch module, this class is torch code and its body cannot convert alone; convert the file that defines it together with this one; its body stays torch code");
            context.Edits.KeepVerbatim(cls);
        }
    }

    /// <summary>The first base named by an unseen import, when no base is torch's or a class the conversion knows; else null.</summary>
    public static (PythonParser.NameAtomContext Base, string Module)? UnseenBase(PythonParser.Class_defContext cls, ConversionContext context)
    {
        if (cls.arguments() is not { } arguments)
        {
            return null;
        }
        (PythonParser.NameAtomContext, string)? found = null;
        foreach (var argument in arguments.argument())
        {
            if (SyntaxShapes.AtomOf(argument) is not PythonParser.NameAtomContext name)
            {
                // A torch chain (nn.Module), a keyword (metaclass=...) or anything else: other rules decide.
                return null;
            }
            if (context.Model.Resolve(name) is (Resolution.Import, { } qualified) && TorchNames.IsTorch(qualified))
            {
                // A relative import rebound to a torch layer (RelativeImports): the translation reports it.
                return null;
            }
            // Only a module of the project (a relative import) is known to be torch code's or the user's; a
            // library's or the standard library's class (typing.NamedTuple, enum.Enum) is not a torch module.
            if (UnseenSubmodules.Unseen(name, context) is { } module && module.StartsWith('.'))
            {
                found ??= (name, module);
            }
            else if (name.GetText() != "object")
            {
                return null;
            }
        }
        return found;
    }

    /// <summary>A name the maps convert: data-pipeline code (datasets, transforms) stays torch's on purpose, an unmapped name is reported where it stands.</summary>
    private static bool Converts(string name, ConversionContext context) =>
        context.Maps.Find(name) is { } entry && entry.Hook != Hooks.DataPipelineHook.HookName;

    private static bool Within(PythonParser.ExprContext chain, PythonParser.Class_defContext cls) =>
        chain.Start.TokenIndex >= cls.Start.TokenIndex && chain.Stop.TokenIndex <= cls.Stop.TokenIndex;
}
