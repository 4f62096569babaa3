using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// The value analysis of one file (docs/maps.md, "Which values are tensors"): every scope's
/// forward flow (<see cref="ScopeFlow"/>), repeated over the whole file until the facts that
/// cross functions (<see cref="ProgramFacts"/>: parameters of closed functions, returns, class
/// attributes, summaries) stop growing; a pass re-runs only the scopes that read a fact changed
/// since their last run. A question about an expression is then answered from
/// the values its names had where they are read.
/// </summary>
public sealed class ValueAnalysis
{
    private const int PassesBeforeWidening = 8;

    private readonly AnalysisContext _context;
    private readonly Dictionary<ParserRuleContext, Value> _records = new(ReferenceEqualityComparer.Instance);

    public ValueAnalysis(SemanticModel model, MapSet maps, IReadOnlyDictionary<string, ClassFacts>? importedClasses = null)
        : this(model, maps, importedClasses, null)
    {
    }

    /// <param name="linked">the file's link to the other project files' functions (<see cref="ProjectFunctions.For"/>); none for a file alone</param>
    internal ValueAnalysis(SemanticModel model, MapSet maps, IReadOnlyDictionary<string, ClassFacts>? importedClasses, LinkedFunctions? linked)
    {
        _context = new AnalysisContext(model, maps, importedClasses ?? new Dictionary<string, ClassFacts>(), linked ?? LinkedFunctions.None(model));
        var scopes = model.Scopes.Where(s => s.Kind is ScopeKind.Module or ScopeKind.Class or ScopeKind.Function)
            .Select(s => new ScopeRun(s)).ToList();
        var calledElsewhere = TopLevelFunctions(model).Where(f => _context.Linked.Incoming(f.name().GetText()).Count > 0).ToList();
        for (int pass = 0; ; pass++)
        {
            _context.Facts.StartPass();
            _context.Facts.Widening = pass >= PassesBeforeWidening;
            foreach (var function in calledElsewhere.Where(_context.Shape.IsClosed))
            {
                foreach (var (parameter, value) in _context.Linked.Incoming(function.name().GetText()).SelectMany(call => call.Bind(function, skipSelf: false)))
                {
                    _context.Facts.JoinParameter(parameter, value);
                }
            }
            foreach (var run in scopes)
            {
                // A scope none of whose facts changed since its last run would read the same values,
                // record the same and join nothing new: its last run stands for this pass's.
                if (pass > 0 && !_context.Facts.ChangedSince(run.Reads, run.Time))
                {
                    continue;
                }
                run.Reads.Clear();
                run.Records.Clear();
                run.Time = _context.Facts.Time;
                _context.Facts.Reading(run.Reads);
                ScopeFlow.Run(_context, run.Scope, run.Records);
                _context.Facts.Reading(null);
            }
            if (!_context.Facts.Changed)
            {
                break;
            }
        }
        // As one pass over every scope in order would have recorded them (a later scope's record wins).
        foreach (var run in scopes)
        {
            foreach (var (node, value) in run.Records)
            {
                _records[node] = value;
            }
        }
    }

    /// <summary>A scope's last run of the flow: when it started (<see cref="ProgramFacts.Time"/>), the facts it read, what it recorded.</summary>
    private sealed class ScopeRun(Scope scope)
    {
        public Scope Scope { get; } = scope;

        public int Time { get; set; }

        public HashSet<object> Reads { get; } = new();

        public Dictionary<ParserRuleContext, Value> Records { get; } = new(ReferenceEqualityComparer.Instance);
    }

    /// <summary>The functions defined at the top of the file, each the only binding of its name (those another file can import).</summary>
    internal static IEnumerable<PythonParser.Function_defContext> TopLevelFunctions(SemanticModel model) =>
        model.Module.Bindings.Values.Where(b => b.Count == 1).Select(b => b[0].Site).OfType<PythonParser.Function_defContext>();

    /// <summary>What a function returns, as this file's analysis found (for other files: <see cref="FunctionIndex"/>).</summary>
    internal Value Returns(PythonParser.Function_defContext function) => _context.Facts.Returns(function);

    internal LinkedFunctions Linked => _context.Linked;

    /// <summary>Whether a function's calls are all in this file, each by its name (<see cref="ProgramShape.IsClosed"/>, and no other file imports it).</summary>
    internal bool CallsAllInFile(PythonParser.Function_defContext function) =>
        _context.Shape.IsClosed(function) && _context.Linked.Incoming(function.name().GetText()).Count == 0 && !_context.Linked.IsOpen(function.name().GetText());


    /// <summary>The value of an expression where it stands.</summary>
    public Value ValueOf(IParseTree expression) => new ExpressionValues(_context, new Question(this)).Of(expression);

    public bool IsTensor(IParseTree expression) => ValueOf(expression).IsTensor;

    /// <summary>A question after the flow: names read as recorded there; a read the flow never reached (dead code, a lambda's body) as its summary.</summary>
    private sealed class Question(ValueAnalysis analysis) : IValueScope
    {
        public bool Flowing => false;

        public Value Read(PythonParser.NameAtomContext use, Scope? owner) =>
            analysis._records.TryGetValue(use, out var value) ? value
            : owner is null ? Value.Unknown
            : analysis._context.Facts.Summary(owner, use.GetText());

        public void Bind(Scope? scope, string name, Value value)
        {
        }

        public void Record(PythonParser.NameAtomContext use, Value value)
        {
        }

        public Value? NarrowedAttribute(PythonParser.AttributeExprContext attribute) => analysis._records.GetValueOrDefault(attribute);

        public void ForgetAttributes()
        {
        }

        public Value Under(IParseTree condition, bool outcome, Func<Value> evaluate) => evaluate();
    }
}
