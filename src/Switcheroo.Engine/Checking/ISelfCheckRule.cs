namespace Switcheroo.Engine.Checking;

/// <summary>
/// One run-time rule of Flax or JAX that converted code must keep. A rule reads the parsed output
/// (<see cref="CheckedFile"/>) and reports each place that breaks it; whether the place is reported
/// code is decided once, by <see cref="SelfCheck"/>.
/// </summary>
internal interface ISelfCheckRule
{
    /// <summary>The rule's kebab-case name, as diagnostics, tests and docs/coverage.md name it.</summary>
    string Name { get; }

    IEnumerable<RuleHit> Check(CheckedFile file);
}

/// <summary>A place a rule found: the node (its first token gives the position) and what is wrong there.</summary>
internal readonly record struct RuleHit(Antlr4.Runtime.ParserRuleContext Node, string Message);
