using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking;

/// <summary>
/// A class of the output whose bases resolve to <c>flax.linen.Module</c> (directly or through
/// another such class of the file), with what the rules ask of it: its dataclass fields (the
/// class-level annotated names, its Linen bases' fields, and Linen's own <c>name</c> and
/// <c>parent</c>) and its <c>setup</c>.
/// </summary>
internal sealed class LinenClass(PythonParser.Class_defContext node, IReadOnlyDictionary<string, PythonParser.Expression_stmtContext> fields)
{
    /// <summary>Fields every Linen module has: assigning them in setup is as wrong as assigning one's own.</summary>
    public static readonly IReadOnlyList<string> BuiltInFields = ["name", "parent"];

    public PythonParser.Class_defContext Node { get; } = node;

    public string Name => Node.name().GetText();

    /// <summary>Own fields: name → the annotated statement (with its default, if any).</summary>
    public IReadOnlyDictionary<string, PythonParser.Expression_stmtContext> OwnFields { get; } = fields;

    /// <summary>Names of every field: own, inherited from Linen bases of the file, and Linen's own.</summary>
    public HashSet<string> AllFields { get; } = new(fields.Keys.Concat(BuiltInFields), StringComparer.Ordinal);

    /// <summary>The methods defined in the class body, by name (the last definition wins, as in Python).</summary>
    public IReadOnlyDictionary<string, PythonParser.Function_defContext> Methods { get; } = MethodsOf(node);

    public PythonParser.Function_defContext? Setup => Methods.GetValueOrDefault("setup");

    /// <summary>The statements directly in the class body.</summary>
    public static IEnumerable<PythonParser.StatementContext> Body(PythonParser.Class_defContext node) =>
        node.block().statement() is { Length: > 0 } statements ? statements : [];

    /// <summary>The class-level annotated names of a class body (<c>classes: int = 10</c>).</summary>
    public static Dictionary<string, PythonParser.Expression_stmtContext> FieldsOf(PythonParser.Class_defContext node)
    {
        var fields = new Dictionary<string, PythonParser.Expression_stmtContext>(StringComparer.Ordinal);
        foreach (var line in Body(node).Select(s => s.SimpleLine()).OfType<PythonParser.ISimpleLine>())
        {
            foreach (var statement in line.simple_stmt().OfType<PythonParser.Expression_stmtContext>())
            {
                if (statement.annotation() is not null && SyntaxFacts.NameOf(SyntaxFacts.Expr(statement.star_expressions())) is { } name)
                {
                    fields[name] = statement;
                }
            }
        }
        return fields;
    }

    private static Dictionary<string, PythonParser.Function_defContext> MethodsOf(PythonParser.Class_defContext node)
    {
        var methods = new Dictionary<string, PythonParser.Function_defContext>(StringComparer.Ordinal);
        foreach (var statement in Body(node))
        {
            var function = statement.function_def() ?? statement.decorated()?.function_def();
            if (function is not null)
            {
                methods[function.name().GetText()] = function;
            }
        }
        return methods;
    }

    /// <summary>The statement lines of a function's body, nested blocks included, but not nested functions or classes.</summary>
    public static IEnumerable<PythonParser.ISimpleLine> LinesOf(PythonParser.Function_defContext function) =>
        ParseTrees.Descendants<PythonParser.ISimpleLine>(function.block())
            .Where(s => s.simple_stmt().Length > 0 && SyntaxFacts.EnclosingFunction((Antlr4.Runtime.ParserRuleContext)s) == function);
}
