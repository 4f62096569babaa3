using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// The forward flow of one scope (the file, a class body or a function): its statements in
/// order, each name's value at each point, branches joined, loops run to their fixpoint. Every
/// name read is recorded with its value there; every binding also joins the name's summary, and
/// a function's returns join its result. Nested functions and lambdas are scopes of their own.
/// </summary>
internal sealed partial class ScopeFlow : IValueScope
{
    private const int RoundsBeforeWidening = 6;

    private readonly AnalysisContext _context;
    private readonly Scope _scope;
    private readonly Dictionary<ParserRuleContext, Value> _records;
    private readonly ExpressionValues _values;
    private readonly Stack<LoopExits> _loops = new();
    private readonly List<Dictionary<string, Value>> _tries = new();
    private Dictionary<ParserRuleContext, string>? _sites;
    private FlowState _state = FlowState.Entry();
    private Value _returns = Value.None;

    private ScopeFlow(AnalysisContext context, Scope scope, Dictionary<ParserRuleContext, Value> records)
    {
        _context = context;
        _scope = scope;
        _records = records;
        _values = new ExpressionValues(context, this);
    }

    private sealed class LoopExits
    {
        public List<FlowState> Breaks { get; } = new();

        public List<FlowState> Continues { get; } = new();
    }

    /// <param name="records">each name read's value where it stands, and each read of a narrowed attribute's</param>
    public static void Run(AnalysisContext context, Scope scope, Dictionary<ParserRuleContext, Value> records)
    {
        var flow = new ScopeFlow(context, scope, records);
        switch (scope.Node)
        {
            case PythonParser.File_inputContext file:
                flow.Statements(file.statement());
                break;
            case PythonParser.Class_defContext cls:
                flow.Block(cls.block());
                break;
            case PythonParser.Function_defContext function:
                flow.Function(function);
                break;
        }
    }

    private void Function(PythonParser.Function_defContext function)
    {
        foreach (var parameter in function.parameters()?.parameter() ?? [])
        {
            if (parameter.name() is { } name)
            {
                Assign(name.GetText(), ParameterValues.Of(_context, function, parameter));
            }
        }
        Block(function.block());
        if (_state.Reachable)
        {
            _returns = _returns.Join(Value.Unknown);
        }
        bool generator = ParseTrees.Descendants<PythonParser.Yield_exprContext>(function.block())
            .Any(y => OwningFunction(y) == function);
        _context.Facts.JoinReturns(function, function.ASYNC() is not null || generator ? Value.Unknown : _returns);
    }

    private static RuleContext? OwningFunction(RuleContext node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is PythonParser.Function_defContext or PythonParser.LambdefContext)
            {
                return current;
            }
        }
        return null;
    }

    public bool Flowing => true;

    public Value Read(PythonParser.NameAtomContext use, Scope? owner) =>
        owner is null ? Value.Unknown
        : owner == _scope ? _state[use.GetText()]
        : _context.Facts.Summary(owner, use.GetText());

    public void Bind(Scope? scope, string name, Value value)
    {
        if (scope is null)
        {
            Assign(name, value);
        }
        else
        {
            _context.Facts.JoinSummary(scope, name, value);
        }
    }

    public void Record(PythonParser.NameAtomContext use, Value value) => _records[use] = value;

    /// <summary>Binds a name at this point: in this scope's state, or, under <c>global</c>/<c>nonlocal</c>, in the summary of the scope that owns it.</summary>
    private void Assign(string name, Value value)
    {
        if (_scope.IsGlobal(name) && _scope.Parent is not null)
        {
            _context.Facts.JoinSummary(_scope.Module(), name, value);
            return;
        }
        if (_scope.IsNonlocal(name))
        {
            for (var outer = _scope.Parent; outer is not null; outer = outer.Parent)
            {
                if (outer.Kind != ScopeKind.Class && outer.Lookup(name) is not null)
                {
                    _context.Facts.JoinSummary(outer, name, value);
                    return;
                }
            }
            return;
        }
        _state[name] = value;
        _state.ForgetAttributes(key => key.StartsWith(name + ".", StringComparison.Ordinal));
        _context.Facts.JoinSummary(_scope, name, value);
        foreach (var assigned in _tries)
        {
            assigned[name] = assigned.GetValueOrDefault(name, Value.None).Join(value);
        }
    }

    private void AssignTarget(IParseTree target, Value value)
    {
        foreach (var (leaf, item) in TargetValues.Leaves(target, value))
        {
            switch (leaf)
            {
                case PythonParser.NameAtomContext name:
                    Assign(name.GetText(), item);
                    Record(name, item);
                    break;
                case PythonParser.AttributeExprContext attribute:
                    // Whatever the receiver (it may be self under another name), a narrowing of this attribute no longer holds.
                    _state.ForgetAttributes(key => key.EndsWith("." + attribute.name().GetText(), StringComparison.Ordinal));
                    var receiver = _values.Of(attribute.expr());
                    if (receiver.Kind is ValueKind.Module or ValueKind.Instance && _context.ClassNamed(receiver.Name!) is { } cls)
                    {
                        _context.Facts.JoinAttribute(cls, attribute.name().GetText(), item);
                    }
                    break;
                default:
                    _values.Of(leaf);
                    break;
            }
        }
    }

    /// <summary>Names this scope binds inside <paramref name="node"/> in ways the flow does not follow (imports, match captures): unknown.</summary>
    private void AssignUnknown(ParserRuleContext node)
    {
        _sites ??= _scope.Bindings.Values.SelectMany(b => b).GroupBy(b => b.Site)
            .ToDictionary(g => g.Key, g => g.First().Name);
        foreach (var site in ParseTrees.Descendants<ParserRuleContext>(node))
        {
            if (_sites.TryGetValue(site, out var name))
            {
                Assign(name, Value.Unknown);
            }
        }
    }
}
