using Switcheroo.Engine.Binding;
using Antlr4.Runtime;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>The parts of a <c>class X(nn.Module)</c> that the conversion to a Linen module works on.</summary>
internal sealed class ModuleClass
{
    private ModuleClass(PythonParser.Class_defContext node)
    {
        Node = node;
        var methods = node.block().statement()
            .Select(s => s.function_def() ?? s.decorated()?.function_def())
            .OfType<PythonParser.Function_defContext>()
            .ToList();
        Init = methods.FirstOrDefault(m => m.name().GetText() == "__init__");
        Forward = methods.FirstOrDefault(m => m.name().GetText() == "forward");
    }

    public PythonParser.Class_defContext Node { get; }

    public PythonParser.Function_defContext? Init { get; }

    public PythonParser.Function_defContext? Forward { get; }

    public string Name => Node.name().GetText();

    /// <summary>The parts of a class known to convert (a subclass of a converted module class, <see cref="DerivedModules"/>).</summary>
    public static ModuleClass Of(PythonParser.Class_defContext cls) => new(cls);

    /// <summary>The class whose bases include <paramref name="baseReference"/>, if that is where it stands.</summary>
    public static ModuleClass? WithBase(ParserRuleContext baseReference)
    {
        RuleContext? node = baseReference;
        while (node is not null and not PythonParser.ArgumentsContext)
        {
            if (node is PythonParser.StatementContext)
            {
                return null;
            }
            node = node.Parent;
        }
        return node?.Parent is PythonParser.Class_defContext cls && node == cls.arguments() ? new ModuleClass(cls) : null;
    }

    /// <summary>The constructor's <c>self.NAME = callee(...)</c> statements (nested blocks included): each target and its call.</summary>
    public IEnumerable<(PythonParser.AttributeExprContext Target, PythonParser.CallExprContext Construction)> SelfConstructions()
    {
        if (Init is null)
        {
            yield break;
        }
        foreach (var assignment in Parsing.ParseTrees.Descendants<PythonParser.Expression_stmtContext>(Init))
        {
            if (assignment.EQUAL().Length == 1
                && SyntaxShapes.AtomOf(assignment.star_expressions()) is PythonParser.AttributeExprContext { } target
                && target.expr().GetText() == "self"
                && SyntaxShapes.AtomOf(assignment.assigned_value(0)) is PythonParser.CallExprContext { } construction)
            {
                yield return (target, construction);
            }
        }
    }

    /// <summary>The constructor parameters after <c>self</c>.</summary>
    public IReadOnlyList<PythonParser.ParameterContext> InitParameters =>
        Init?.parameters()?.parameter().Skip(1).ToList() ?? new List<PythonParser.ParameterContext>();

    /// <summary>The first statement of the class body that is not its docstring: where the fields go.</summary>
    public PythonParser.StatementContext FirstMember()
    {
        var statements = Node.block().statement();
        bool docstring = statements.Length > 1 && SyntaxShapes.IsStringStatement(statements[0]);
        return statements[docstring ? 1 : 0];
    }
}
