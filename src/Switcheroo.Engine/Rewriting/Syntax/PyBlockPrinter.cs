namespace Switcheroo.Engine.Rewriting.Syntax;

/// <summary>
/// Writes <see cref="PyStatement"/>s as text parts: statements on consecutive lines at the block's
/// indentation, a compound statement's body one <c>unit</c> deeper, lines ended by the file's own
/// newline. The first line is written without indentation (the text goes where a line's code
/// starts) and the last without its end, so the caller decides what follows.
/// </summary>
public static class PyBlockPrinter
{
    public static TextPart[] Print(IReadOnlyList<PyStatement> statements, string indentation, string unit, string newline)
    {
        var parts = new List<TextPart>();
        new Writer(parts, unit, newline).Block(statements, indentation, first: true);
        return parts.ToArray();
    }

    /// <summary>A simple statement (one line): where an expression statement of the source stood, say.</summary>
    public static TextPart[] Print(PyStatement statement) =>
        statement is PyIf or PyFor or PyWith or PyDef
            ? throw new ArgumentException("a compound statement needs its block's layout", nameof(statement))
            : Print([statement], string.Empty, string.Empty, string.Empty);

    private sealed class Writer(List<TextPart> parts, string unit, string newline)
    {
        public void Block(IReadOnlyList<PyStatement> statements, string indentation, bool first)
        {
            foreach (var statement in statements)
            {
                if (!first)
                {
                    parts.Add(statement is PyBlankLine ? newline : newline + indentation);
                }
                first = false;
                Statement(statement, indentation);
            }
        }

        private void Statement(PyStatement statement, string indentation)
        {
            switch (statement)
            {
                case PyAssign assign:
                    List(assign.Targets);
                    parts.Add(" = ");
                    List(assign.Values);
                    break;
                case PyAnnotatedAssign annotated:
                    Expression(annotated.Target);
                    parts.Add(": ");
                    Expression(annotated.Annotation);
                    if (annotated.Value is { } value)
                    {
                        parts.Add(" = ");
                        Expression(value);
                    }
                    break;
                case PyExpressionStatement expression:
                    Expression(expression.Value);
                    break;
                case PyAugmentedAssign augmented:
                    Expression(augmented.Target);
                    parts.Add(" " + augmented.Written + " ");
                    Expression(augmented.Value);
                    break;
                case PyReturn { Values.Count: 0 }:
                    parts.Add("return");
                    break;
                case PyReturn @return:
                    parts.Add("return ");
                    List(@return.Values);
                    break;
                case PyIf @if:
                    parts.Add("if ");
                    Expression(@if.Test);
                    Body(@if.Body, indentation, statement.Comment);
                    return;
                case PyFor loop:
                    parts.Add($"for {loop.Target} in ");
                    Expression(loop.Iterable);
                    Body(loop.Body, indentation, statement.Comment);
                    return;
                case PyWith with:
                    parts.Add("with ");
                    for (int i = 0; i < with.Items.Count; i++)
                    {
                        parts.Add(i > 0 ? ", " : string.Empty);
                        Expression(with.Items[i].Manager);
                        parts.Add(with.Items[i].Target is { } target ? " as " + target : string.Empty);
                    }
                    Body(with.Body, indentation, statement.Comment);
                    return;
                case PyDef def:
                    foreach (var decorator in def.Decorators)
                    {
                        parts.Add("@");
                        Expression(decorator);
                        parts.Add(newline + indentation);
                    }
                    parts.Add($"def {def.Name}({string.Join(", ", def.Parameters)})");
                    Body(def.Body, indentation, statement.Comment);
                    return;
                case PyCommentLine comment:
                    parts.Add(comment.Text);
                    break;
                case PyBlankLine:
                    break;
                case PyPass:
                    parts.Add("pass");
                    break;
                case PySourceStatement source:
                    parts.AddRange(source.Parts);
                    break;
                default:
                    throw new ArgumentException($"unknown statement {statement.GetType().Name}", nameof(statement));
            }
            Comment(statement.Comment);
        }

        private void Body(IReadOnlyList<PyStatement> body, string indentation, string? comment)
        {
            parts.Add(":");
            Comment(comment);
            Block(body, indentation + unit, first: false);
        }

        private void Comment(string? comment)
        {
            if (comment is not null)
            {
                parts.Add("  " + comment);
            }
        }

        private void Expression(Py node) => parts.AddRange(PyPrinter.Print(node));

        /// <summary>A comma list of a statement (targets, values): an item that is itself a tuple keeps its parentheses.</summary>
        private void List(IReadOnlyList<Py> items)
        {
            for (int i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    parts.Add(", ");
                }
                Expression(items[i]);
            }
        }
    }
}
