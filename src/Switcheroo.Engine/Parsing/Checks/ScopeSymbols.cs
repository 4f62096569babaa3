using System.Runtime.InteropServices;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>How a name occurs in a scope, as the flags of CPython's symbol table.</summary>
[Flags]
internal enum SymbolFlags
{
    None = 0,
    Parameter = 1,
    Used = 2,
    Annotated = 4,
    Assigned = 8,
    Imported = 16,
    Global = 32,
    Nonlocal = 64,
}

/// <summary>The flags of the names of one <see cref="Scope"/>, in the order they first occur.</summary>
internal sealed class ScopeSymbols
{
    public static readonly ScopeSymbols None = new();

    private readonly Dictionary<string, SymbolFlags> flags = new(StringComparer.Ordinal);
    private readonly List<string> order = new();
    private readonly Dictionary<string, ParserRuleContext> directives = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names => order;

    public SymbolFlags this[string name] => flags.GetValueOrDefault(name);

    public void Add(string name, SymbolFlags flag)
    {
        ref var current = ref CollectionsMarshal.GetValueRefOrAddDefault(flags, name, out bool known);
        if (!known)
        {
            order.Add(name);
        }
        current |= flag;
    }

    /// <summary>Remembers the first global or nonlocal statement of a name, where CPython reports what is wrong with it.</summary>
    public void AddDirective(string name, ParserRuleContext statement) => directives.TryAdd(name, statement);

    public ParserRuleContext Directive(string name) => directives[name];

    /// <summary>The names bound in this scope: assigned, parameters, imported, and not declared global or nonlocal.</summary>
    public IEnumerable<string> Locals => order.Where(name =>
        (flags[name] & (SymbolFlags.Assigned | SymbolFlags.Parameter | SymbolFlags.Imported)) != 0
        && (flags[name] & (SymbolFlags.Global | SymbolFlags.Nonlocal)) == 0);
}

/// <summary>A name in a global or nonlocal statement, with what its scope knew of it before.</summary>
internal readonly record struct Declaration(ParserRuleContext Statement, string Name, SymbolFlags Kind, SymbolFlags Before);

/// <summary>An annotated name target (<c>x: int</c>), with what its scope knew of it before.</summary>
internal readonly record struct AnnotatedName(PythonParser.Expression_stmtContext Statement, string Name, SymbolFlags Before, bool Simple, Scope Scope);
