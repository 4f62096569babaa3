using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>One of CPython's compile-time rules, checked over a whole parse tree.</summary>
internal interface ISyntaxCheck
{
    void Check(PythonParser.File_inputContext root, CheckReporter report);
}
