namespace Switcheroo.Grammar;

public partial class PythonParser
{
    /// <summary>
    /// An atom: a name, <c>True</c>/<c>False</c>/<c>None</c>, a number, strings, <c>...</c>, or a parenthesised,
    /// list, dict or set display. The atoms are the first alternatives of <c>expr</c> (their contexts derive from
    /// <see cref="ExprContext"/>), so an operand is one node; this marks them as one kind, as CPython's grammar
    /// names them.
    /// </summary>
    public interface IAtom : Antlr4.Runtime.Tree.IParseTree
    {
    }

    public partial class NameAtomContext : IAtom
    {
    }

    public partial class ConstantAtomContext : IAtom
    {
    }

    public partial class NumberAtomContext : IAtom
    {
    }

    public partial class StringAtomContext : IAtom
    {
    }

    public partial class EllipsisAtomContext : IAtom
    {
    }

    public partial class ParenAtomContext : IAtom
    {
    }

    public partial class ListAtomContext : IAtom
    {
    }

    public partial class DictOrSetAtomContext : IAtom
    {
    }
}
