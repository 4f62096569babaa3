using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// Names the keywords a module class's constructor forwards whole to one torch layer, so the class
/// can become a Linen module whose fields stand for them. Before:
/// <code>
/// class Unit(nn.Module):
///     def __init__(self, cin, cout, **kwargs):
///         self.conv = nn.Conv2d(cin, cout, bias=False, **kwargs)
/// ... Unit(3, 8, kernel_size=3, padding=1) ... block = Unit ... block(8, 8, kernel_size=1)
/// </code>
/// after (the text the rest of the pipeline parses, each line where it was):
/// <code>
///     def __init__(self, cin, cout, *, kernel_size, padding=0):
///         self.conv = nn.Conv2d(cin, cout, bias=False, kernel_size=kernel_size, padding=padding)
/// </code>
/// The keywords are those the file's constructions pass: calls of the class's name and of every name
/// the file binds to it (<c>block = Unit</c>, a parameter defaulting to it); each becomes a
/// keyword-only argument with the torch default the layer's map entry declares (none: required, as
/// torch requires it). A construction passing nothing else computes what torch computed; one passing
/// a keyword no construction of the file passes is refused by the Flax module (an unknown field), never
/// computed differently. A constructor that reads its <c>**kwargs</c> only by constant keys
/// (<c>kwargs.pop("k", False)</c>, or <c>"k" in kwargs</c> guarding <c>kwargs["k"]</c>) has them named the
/// same way, by <see cref="ReadKeywords"/>; one that passes its <c>**kwargs</c> whole to a module class of
/// the file or of another file of the run has that class's keywords named (<see cref="ConstructorSignature"/>).
/// </summary>
/// <remarks>
/// Caveats: the class stays as it is (and <c>ModuleClasses</c> reports it, SWR3006) when the
/// constructor reads <c>**kwargs</c> anywhere else, forwards it to anything but a torch entry with a
/// <c>params</c> list, or unpacks <c>*args</c> into the same call; when a construction unpacks
/// <c>**</c> or passes a keyword the layer does not take; or when no construction is visible in the file.
/// </remarks>
public static class ForwardedKeywords
{
    /// <summary>The tree with the forwarded keywords named (parsed again), or the same tree when no class forwards any.</summary>
    public static SyntaxTree Specialise(SyntaxTree tree, MapSet maps) => Specialise(tree, maps, new HashSet<string>(), out _);

    /// <summary>
    /// As <see cref="Specialise(SyntaxTree, MapSet)"/>, leaving the classes named in <paramref name="except"/> as written;
    /// <paramref name="named"/> says which classes had their keywords named.
    /// </summary>
    public static SyntaxTree Specialise(SyntaxTree tree, MapSet maps, IReadOnlySet<string> except, out IReadOnlyList<string> named,
        string modulePath = "", ProjectModules? project = null)
    {
        named = [];
        if (tree.Root is null || tree.Diagnostics.Any(d => d.Severity == Severity.Error) || !tree.Source.Text.Contains("**", StringComparison.Ordinal))
        {
            return tree;
        }
        var candidates = ParseTrees.Descendants<PythonParser.Class_defContext>(tree.Root)
            .Where(c => !except.Contains(c.name().GetText()) && ModuleClasses.Constructor(c)?.parameters()?.parameter().Any(p => p.DOUBLESTAR() is not null) == true)
            .ToList();
        if (candidates.Count == 0)
        {
            return tree;
        }
        var model = SemanticModel.Build(tree);
        var constructors = Constructors(tree.Root, model, maps, modulePath, project ?? ProjectModules.Empty);
        var edits = new List<(int Start, int Stop, string Text)>();
        var classes = new List<string>();
        foreach (var cls in candidates)
        {
            if ((ModelBases.Has(cls, model, maps) || ModelBases.Of(cls).Any(b => constructors.ContainsKey(b.GetText()))) && (Edits(cls, tree.Root, model, maps) ?? ClassEdits(cls, constructors, keepIgnored: ModelBases.Has(cls, model, maps)) ?? ReadKeywords.Edits(ModuleClasses.Constructor(cls)!)) is { } found)
            {
                edits.AddRange(found);
                classes.Add(cls.name().GetText());
            }
        }
        if (SourceRewrite.Apply(tree, edits) is not { } specialised)
        {
            return tree;
        }
        named = classes;
        return specialised;
    }

    /// <summary>The two replacements (the <c>**kwargs</c> parameter, and its unpacking in the layer's call), or null when the class does not forward its keywords as this reads them.</summary>
    private static List<(int, int, string)>? Edits(PythonParser.Class_defContext cls, PythonParser.File_inputContext root, SemanticModel model, MapSet maps)
    {
        if (Forwarding(cls) is not var (init, parameters, variadic, unpacked, call, arguments)
            || model.QualifiedName(call.expr()) is not { } target || maps.Find(target) is not { Parameters.Count: > 0 } entry)
        {
            return null;
        }
        // What the call passes itself: its positional arguments take the first parameters, its keywords their own.
        int positional = arguments.Count(a => a is PythonParser.PositionalArgumentContext);
        var taken = entry.Parameters.Take(positional).Select(p => p.Name)
            .Concat(arguments.OfType<PythonParser.KeywordArgumentContext>().Select(k => k.name().GetText()))
            .Concat(parameters.Where(p => p.name() is not null).Select(p => p.name().GetText()))
            .ToHashSet(StringComparer.Ordinal);
        if (Passed(cls.name().GetText(), root) is not { } passed)
        {
            return null;
        }
        var forwarded = new List<SourceParameter>();
        foreach (var keyword in passed.Where(k => !taken.Contains(k)))
        {
            if (entry.Parameters.FirstOrDefault(p => p.Name == keyword && p.Kind is ParameterKind.PositionalOrKeyword or ParameterKind.KeywordOnly) is not { } parameter)
            {
                return null;
            }
            forwarded.Add(parameter);
        }
        forwarded = forwarded.OrderBy(p => entry.Parameters.ToList().IndexOf(p)).ToList();
        bool keywordOnly = parameters.Any(p => p.STAR() is not null);
        var fields = forwarded.Select(p => p.Default is null ? p.Name : $"{p.Name}={p.Default}");
        var declared = string.Join(", ", (keywordOnly || forwarded.Count == 0 ? fields : fields.Prepend("*")));
        var passedOn = string.Join(", ", forwarded.Select(p => $"{p.Name}={p.Name}"));
        return [Replacement(variadic, declared, parameters), Replacement(unpacked, passedOn, arguments)];
    }

    /// <summary>
    /// The constructors of the module classes a file may call by name: its own (as written, the keys their
    /// <c>**kwargs</c> reads among them) and those it imports from the files converted with it, as the module
    /// index knows them (<see cref="ProjectModules.Signature"/>).
    /// </summary>
    private static Dictionary<string, ConstructorSignature> Constructors(PythonParser.File_inputContext root, SemanticModel model, MapSet maps,
        string modulePath, ProjectModules project)
    {
        var constructors = new Dictionary<string, ConstructorSignature>(StringComparer.Ordinal);
        if (!ReferenceEquals(project, ProjectModules.Empty))
        {
            foreach (var (name, qualified) in ModuleSummary.ImportsOf(model))
            {
                if (project.Signature(modulePath, qualified) is { } imported)
                {
                    constructors[name] = imported;
                }
            }
        }
        foreach (var group in root.statement().Select(s => s.class_def()).OfType<PythonParser.Class_defContext>().GroupBy(c => c.name().GetText()))
        {
            constructors.Remove(group.Key);
            if (group.Count() == 1 && ModelBases.Has(group.Single(), model, maps) && ConstructorSignature.Of(group.Single()) is { } own)
            {
                constructors[group.Key] = own;
            }
        }
        return constructors;
    }

    /// <summary>
    /// The replacements when the class passes its <c>**kwargs</c> whole to a module class whose constructor is known
    /// (<paramref name="constructors"/>): every keyword that constructor takes and the call does not pass becomes a
    /// keyword-only argument with the same literal default (none: required), passed on by name; the <c>**kwargs</c>
    /// stays, read nowhere, where that constructor ignores other keywords as torch does (so a construction unpacking a
    /// mapping passes on only the named ones: <see cref="ModuleClasses.IgnoredVariadics"/>), and goes where it takes
    /// none or the class derives from a module class (whose fields leave no room for it: another keyword is refused,
    /// never computed differently). Null when the class does not forward its keywords so, or that constructor's are not all known (it reads
    /// its <c>**kwargs</c> otherwise, or a default is no literal).
    /// </summary>
    private static List<(int, int, string)>? ClassEdits(PythonParser.Class_defContext cls, IReadOnlyDictionary<string, ConstructorSignature> constructors, bool keepIgnored)
    {
        if (Forwarding(cls) is not var (init, parameters, variadic, unpacked, call, arguments)
            || Callee(cls, call) is not { } callee || callee == cls.name().GetText()
            || !constructors.TryGetValue(callee, out var signature)
            || signature.Parameters.Any(p => p.Kind is ConstructorParameterKind.ReadKeywords or ConstructorParameterKind.ReadArgs))
        {
            return null;
        }
        int positional = arguments.Count(a => a is PythonParser.PositionalArgumentContext);
        var byPosition = signature.Parameters.Where(p => p.Kind == ConstructorParameterKind.PositionalOrKeyword).ToList();
        if (positional > byPosition.Count && !signature.Parameters.Any(p => p.Kind == ConstructorParameterKind.IgnoredArgs))
        {
            return null;
        }
        var taken = byPosition.Take(positional).Select(p => p.Name)
            .Concat(arguments.OfType<PythonParser.KeywordArgumentContext>().Select(k => k.name().GetText()))
            .Concat(parameters.Where(p => p.name() is not null).Select(p => p.name().GetText()))
            .ToHashSet(StringComparer.Ordinal);
        var used = ParseTrees.Descendants<PythonParser.NameAtomContext>(init.block()).Select(n => n.GetText()).ToHashSet(StringComparer.Ordinal);
        var forwarded = signature.Parameters.Where(p => p.ByKeyword && !taken.Contains(p.Name)).ToList();
        if (forwarded.Any(p => p.OpaqueDefault || used.Contains(p.Name) || ReadKeywords.LinenFields.Contains(p.Name)))
        {
            return null;
        }
        // A subclass of a module class has no field for an ignored **kwargs (its fields are its base's and its own): it takes the named keywords only.
        bool ignoresOthers = keepIgnored && signature.Parameters.Any(p => p.Kind == ConstructorParameterKind.IgnoredKeywords);
        bool keywordOnly = parameters.Any(p => p.STAR() is not null);
        var fields = forwarded.Select(p => p.Default is null ? p.Name : $"{p.Name}={p.Default}").ToList();
        if (ignoresOthers)
        {
            if (forwarded.Count == 0)
            {
                return [Replacement(unpacked, "", arguments)];
            }
            fields.Add(variadic.GetText());
        }
        var declared = string.Join(", ", keywordOnly || forwarded.Count == 0 ? fields : fields.Prepend("*"));
        var passedOn = string.Join(", ", forwarded.Select(p => $"{p.Name}={p.Name}"));
        return [Replacement(variadic, declared, parameters), Replacement(unpacked, passedOn, arguments)];
    }

    /// <summary>
    /// The constructor's <c>**NAME</c>, read once, as the one unpacked argument of a call (<c>Layer(a, **NAME)</c>):
    /// the constructor, its parameters after self, the variadic parameter, the unpacking, the call and its arguments;
    /// else null.
    /// </summary>
    private static (PythonParser.Function_defContext Init, List<PythonParser.ParameterContext> Parameters, PythonParser.ParameterContext Variadic,
        PythonParser.DoubleStarArgumentContext Unpacked, PythonParser.CallExprContext Call, IReadOnlyList<PythonParser.ArgumentContext> Arguments)? Forwarding(PythonParser.Class_defContext cls)
    {
        var init = ModuleClasses.Constructor(cls)!;
        var parameters = init.parameters().parameter().Skip(1).ToList();
        var variadic = parameters.First(p => p.DOUBLESTAR() is not null);
        var name = variadic.name().GetText();
        var reads = ParseTrees.Descendants<PythonParser.NameAtomContext>(init.block()).Where(n => n.GetText() == name).ToList();
        if (reads is not [var only]
            || ParseTrees.Descendants<PythonParser.DoubleStarArgumentContext>(init.block()).FirstOrDefault(d => ReferenceEquals(SyntaxShapes.AtomOf(d.expression()), only)) is not { } unpacked
            || unpacked.Parent?.Parent is not PythonParser.CallExprContext call)
        {
            return null;
        }
        var arguments = CallArguments.Of(call.arguments());
        return arguments.Count(a => a is PythonParser.StarArgumentContext or PythonParser.DoubleStarArgumentContext) == 1
            ? (init, parameters, variadic, unpacked, call, arguments)
            : null;
    }

    /// <summary>The class a call constructs by name (<c>Block(...)</c>), or the base whose constructor it calls (<c>super().__init__(...)</c>, the class's one base); else null.</summary>
    private static string? Callee(PythonParser.Class_defContext cls, PythonParser.CallExprContext call)
    {
        if (SyntaxShapes.AtomOf(call.expr()) is PythonParser.NameAtomContext name)
        {
            return name.GetText();
        }
        return call.expr() is PythonParser.AttributeExprContext { } attribute && attribute.name().GetText() == "__init__"
            && attribute.expr() is PythonParser.CallExprContext { } inner && inner.expr().GetText() == "super"
            && CallArguments.Of(inner.arguments()).Count == 0 && ModelBases.Of(cls).ToList() is [var only]
            && SyntaxShapes.AtomOf(only) is PythonParser.NameAtomContext basis
            ? basis.GetText() : null;
    }

    /// <summary>Replaces a parameter or argument; when the replacement is empty, with the comma before it (or, first, after it).</summary>
    private static (int, int, string) Replacement<T>(ParserRuleContext node, string text, IReadOnlyList<T> siblings) where T : ParserRuleContext
    {
        if (text.Length > 0)
        {
            return (node.Start.StartIndex, node.Stop.StopIndex, text);
        }
        int index = siblings.ToList().FindIndex(s => ReferenceEquals(s, node));
        return index > 0
            ? (siblings[index - 1].Stop.StopIndex + 1, node.Stop.StopIndex, "")
            : (node.Start.StartIndex, index + 1 < siblings.Count ? siblings[index + 1].Start.StartIndex - 1 : node.Stop.StopIndex, "");
    }

    /// <summary>
    /// The keywords the file's constructions of a class pass: calls of its name or of a name the file
    /// binds to it (an assignment of the name, a parameter defaulting to it); null when a construction
    /// unpacks <c>**</c>, so its keywords are not known.
    /// </summary>
    private static HashSet<string>? Passed(string cls, PythonParser.File_inputContext root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { cls };
        foreach (var statement in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(root))
        {
            if (statement.assigned_value() is [.., var value] && value.GetText() == cls && statement.star_expressions() is { } targets
                && targets.GetText() is var target && target.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                names.Add(target);
            }
        }
        foreach (var parameter in ParseTrees.Descendants<PythonParser.ParameterContext>(root))
        {
            if (parameter.name() is { } named && parameter.expression()?.GetText() == cls)
            {
                names.Add(named.GetText());
            }
        }
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        bool seen = false;
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(root))
        {
            if (SyntaxShapes.AtomOf(call.expr()) is not PythonParser.NameAtomContext callee || !names.Contains(callee.GetText()))
            {
                continue;
            }
            seen = true;
            foreach (var argument in CallArguments.Of(call.arguments()))
            {
                switch (argument)
                {
                    case PythonParser.DoubleStarArgumentContext:
                        return null;
                    case PythonParser.KeywordArgumentContext keyword:
                        keywords.Add(keyword.name().GetText());
                        break;
                }
            }
        }
        return seen ? keywords : null;
    }
}
