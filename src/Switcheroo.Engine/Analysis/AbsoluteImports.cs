using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// Absolute imports of the files converted together. In <c>torchvision/models/quantization/resnet.py</c>,
/// <c>from torchvision.models.resnet import BasicBlock</c> names a file of the same run when torchvision's
/// model folder is converted (<see cref="ProjectPackages"/>): it becomes <c>from ..resnet import BasicBlock</c>,
/// the relative import of the same module, in the text the rest of the pipeline parses (each line where it
/// was) and so in the output, which then imports the converted file wherever the output folder lies, as
/// the file's own relative imports do. Everything after reads it as any relative import: the names are
/// the project's classes and functions (<see cref="ProjectModules"/>), or the torch names the maps cover
/// when no file of the run defines them (<see cref="RelativeImports"/>).
/// </summary>
/// <remarks>
/// Only <c>from M import ...</c> is rewritten, where M is a converted file or a package whose imported names
/// all are, and <c>import P.M as R</c> (one name) where P.M is a converted file: it becomes <c>from ..P import M as R</c>;
/// the relative form must reach the same file among the outputs (their module paths), and the
/// importer and M must share a top package. <c>import P.M</c> binds the top package and stays as written,
/// as do torch's own files (a package under <c>torch</c>).
/// </remarks>
public static class AbsoluteImports
{
    /// <summary>The tree with the absolute imports of converted files made relative (parsed again), or the same tree when there are none.</summary>
    public static SyntaxTree Relativise(SyntaxTree tree, string modulePath, ProjectPackages packages)
    {
        if (tree.Root is null || packages.Count == 0 || packages.NameOf(modulePath) is not { } importer || TorchNames.IsTorchItself(importer)
            || tree.Diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return tree;
        }
        var package = modulePath == "__init__" || modulePath.EndsWith("/__init__", StringComparison.Ordinal)
            ? importer.Split('.')
            : importer.Split('.')[..^1];
        var edits = new List<(int Start, int Stop, string Text)>();
        foreach (var from in ParseTrees.Descendants<PythonParser.ImportFromContext>(tree.Root).Where(f => f.relative_dots() is null))
        {
            if (Relative(from, package, modulePath, packages) is { } relative)
            {
                edits.Add((from.dotted_name().Start.StartIndex, from.dotted_name().Stop.StopIndex, relative));
            }
        }
        foreach (var import in ParseTrees.Descendants<PythonParser.ImportNameContext>(tree.Root))
        {
            if (RelativeAlias(import, package, modulePath, packages) is { } relative)
            {
                edits.Add((import.Start.StartIndex, import.Stop.StopIndex, relative));
            }
        }
        return SourceRewrite.Apply(tree, edits) ?? tree;
    }

    /// <summary>
    /// <c>from .. import resnet as R</c> for <c>import torchvision.models.resnet as R</c> seen from
    /// <c>torchvision.models.quantization</c>, when the module is a converted file: the alias binds the same
    /// module. Null for any other import (several names, no alias: <c>import a.b</c> binds <c>a</c>).
    /// </summary>
    private static string? RelativeAlias(PythonParser.ImportNameContext import, string[] package, string modulePath, ProjectPackages packages)
    {
        if (import.dotted_as_name() is not [{ } only] || only.name() is not { } alias || only.dotted_name().name() is not { Length: > 1 } names
            || packages.PathOf(only.dotted_name().GetText()) is not { } path)
        {
            return null;
        }
        var parent = string.Join('.', names[..^1].Select(n => n.GetText()));
        var last = names[^1].GetText();
        var relative = RelativeTo(parent, package, modulePath, $".{last}", p => p == path || (p.Length == 0 ? "__init__" : p + "/__init__") == path);
        return relative is null ? null : $"from {relative} import {last} as {alias.GetText()}";
    }

    /// <summary>The relative form of <paramref name="module"/> seen from <paramref name="package"/> (<c>..</c>, <c>..blocks</c>), when it reaches the file <paramref name="reaches"/> accepts with <paramref name="suffix"/> after it; else null.</summary>
    private static string? RelativeTo(string module, string[] package, string modulePath, string suffix, Func<string, bool> reaches)
    {
        var parts = module.Split('.');
        int common = 0;
        while (common < parts.Length && common < package.Length && parts[common] == package[common])
        {
            common++;
        }
        if (common == 0)
        {
            return null;
        }
        var relative = new string('.', package.Length - common + 1) + string.Join('.', parts[common..]);
        var located = suffix.Length == 0 ? relative : relative.EndsWith('.') ? relative + suffix[1..] : relative + suffix;
        return ProjectModules.Locate(modulePath, located, reaches) is null ? null : relative;
    }

    /// <summary><c>..resnet</c> for <c>from torchvision.models.resnet import ...</c> seen from <c>torchvision.models.quantization</c>; null when the import is not of converted files.</summary>
    private static string? Relative(PythonParser.ImportFromContext from, string[] package, string modulePath, ProjectPackages packages)
    {
        var module = from.dotted_name().GetText();
        var targets = from.import_targets();
        // The file the relative form must reach among the outputs, and the module it is written to import from.
        (string Path, string Name)? reached = packages.PathOf(module) is { } path ? (path, string.Empty)
            : targets.STAR() is null && targets.import_as_name().Select(i => packages.PathOf($"{module}.{i.name(0).GetText()}")).ToList() is var paths
                && paths.All(p => p is not null) ? (paths[0]!, targets.import_as_name(0).name(0).GetText())
            : null;
        if (reached is not { } target)
        {
            return null;
        }
        bool Reaches(string p) => p == target.Path || (p.Length == 0 ? "__init__" : p + "/__init__") == target.Path;
        return RelativeTo(module, package, modulePath, target.Name.Length == 0 ? string.Empty : "." + target.Name, Reaches);
    }
}
