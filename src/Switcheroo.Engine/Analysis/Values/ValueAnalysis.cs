using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// The value analysis of one file (docs/maps.md, "Which values are tensors"): every scope's
/// forward flow (<see cref="ScopeFlow"/>), repeated over the whole file until the facts that
/// cross functions (<see cref="ProgramFacts"/>: parameters of closed functions, returns, class
/// attributes, summaries) stop growing. A question about an expression is then answered from
/// the values its names had where they are read.
/// </summary>
public sealed class ValueAnalysis
{
    private const int PassesBeforeWidening = 8;

    private readonly AnalysisContext _context;
    private Dictionary<PythonParser.NameAtomContext, Value> _records = new(ReferenceEqualityComparer.Instance);

    public ValueAnalysis(SemanticModel model, MapSet maps, IReadOnlyDictionary<string, ClassFacts>? importedClasses = null)
    {
        _context = new AnalysisContext(model, maps, importedClasses ?? new Dictionary<string, ClassFacts>());
        var scopes = model.Scopes.Where(s => s.Kind is ScopeKind.Module or ScopeKind.Class or ScopeKind.Function).ToList();
        for (int pass = 0; ; pass++)
        {
            _context.Facts.StartPass();
            _context.Facts.Widening = pass >= PassesBeforeWidening;
            _records = new Dictionary<PythonParser.NameAtomContext, Value>(ReferenceEqualityComparer.Instance);
            foreach (var scope in scopes)
            {
                ScopeFlow.Run(_context, scope, _records);
            }
            if (!_context.Facts.Changed)
            {
                break;
            }
        }
    }

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

        public Value Under(IParseTree condition, bool outcome, Func<Value> evaluate) => evaluate();
    }
}
