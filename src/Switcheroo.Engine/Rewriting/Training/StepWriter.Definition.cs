using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

// The compiled step function, written before the outermost loop.
internal sealed partial class StepWriter
{
    private const string FirstBatchComment = "# created from the first batch: Flax infers the shapes of the variables from an input";

    /// <summary>
    /// <c>@functools.partial(jax.jit, static_argnums=0) def train_step(...)</c> with its loss function
    /// (the moved loss statements), then <c>params = None</c>, ending at the loop's indentation.
    /// </summary>
    private TextPart[] Definition(bool newKey, IReadOnlyList<string> arguments, IReadOnlyList<string> returned, IReadOnlyList<string> outputs)
    {
        var definition = new List<PyStatement>();
        if (newKey)
        {
            definition.Add(PyAssign.Of(Py.Named(_key), Py.CallOf(Target("jax.random.PRNGKey"), PyLiteral.Int(0))));
        }
        var extra = new List<PyKeyword>();
        if (_batchStats)
        {
            extra.Add(new PyKeyword("mutable", new PyList([PyLiteral.String("batch_stats")])));
        }
        if (_streams.Count > 0)
        {
            extra.Add(new PyKeyword("rngs", Rngs()));
        }
        var loss = Region(_outer + _unit + _unit, EditForward(context.StepNames.Variables(step).Dict(), extra));
        var aux = (_batchStats ? [new PySubscript(Named("mutated"), PyLiteral.String("batch_stats"))] : Array.Empty<Py>())
            .Concat(outputs.Select(Py.Named)).ToList();
        var auxTargets = (_batchStats ? [Named("batch_stats")] : Array.Empty<Py>()).Concat(outputs.Select(Py.Named)).ToList();
        loss.Add(new PyReturn(aux.Count > 0 ? [Py.Named(step.Loss), Py.TupleOf(aux)] : [Py.Named(step.Loss)]));
        var valueAndGrad = aux.Count > 0
            ? new PyCall(Target("jax.value_and_grad"), [Named("loss_fn")], [new PyKeyword("has_aux", PyLiteral.Bool(true))])
            : Py.CallOf(Target("jax.value_and_grad"), Named("loss_fn"));
        var body = new List<PyStatement>
        {
            new PyDef([], Name("loss_fn"), [Name("params")], loss),
            new PyAssign([aux.Count > 0 ? Py.TupleOf([Py.Named(step.Loss), Py.TupleOf(auxTargets)]) : Py.Named(step.Loss), Named("grads")],
                [Py.CallOf(valueAndGrad, Named("params"))]),
            new PyAssign([Named("updates"), Named("opt_state")],
                [Py.CallOf(new PyAttribute(Py.Named(step.Optimizer), "update"), Named("grads"), Named("opt_state"), Named("params"))]),
            PyAssign.Of(Named("params"), Py.CallOf(Target("optax.apply_updates"), Named("params"), Named("updates"))),
            new PyReturn(returned.Select(Py.Named).ToList()),
        };
        var jit = new PyCall(Target("functools.partial"), [Target("jax.jit")], [new PyKeyword("static_argnums", PyLiteral.Int(0))]);
        definition.Add(new PyDef([jit], Name("train_step"), arguments, body));
        definition.Add(new PyBlankLine());
        if (step.Caller is null)
        {
            definition.Add(PyAssign.Of(Named("params"), new PyLiteral("None")) with { Comment = FirstBatchComment });
        }
        return [.. Lines(definition, _outer), context.Edits.Newline() + _outer];
    }

    /// <summary>
    /// The model's call in the loss computation, applied to the variables: in place, or, when it
    /// is part of a larger expression and the running statistics come back with it, on a line of
    /// its own before its statement (<c>output, mutated = model.apply(...)</c>).
    /// </summary>
    private (PythonParser.StatementContext Statement, PyStatement Line)? EditForward(Py variables, IReadOnlyList<PyKeyword> extra)
    {
        var forward = step.Forward;
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(forward)!;
        var assignment = (PythonParser.Expression_stmtContext)statement.simple_stmt(0);
        bool whole = assignment.EQUAL().Length == 1 && SyntaxShapes.AtomOf(assignment.assigned_value(0)) == forward
            && StepPattern.TargetNames(assignment.star_expressions()) is { Count: 1 };
        if (_batchStats && !whole)
        {
            var line = new PyAssign([Named("output"), Named("mutated")], [_calls.Applied(forward, variables, extra)]);
            context.Plan.Replace(forward, Name("output"));
            return (statement, line);
        }
        if (_batchStats)
        {
            context.Plan.InsertAfter(assignment.star_expressions(), ", " + Name("mutated"));
        }
        _calls.Apply(forward, variables, extra);
        return null;
    }

    /// <summary>The loss computation's statements, moved into the loss function with their edits and comments.</summary>
    private List<PyStatement> Region(string indentation, (PythonParser.StatementContext Statement, PyStatement Line)? hoisted)
    {
        var statements = new List<PyStatement>();
        for (int i = 0; i < step.Region.Count; i++)
        {
            var statement = step.Region[i];
            // the comment lines above a statement move with it (for the first one: those directly above)
            int after = i > 0 ? step.Region[i - 1].Stop.TokenIndex : CommentsAbove(step.First) - 1;
            statements.AddRange(CommentsBetween(after, statement.Start.TokenIndex).Select(comment => new PyCommentLine(comment)));
            if (hoisted is { } h && h.Statement == statement)
            {
                statements.Add(h.Line);
            }
            context.Edits.Relocate(statement.Start.TokenIndex, indentation);
            statements.Add(new PySourceStatement([new TextPart.Source(statement.Start.TokenIndex, statement.Stop.TokenIndex - 1)]));
        }
        return statements;
    }

    /// <summary>Comments of the replaced lines that do not move with a statement of the loss computation: kept above the new lines.</summary>
    private IEnumerable<PyStatement> LeftComments()
    {
        for (int t = step.Region[0].Start.TokenIndex; t <= step.End.Stop.TokenIndex; t++)
        {
            var token = context.Tree.Tokens[t];
            if (token.Type == PythonLexer.COMMENT && !step.InRegion(t) && !InGap(t))
            {
                yield return new PyCommentLine(token.Text);
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
