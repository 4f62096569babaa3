using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

// Statement-level edits that depend on every conversion of the file (lines put before a statement,
// a removal that code removed around it makes moot): requested by passes, settled once, at the end.
public sealed partial class EditSink
{
    private readonly Dictionary<PythonParser.StatementContext, (string Key, int Count)> _splits = new();
    private readonly List<(PythonParser.StatementContext Statement, string Condition)> _guards = new();
    private readonly List<PythonParser.StatementContext> _removals = new();

    /// <summary>
    /// Asks for one more subkey of <paramref name="key"/> before a statement and returns its name
    /// (<c>subkey</c>, <c>subkey2</c>, ...). The statement gets one split for all its requests,
    /// <c>key, subkey, subkey2 = jax.random.split(key, 3)</c>, written by <see cref="ApplyStatementLines"/>.
    /// </summary>
    internal string SplitKeyBefore(PythonParser.StatementContext statement, string key)
    {
        int count = _splits.TryGetValue(statement, out var split) ? split.Count + 1 : 1;
        _splits[statement] = (key, count);
        return RandomKeys.Subkey(count);
    }

    /// <summary>
    /// Puts a statement under <c>if CONDITION:</c>, one level deeper than where it ends up (a statement
    /// moved left out of a removed <c>with</c> is guarded there), written by <see cref="ApplyStatementLines"/>.
    /// </summary>
    internal void GuardStatement(PythonParser.StatementContext statement, string condition) => _guards.Add((statement, condition));

    /// <summary>
    /// Removes a statement (<see cref="RemoveStatement"/>) unless it lies in code a conversion
    /// already deletes or moves, which takes it along: the plan settles that itself, in
    /// <see cref="ApplyStatementLines"/>, once every conversion is planned.
    /// </summary>
    internal void RemoveStatementUnlessRemoved(PythonParser.StatementContext statement) => _removals.Add(statement);

    /// <summary>
    /// Plans the requested lines at the indentation each statement will have: called once, when every
    /// conversion is planned (moves included) and before the indentation is applied.
    /// </summary>
    internal void ApplyStatementLines()
    {
        foreach (var statement in _removals.Where(s => !Plan.IsDiscarded(s.Start.TokenIndex)))
        {
            RemoveStatement(statement);
        }
        foreach (var (statement, condition) in _guards)
        {
            var indentation = Indentation(statement.Start);
            var inner = indentation + StatementUnit;
            Plan.InsertBefore(statement, $"if {condition}:{Newline()}{inner}");
            Relocate(statement.Start.TokenIndex, inner);
        }
        foreach (var (statement, (key, count)) in _splits)
        {
            InsertStatementsBefore(statement, [RandomKeys.Split(Py.Named(Targets.Reference("jax.random.split")), key, Enumerable.Range(1, count).Select(RandomKeys.Subkey).ToList())]);
        }
    }
}
