using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// Submodules the conversion cannot see. In a converted module's constructor, <c>self.block =
/// Block(4)</c> applied later (<c>self.block(x)</c>) where <c>Block</c> comes from an import that is
/// neither torch's (the maps), nor a module class of the files converted together, nor a name of
/// this file: when <c>Block</c> is a torch module, the Flax module would hold a torch module and fail
/// when applied; when it is a Flax module already, all is well. The conversion cannot tell, so it
/// says so (SWR3020) and keeps the statement: convert the file that defines it together with this
/// one (an MSBuild item, or one folder for the CLI).
/// </summary>
internal static class UnseenSubmodules
{
    public static void Report(ModuleClass module, ConversionContext context)
    {
        HashSet<string>? applied = null;
        foreach (var (target, construction) in module.SelfConstructions())
        {
            if (Training.ModelNames.NameOf(construction.expr()) is not { } callee || Unseen(callee, context) is not { } source)
            {
                continue;
            }
            applied ??= AppliedAttributes(module);
            if (applied.Contains(target.name().GetText()))
            {
                context.Report(DiagnosticCodes.UnseenSubmodule, construction,
                    $"self.{target.name().GetText()} is built by {callee.GetText()}, imported from {source}, which is not converted with this file: "
                    + "if it is a torch module, this Flax module cannot apply it; convert the file that defines it together with this one; kept as is");
            }
        }
    }

    /// <summary>Where an imported name comes from (<c>.blocks</c>, <c>mylib</c>) when nothing converted with this file explains it; else null.</summary>
    internal static string? Unseen(PythonParser.NameAtomContext callee, ConversionContext context)
    {
        var name = callee.GetText();
        if (SemanticModel.Lookup(name, context.Model.ScopeOf(callee)) is not [{ Site: PythonParser.Import_as_nameContext item } binding]
            || TorchNames.IsTorch(binding.QualifiedName)
            || context.Facts.ImportedClasses.ContainsKey(name))
        {
            return null;
        }
        var module = Analysis.Values.FunctionImports.FromModule((PythonParser.Import_targetsContext)item.Parent);
        // A module of the files converted together is converted too (a function of it that builds layers included).
        var converted = context.Facts.Project.Functions.Modules;
        return module.Length == 0 || Analysis.ProjectModules.Locate(context.Facts.ModulePath, module, converted.Contains) is not null ? null : module;
    }

    /// <summary>The attributes of <c>self</c> the class calls (<c>self.block(x)</c>).</summary>
    private static HashSet<string> AppliedAttributes(ModuleClass module) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(module.Node)
            .Select(call => call.expr() is PythonParser.AttributeExprContext callee && callee.expr().GetText() == "self" ? callee.name().GetText() : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
}
