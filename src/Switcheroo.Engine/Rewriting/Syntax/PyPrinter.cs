using System.Text;

namespace Switcheroo.Engine.Rewriting.Syntax;

/// <summary>
/// Writes a <see cref="Py"/> tree as text parts (source parts keep their planned edits), with
/// parentheses exactly where precedence needs them: <c>(k - 1) * d</c>, <c>(-1) ** n</c>,
/// <c>(a + b).shape</c>, <c>(3).bit_length()</c>, <c>(x,)</c>.
/// </summary>
public static class PyPrinter
{
    public static TextPart[] Print(Py node) => Print(node, PyPrecedence.Any);

    /// <summary>Writes the node where at least <paramref name="required"/> is needed (in parentheses when it binds looser).</summary>
    public static TextPart[] Print(Py node, int required)
    {
        var writer = new Writer();
        writer.Write(node, required);
        return writer.Parts();
    }

    /// <summary>
    /// Arguments and keywords as a call writes them, without the parentheses: what an edit adds to
    /// a call it keeps (<c>momentum=0.9, nesterov=True</c>).
    /// </summary>
    public static TextPart[] PrintArguments(IReadOnlyList<Py> arguments, IReadOnlyList<PyKeyword> keywords)
    {
        var writer = new Writer();
        writer.Arguments(arguments, keywords);
        return writer.Parts();
    }

    /// <summary>The precedence the node is written at (without parentheses around it).</summary>
    public static int PrecedenceOf(Py node) => node switch
    {
        PyLiteral literal when literal.Text.StartsWith('-') => PyPrecedence.Unary,
        PyName or PyLiteral or PyTuple or PyList or PyDict => PyPrecedence.Atom,
        PyLambda => PyPrecedence.Lambda,
        PySource source => source.Precedence,
        PyAttribute or PyCall or PySubscript => PyPrecedence.Primary,
        PyBinary binary => PyPrecedence.OfOperator(binary.Operator),
        PyUnary { Operator: "not" } => PyPrecedence.Not,
        PyUnary => PyPrecedence.Unary,
        _ => throw new ArgumentException($"unknown node {node.GetType().Name}", nameof(node)),
    };

    private sealed class Writer
    {
        private readonly List<TextPart> _parts = [];
        private readonly StringBuilder _text = new();

        public TextPart[] Parts()
        {
            Flush();
            return _parts.ToArray();
        }

        private void Flush()
        {
            if (_text.Length > 0)
            {
                _parts.Add(_text.ToString());
                _text.Clear();
            }
        }

        /// <summary>Writes the node where at least <paramref name="required"/> is needed, in parentheses when it binds looser.</summary>
        public void Write(Py node, int required)
        {
            bool parenthesise = PrecedenceOf(node) < required || (required >= PyPrecedence.Primary && IsIntLiteral(node));
            if (!parenthesise && required > PyPrecedence.Any && node is PySource { Parts: [TextPart.Source whole] })
            {
                // A node of the source: what replaces it may bind looser than its syntax (a call written as
                // a + b), which the plan knows only once every edit is planned (EditPlan.ReplaceExpression).
                Flush();
                _parts.Add(whole with { Required = required });
                return;
            }
            if (parenthesise)
            {
                _text.Append('(');
            }
            WriteBare(node);
            if (parenthesise)
            {
                _text.Append(')');
            }
        }

        /// <summary><c>3.real</c> would lex as a float: an int literal before a dot needs parentheses.</summary>
        private static bool IsIntLiteral(Py node) => node is PyLiteral literal && literal.Text.All(char.IsAsciiDigit);

        private void WriteBare(Py node)
        {
            switch (node)
            {
                case PyName name:
                    _text.Append(name.Text);
                    break;
                case PyLiteral literal:
                    _text.Append(literal.Text);
                    break;
                case PySource source:
                    Flush();
                    _parts.AddRange(source.Parts);
                    break;
                case PyAttribute attribute:
                    Write(attribute.Value, PyPrecedence.Primary);
                    _text.Append('.').Append(attribute.Name);
                    break;
                case PyCall call:
                    Write(call.Function, PyPrecedence.Primary);
                    _text.Append('(');
                    List(call.Arguments.Concat<object>(call.Keywords).ToList());
                    _text.Append(')');
                    break;
                case PyTuple tuple:
                    _text.Append('(');
                    List(tuple.Items.Cast<object>().ToList());
                    _text.Append(tuple.Items.Count == 1 ? ",)" : ")");
                    break;
                case PySubscript subscript:
                    Write(subscript.Value, PyPrecedence.Primary);
                    _text.Append('[');
                    Write(subscript.Index, PyPrecedence.Any);
                    _text.Append(']');
                    break;
                case PyBinary binary:
                    Binary(binary);
                    break;
                case PyList list:
                    _text.Append('[');
                    List(list.Items.Cast<object>().ToList());
                    _text.Append(']');
                    break;
                case PyDict dict:
                    _text.Append('{');
                    List(dict.Entries.Cast<object>().ToList());
                    _text.Append('}');
                    break;
                case PyLambda lambda:
                    _text.Append("lambda");
                    _text.Append(lambda.Parameters.Count > 0 ? " " + string.Join(", ", lambda.Parameters) : string.Empty).Append(": ");
                    Write(lambda.Body, PyPrecedence.Any);
                    break;
                case PyUnary unary:
                    _text.Append(unary.Operator == "not" ? "not " : unary.Operator);
                    Write(unary.Operand, unary.Operator == "not" ? PyPrecedence.Not : PyPrecedence.Unary);
                    break;
            }
        }

        public void Arguments(IReadOnlyList<Py> arguments, IReadOnlyList<PyKeyword> keywords) =>
            List(arguments.Concat<object>(keywords).ToList());

        private void List(IReadOnlyList<object> items)
        {
            for (int i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    _text.Append(", ");
                }
                if (items[i] is PyKeyword keyword)
                {
                    _text.Append(keyword.Name).Append('=');
                    Write(keyword.Value, PyPrecedence.Any);
                }
                else if (items[i] is PyDictEntry entry)
                {
                    // a key is an expression, not a lambda or conditional, unparenthesised
                    Write(entry.Key, PyPrecedence.Or);
                    _text.Append(": ");
                    Write(entry.Value, PyPrecedence.Any);
                }
                else
                {
                    Write((Py)items[i], PyPrecedence.Any);
                }
            }
        }

        /// <summary>
        /// Left-associative operators take an operand of their own precedence on the left only;
        /// <c>**</c> is right-associative and takes a unary operand on its right; comparisons chain,
        /// so an operand that is itself a comparison is parenthesised on either side.
        /// </summary>
        private void Binary(PyBinary binary)
        {
            int precedence = PyPrecedence.OfOperator(binary.Operator);
            var (left, right) = precedence switch
            {
                PyPrecedence.Power => (PyPrecedence.Await, PyPrecedence.Unary),
                PyPrecedence.Comparison => (precedence + 1, precedence + 1),
                _ => (precedence, precedence + 1),
            };
            Write(binary.Left, left);
            _text.Append(' ').Append(binary.Operator).Append(' ');
            Write(binary.Right, right);
        }
    }
}
