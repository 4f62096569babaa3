using Switcheroo.Engine.Binding;
using Antlr4.Runtime;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// What one <c>.to(...)</c>, <c>.cuda(...)</c> or <c>.cpu()</c> call does, by what its arguments are
/// (<see cref="PlacementValue"/>): only a move to a device; a cast to a dtype (<see cref="Dtype"/>,
/// perhaps with a move, <see cref="Moves"/>); a cast to another tensor's dtype (<see cref="Like"/>,
/// <c>.to(other)</c>); or unknown, with the <see cref="Problem"/> that says why.
/// </summary>
internal sealed record Placement(ParserRuleContext? Dtype, ParserRuleContext? Like, bool Moves, string? Problem)
{
    public bool IsMoveOnly => Problem is null && Dtype is null && Like is null;

    public static Placement Of(PythonParser.CallExprContext call, bool movesItself, PlacementValue values)
    {
        ParserRuleContext? dtype = null, like = null;
        bool moves = movesItself;
        var arguments = CallArguments.Of(call.arguments());
        for (int i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case PythonParser.KeywordArgumentContext { } keyword:
                    switch (keyword.name().GetText())
                    {
                        case "dtype" when !movesItself:
                            dtype = keyword.expression();
                            break;
                        case "device":
                            moves = true;
                            break;
                        case "non_blocking" or "copy":
                            // Details of torch's copy to a device; JAX's astype always makes a new array.
                            break;
                        default:
                            return Unknown($"keyword argument '{keyword.name().GetText()}' has no JAX counterpart");
                    }
                    break;
                case PythonParser.PositionalArgumentContext { } positional when positional.comprehension() is null:
                    if (movesItself)
                    {
                        moves = true;
                        break;
                    }
                    if (i > 0 && SyntaxShapes.AtomOf(positional) is PythonParser.ConstantAtomContext)
                    {
                        break; // non_blocking or copy, by position
                    }
                    switch (values.Of(positional.NamedExpression()))
                    {
                        case PlacementKind.Device:
                            moves = true;
                            break;
                        case PlacementKind.Dtype:
                            dtype = positional.NamedExpression();
                            break;
                        case PlacementKind.Tensor when i == 0:
                            like = positional.NamedExpression();
                            break;
                        default:
                            return Unknown($"'{positional.GetText()}' may be a device, a dtype or a tensor");
                    }
                    break;
                default:
                    return Unknown("arguments unpacked with * or ** cannot be told apart statically");
            }
        }
        return new Placement(dtype, like, moves, null);
    }

    private static Placement Unknown(string problem) => new(null, null, false, problem);
}
