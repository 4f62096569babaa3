using Antlr4.Runtime;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// A piece of replacement text: literal text, or the original source of a node with the plan's
/// own edits inside it applied. Composing replacements from node parts is what lets an outer edit
/// (rebuilding a call's arguments) keep the edits already planned inside those arguments.
/// </summary>
public abstract record TextPart
{
    public static implicit operator TextPart(string text) => new Literal(text);

    public static TextPart Of(ParserRuleContext node) => new Source(node.Start.TokenIndex, node.Stop.TokenIndex);

    public sealed record Literal(string Text) : TextPart;

    /// <summary>Tokens <see cref="First"/>..<see cref="Last"/> (inclusive) as they will be rendered.</summary>
    public sealed record Source(int First, int Last) : TextPart
    {
        /// <summary>
        /// The precedence the place this node was written into requires (<c>Syntax.PyPrecedence</c>; 0, anything,
        /// by default): a replacement of the whole node planned with a looser precedence
        /// (<see cref="EditPlan.ReplaceExpression"/>) is rendered in parentheses there.
        /// </summary>
        public int Required { get; init; }
    }

    /// <summary>
    /// Text known only once every edit is planned, asked for when the plan is rendered: the marker
    /// comments of code that moved (<see cref="Reporter.MarkersMovedWith"/>).
    /// </summary>
    public sealed record Deferred(Func<string> Text) : TextPart;
}
