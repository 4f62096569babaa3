using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// Where <see cref="ExpressionValues"/> reads names: the flow of a scope while it is analysed
/// (which binds walrus targets, records what each name read was, and passes call arguments to
/// closed functions), or the finished analysis answering a question about one expression.
/// </summary>
internal interface IValueScope
{
    /// <summary>Whether this is the flow (so reads are recorded and calls pass arguments), not a question afterwards.</summary>
    bool Flowing { get; }

    /// <summary>The value of a name read whose binding is in <paramref name="owner"/> (null: unbound, a builtin).</summary>
    Value Read(PythonParser.NameAtomContext use, Scope? owner);

    /// <summary>A walrus target (<paramref name="scope"/> null: the flowing scope) or a comprehension variable bound in <paramref name="scope"/>.</summary>
    void Bind(Scope? scope, string name, Value value);

    void Record(PythonParser.NameAtomContext use, Value value);
}
