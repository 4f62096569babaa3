using Antlr4.Runtime;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Binding;

/// <summary>One argument of a call, named by the torch parameter it binds to.</summary>
public sealed record BoundArgument(string Parameter, PythonParser.ArgumentContext Node, ParserRuleContext Value, bool IsKeyword, int Index);

/// <summary>
/// Binds a call's arguments to a torch signature as Python would: positional arguments in order
/// (surplus ones to <c>*args</c>), keywords by name. Fails, with a reason, on <c>*</c>/<c>**</c>
/// unpacking, unknown keywords and surplus positionals, which cannot be mapped statically.
/// </summary>
public static class CallArguments
{
    public static IReadOnlyList<PythonParser.ArgumentContext> Of(PythonParser.ArgumentsContext? arguments) =>
        arguments?.argument() ?? Array.Empty<PythonParser.ArgumentContext>();

    public static IReadOnlyList<BoundArgument>? Bind(PythonParser.ArgumentsContext? arguments, IReadOnlyList<SourceParameter> parameters, out string? problem)
    {
        problem = null;
        var bound = new List<BoundArgument>();
        var positional = parameters.Where(p => p.Kind == ParameterKind.PositionalOrKeyword).ToList();
        var varPositional = parameters.FirstOrDefault(p => p.Kind == ParameterKind.VarPositional);
        var all = Of(arguments);
        for (int i = 0; i < all.Count; i++)
        {
            switch (all[i])
            {
                case PythonParser.PositionalArgumentContext p when p.comprehension() is null:
                    var count = bound.Count(b => !b.IsKeyword);
                    var parameter = count < positional.Count ? positional[count].Name : varPositional?.Name;
                    if (parameter is null)
                    {
                        problem = $"too many positional arguments (the map knows {positional.Count})";
                        return null;
                    }
                    bound.Add(new BoundArgument(parameter, p, p.NamedExpression(), false, i));
                    break;
                case PythonParser.KeywordArgumentContext k:
                    var name = k.name().GetText();
                    if (!parameters.Any(x => x.Name == name && x.Kind is ParameterKind.PositionalOrKeyword or ParameterKind.KeywordOnly))
                    {
                        problem = $"keyword argument '{name}' is not in the mapped signature";
                        return null;
                    }
                    bound.Add(new BoundArgument(name, k, k.expression(), true, i));
                    break;
                default:
                    problem = "arguments unpacked with * or ** (or a generator argument) cannot be mapped statically";
                    return null;
            }
        }
        var duplicate = bound.GroupBy(b => b.Parameter).FirstOrDefault(g => g.Count() > 1 && g.Key != varPositional?.Name);
        if (duplicate is not null)
        {
            problem = $"'{duplicate.Key}' is given twice";
            return null;
        }
        return bound;
    }
}
