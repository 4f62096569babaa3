using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing.Checks;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// The rules CPython enforces beyond its grammar (and beyond ours, which is more permissive), in
/// <c>Parsing/Checks/</c>. A file that breaks one does not compile, so it must not convert either.
/// The checks are grouped by the stage of CPython that enforces them, in the order the stages
/// run: CPython stops at the first stage that fails and, within a stage, reports the first
/// violation it meets, which is the first by position (SWR2009).
/// </summary>
internal static class SyntaxChecks
{
    private static readonly Stage[] Stages =
    {
        // The parser, retrying a failed parse with its invalid_* rules to explain the error.
        new(MarkFStrings: true,
            new OperandPlacementCheck(),
            new AssignmentTargetCheck(),
            new AugmentedAssignmentCheck(),
            new AnnotatedAssignmentCheck(),
            new BindingTargetCheck(),
            new DeleteTargetCheck(),
            new UnpackingPlacementCheck(),
            new ParameterOrderCheck(),
            new CallArgumentCheck(),
            new BytesMixCheck(),
            new FStringConversionCheck(),
            new PatternSyntaxCheck()),
        // The __future__ pass.
        new(MarkFStrings: false,
            new FutureImportCheck()),
        // The AST optimizer's recursion limit.
        new(MarkFStrings: false,
            new AstDepthCheck()),
        // The symbol table, while visiting the tree ...
        new(MarkFStrings: false,
            new DuplicateParameterCheck(),
            new DeclarationCheck(),
            new ComprehensionYieldCheck(),
            new ComprehensionWalrusCheck(),
            new ImportStarCheck(),
            new DeferredAnnotationCheck()),
        // ... and when resolving free names.
        new(MarkFStrings: false,
            new NonlocalCheck()),
        // The code generator.
        new(MarkFStrings: false,
            new FuturePlacementCheck(),
            new FunctionContextCheck(),
            // Before LoopContextCheck: CPython names except* rather than the missing loop.
            new TryHandlerCheck(),
            new LoopContextCheck(),
            new BlockNestingCheck(),
            new StarredExpressionCheck(),
            new KeywordArgumentCheck(),
            new DebugNameCheck(),
            new MatchPatternCheck()),
    };

    /// <summary>
    /// The first error of a file, if any, and its scopes: the checks build them (one walk,
    /// <see cref="ScopeBuilder"/>) and binding uses them, so no other stage walks the tree for scopes.
    /// </summary>
    /// <param name="source">The text the tree was parsed from: checks that need a word (<see cref="IWordGuardedCheck"/>) run only where one occurs.</param>
    /// <param name="parserError">An error CPython's parser raises while building the tree (a literal it cannot decode), competing by position with the first stage's.</param>
    public static (IReadOnlyList<Diagnostic> Diagnostics, FileScopes Scopes) Run(PythonParser.File_inputContext root, SourceText source, Diagnostic? parserError = null)
    {
        try
        {
            var scopes = ScopedTree.Of(root).Scopes;
            return (FirstError(root, source, parserError), scopes);
        }
        finally
        {
            ScopedTree.Release(root);
            SymbolTable.Release(root);
        }
    }

    private static IReadOnlyList<Diagnostic> FirstError(PythonParser.File_inputContext root, SourceText source, Diagnostic? parserError)
    {
        var found = new List<Diagnostic>();
        if (parserError is not null)
        {
            found.Add(parserError);
        }
        foreach (var stage in Stages)
        {
            var walked = WalkTogether(root, source, stage);
            var report = new CheckReporter(source.Path, found, stage.MarkFStrings);
            for (int i = 0; i < stage.Checks.Length; i++)
            {
                var check = stage.Checks[i];
                if (walked?[i] is { } reported)
                {
                    found.AddRange(reported);
                }
                else if (check is not IWalkingCheck && Applies(check, source))
                {
                    check.Check(root, report);
                }
            }
            if (found.Count > 0)
            {
                return new[] { found.OrderBy(d => d.Line).ThenBy(d => d.Column).First() };
            }
        }
        return found;
    }

    /// <summary>
    /// Runs the stage's checks that follow the shared walk in one replay of it (each used to replay
    /// it alone), each into a list of its own: read in the stage's order, the lists give the same
    /// order of diagnostics as running the checks one after another, so ties by position are
    /// broken as before. Null when the stage has none.
    /// </summary>
    private static List<Diagnostic>?[]? WalkTogether(PythonParser.File_inputContext root, SourceText source, Stage stage)
    {
        if (stage.Walkers == 0)
        {
            return null;
        }
        var reported = new List<Diagnostic>?[stage.Checks.Length];
        var walkers = new ScopeWalker[stage.Walkers];
        int count = 0;
        for (int i = 0; i < stage.Checks.Length; i++)
        {
            if (stage.Checks[i] is IWalkingCheck walking && Applies(walking, source))
            {
                reported[i] = new List<Diagnostic>();
                walkers[count++] = walking.CreateWalker(new CheckReporter(source.Path, reported[i]!, stage.MarkFStrings));
            }
        }
        ScopeWalker.WalkAll(root, walkers.AsSpan(0, count));
        return reported;
    }

    /// <summary>Whether a check can report on the file: one that needs a word (<see cref="IWordGuardedCheck"/>) only where it occurs.</summary>
    private static bool Applies(ISyntaxCheck check, SourceText source)
    {
        if (check is not IWordGuardedCheck guarded)
        {
            return true;
        }
        foreach (var word in guarded.Words)
        {
            if (source.Text.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <param name="MarkFStrings">CPython 3.11 parses f-string fields separately; its parser's messages there start with "f-string: ".</param>
    private sealed record Stage(bool MarkFStrings, params ISyntaxCheck[] Checks)
    {
        /// <summary>How many of the checks follow the shared walk (<see cref="IWalkingCheck"/>).</summary>
        public int Walkers { get; } = Checks.Count(check => check is IWalkingCheck);
    }
}
