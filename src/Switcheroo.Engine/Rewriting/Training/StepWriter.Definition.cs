using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

// The compiled step function, written before the outermost loop.
internal sealed partial class StepWriter
{
    /// <summary>
    /// <c>@functools.partial(jax.jit, static_argnums=0) def train_step(...)</c> with its loss function
    /// (the moved loss statements), then <c>params = None</c>, ending at the loop's indentation.
    /// </summary>
    private TextPart[] Definition(bool newKey, string arguments, string returned, IReadOnlyList<string> outputs)
    {
        var body = _outer + _unit;
        var lossBody = body + _unit;
        var definition = new List<TextPart>();
        if (newKey)
        {
            definition.Add($"{_key} = {Reference("jax.random.PRNGKey")}(0)");
            definition.Add(Newline(_outer));
        }
        var extra = (_batchStats ? ", mutable=[\"batch_stats\"]" : string.Empty) + (_streams.Count > 0 ? $", rngs={Rngs()}" : string.Empty);
        var hoisted = EditForward(context.StepNames.Variables(step).ToString(), extra);
        definition.AddRange(new TextPart[]
        {
            $"@{Reference("functools.partial")}({Reference("jax.jit")}, static_argnums=0)", Newline(_outer),
            $"def {Name("train_step")}({arguments}):", Newline(body),
            $"def {Name("loss_fn")}({Name("params")}):", Newline(lossBody),
        });
        AddRegion(definition, lossBody, hoisted);
        var aux = (_batchStats ? [$"{Name("mutated")}[\"batch_stats\"]"] : Array.Empty<string>()).Concat(outputs).ToList();
        var auxTargets = (_batchStats ? [Name("batch_stats")] : Array.Empty<string>()).Concat(outputs).ToList();
        var grads = Name("grads");
        definition.Add(aux.Count > 0 ? $"return {step.Loss}, {Tuple(aux)}" : $"return {step.Loss}");
        definition.Add(Newline(body));
        definition.Add(aux.Count > 0
            ? $"({step.Loss}, {Tuple(auxTargets)}), {grads} = {Reference("jax.value_and_grad")}({Name("loss_fn")}, has_aux=True)({Name("params")})"
            : $"{step.Loss}, {grads} = {Reference("jax.value_and_grad")}({Name("loss_fn")})({Name("params")})");
        definition.Add(Newline(body));
        definition.Add($"{Name("updates")}, {Name("opt_state")} = {step.Optimizer}.update({grads}, {Name("opt_state")}, {Name("params")})");
        definition.Add(Newline(body));
        definition.Add($"{Name("params")} = {Reference("optax.apply_updates")}({Name("params")}, {Name("updates")})");
        definition.Add(Newline(body));
        definition.Add($"return {returned}");
        definition.Add(context.Edits.Newline() + context.Edits.Newline() + _outer);
        definition.Add($"{Name("params")} = None  # created from the first batch: Flax infers the shapes of the variables from an input");
        definition.Add(Newline(_outer));
        return definition.ToArray();
    }

    private static string Tuple(IReadOnlyList<string> items) => items.Count == 1 ? $"({items[0]},)" : $"({string.Join(", ", items)})";

    private (PythonParser.StatementContext Statement, TextPart[] Line)? EditForward(string variables, string extra)
    {
        var forward = step.Forward;
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(forward)!;
        var assignment = statement.simple_stmts()!.simple_stmt(0).expression_stmt()!;
        bool whole = assignment.EQUAL().Length == 1 && SyntaxShapes.AtomOf(assignment.assigned_value(0)) == forward
            && StepPattern.TargetNames(assignment.star_expressions()) is { Count: 1 };
        if (_batchStats && !whole)
        {
            var line = new List<TextPart> { $"{Name("output")}, {Name("mutated")} = {step.Model}.apply({variables}" };
            if (forward.arguments() is { } arguments)
            {
                line.Add(", ");
                line.Add(TextPart.Of(arguments));
            }
            line.Add(_calls.Tail(forward, extra) + ")");
            context.Plan.Replace(forward, Name("output"));
            return (statement, line.ToArray());
        }
        if (_batchStats)
        {
            context.Plan.InsertAfter(assignment.star_expressions(), $", {Name("mutated")}");
        }
        _calls.Apply(forward, variables, extra);
        return null;
    }

    /// <summary>The loss computation's statements, moved into the loss function with their edits and comments.</summary>
    private void AddRegion(List<TextPart> parts, string indentation, (PythonParser.StatementContext Statement, TextPart[] Line)? hoisted)
    {
        for (int i = 0; i < step.Region.Count; i++)
        {
            var statement = step.Region[i];
            // the comment lines above a statement move with it (for the first one: those directly above)
            int after = i > 0 ? step.Region[i - 1].Stop.TokenIndex : CommentsAbove(statement) - 1;
            {
                foreach (var comment in CommentsBetween(after, statement.Start.TokenIndex))
                {
                    parts.Add(comment);
                    parts.Add(Newline(indentation));
                }
            }
            if (hoisted is { } h && h.Statement == statement)
            {
                parts.AddRange(h.Line);
                parts.Add(Newline(indentation));
            }
            context.Edits.Relocate(statement.Start.TokenIndex, indentation);
            parts.Add(new TextPart.Source(statement.Start.TokenIndex, statement.Stop.TokenIndex - 1));
            parts.Add(Newline(indentation));
        }
    }

    /// <summary>Comments of the replaced lines that do not move with a statement of the loss computation: kept above the new lines.</summary>
    private void AddComments(List<TextPart> parts, string indentation)
    {
        for (int t = step.Region[0].Start.TokenIndex; t <= step.StepStatement.Stop.TokenIndex; t++)
        {
            var token = context.Tree.Tokens[t];
            if (token.Type == PythonLexer.COMMENT && !step.InRegion(t) && !InGap(t))
            {
                parts.Add(token.Text);
                parts.Add(Newline(indentation));
            }
        }
    }

    /// <summary>Whether a token lies between two statements of the loss computation (its comments move with them).</summary>
    private bool InGap(int token)
    {
        for (int i = 1; i < step.Region.Count; i++)
        {
            if (step.Region[i - 1].Stop.TokenIndex < token && token < step.Region[i].Start.TokenIndex)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The first token of the comment lines directly above a statement (no code or blank line
    /// between), or the statement's own first token when there are none.
    /// </summary>
    private int CommentsAbove(PythonParser.StatementContext statement)
    {
        var tokens = context.Tree.Tokens;
        int first = statement.Start.TokenIndex;
        var indentation = Indentation(first);
        for (int t = first - 1; t >= 0; t--)
        {
            var type = tokens[t].Type;
            if (type == PythonLexer.COMMENT && Indentation(t) == indentation)
            {
                first = t;
            }
            else if (type == PythonLexer.NL && Before(t) is not PythonLexer.COMMENT)
            {
                break; // a blank line: the comments above it are not the statement's
            }
            else if (type is not (PythonLexer.WS or PythonLexer.NL or PythonLexer.INDENT or PythonLexer.DEDENT))
            {
                break; // code, or a comment indented otherwise
            }
        }
        return first;

        int Before(int t)
        {
            do
            {
                t--;
            }
            while (t >= 0 && tokens[t].Type is PythonLexer.WS);
            return t < 0 ? -1 : tokens[t].Type;
        }

        // the whitespace before a line's first token (skipping INDENT/DEDENT), empty at column 0
        string Indentation(int t)
        {
            while (t > 0 && tokens[t - 1].Type is PythonLexer.INDENT or PythonLexer.DEDENT)
            {
                t--;
            }
            return t > 0 && tokens[t - 1].Type == PythonLexer.WS ? tokens[t - 1].Text : string.Empty;
        }
    }

    private IEnumerable<string> CommentsBetween(int after, int before) =>
        Enumerable.Range(after + 1, Math.Max(0, before - after - 1))
            .Select(t => context.Tree.Tokens[t])
            .Where(t => t.Type == PythonLexer.COMMENT)
            .Select(t => t.Text);
}
