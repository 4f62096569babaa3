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

    /// <summary>What a test narrowed <c>self.NAME</c> to where it is read (<see cref="Narrowing"/>), or null: it is what its class's assignments make it.</summary>
    Value? NarrowedAttribute(PythonParser.AttributeExprContext attribute);

    /// <summary>In the flow, a call that may assign attributes (a method of a class of the file, a call passed an instance of one): narrowed attributes are forgotten.</summary>
    void ForgetAttributes();

    /// <summary>
    /// <paramref name="evaluate"/>'s value where <paramref name="condition"/> had <paramref name="outcome"/>: in the flow,
    /// the names the condition tests are narrowed meanwhile (<c>x.sum() if x is not None else 0</c>, <see cref="Narrowing"/>).
    /// </summary>
    Value Under(Antlr4.Runtime.Tree.IParseTree condition, bool outcome, Func<Value> evaluate);
}
