using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// A check that follows the shared walk (<see cref="ScopeWalker"/>): <see cref="SyntaxChecks"/>
/// replays the walk once for all such checks of a stage, rather than once per check.
/// </summary>
internal interface IWalkingCheck : ISyntaxCheck
{
    /// <summary>A walker that reports this check's violations to <paramref name="report"/>.</summary>
    ScopeWalker CreateWalker(CheckReporter report);

    void ISyntaxCheck.Check(PythonParser.File_inputContext root, CheckReporter report) => CreateWalker(report).Walk(root);
}
