using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// What a value is where <c>isinstance(x, T)</c> was true (docs/maps.md, "Which values are tensors"):
/// a tensor for a type whose entry says <c>instances: tensor</c>; the instance of a class of the file
/// (a model when it is a module class) or of an imported model class; the object of a torch class
/// (<c>nn.Conv2d</c>: what <c>nn.Conv2d(...)</c> builds); an int for <c>int</c>; the join over a tuple of
/// types; unknown for any other type, a model base (<c>nn.Module</c>: a layer or a model) included.
/// </summary>
internal static class InstanceValues
{
    /// <summary>The narrowed value; null when the call is not the builtin <c>isinstance</c> (the file binds the name), which tells nothing.</summary>
    public static Value? Of(AnalysisContext context, PythonParser.CallExprContext call, IReadOnlyList<IParseTree> types)
    {
        if (TargetNames.Unwrap(call.expr()) is not PythonParser.NameAtomContext callee || context.OwnerOf(callee) is not null)
        {
            return null;
        }
        return types.Count == 0 ? Value.Unknown : types.Select(t => OfType(context, t)).Aggregate((a, b) => a.Join(b));
    }

    private static Value OfType(AnalysisContext context, IParseTree type)
    {
        var atom = TargetNames.Unwrap(type);
        if (atom is PythonParser.NameAtomContext name)
        {
            if (context.Shape.Definition(name) is PythonParser.Class_defContext cls)
            {
                return context.Shape.IsModule(cls) ? Value.Module(cls.name().GetText()) : Value.Instance(cls.name().GetText());
            }
            if (context.Shape.IsImportedModule(name))
            {
                return Value.Module(name.GetText());
            }
            if (context.OwnerOf(name) is null)
            {
                return name.GetText() == "int" ? Value.Int : Value.Unknown;
            }
        }
        if (SyntaxShapes.AsExpression(atom) is not { } expression || context.Model.QualifiedName(expression) is not { } qualified)
        {
            return Value.Unknown;
        }
        return context.Maps.Find(qualified) switch
        {
            { InstancesAreTensors: true } => Value.Tensor,
            { Kind: EntryKind.Class } entry when entry.Torch == qualified && !context.Maps.IsModuleBase(qualified) => Value.Object(qualified),
            _ => Value.Unknown,
        };
    }
}
