using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

// Calls and attributes: torch calls, tensor methods, the file's functions, classes and modules.
internal sealed partial class ExpressionValues
{
    private Value Call(PythonParser.CallExprContext call)
    {
        var arguments = ArgumentsOf(call);
        var value = Callee(call, arguments);
        if (scope.Flowing && (arguments.Spread || arguments.Positional.Concat(arguments.Keywords.Values).Any(v => v.Kind is ValueKind.Module or ValueKind.Instance)))
        {
            // The callee may assign attributes of the instance it was passed.
            scope.ForgetAttributes();
        }
        return value;
    }

    private Value Callee(PythonParser.CallExprContext call, CallValues arguments)
    {
        switch (call.expr())
        {
            case PythonParser.AtomExprContext { } atom when atom.atom() is PythonParser.NameAtomContext name:
                return NamedCall(call, name, arguments);
            case PythonParser.AttributeExprContext method when context.Model.QualifiedName(method) is null:
                return MethodCall(method, Of(method.expr()), arguments);
            case var callee when context.Model.QualifiedName(callee) is { } qualified:
                return QualifiedCall(qualified, arguments);
            case var callee:
                return Called(Of(callee));
        }
    }

    private CallValues ArgumentsOf(PythonParser.CallExprContext call)
    {
        var result = new CallValues([], new(StringComparer.Ordinal), false);
        bool spread = false;
        foreach (var argument in call.arguments()?.argument() ?? [])
        {
            switch (argument)
            {
                case PythonParser.PositionalArgumentContext { } positional when positional.comprehension() is { } generator:
                    result.Positional.Add(Comprehension(positional, generator, () => Of(positional.named_expression())));
                    break;
                case PythonParser.PositionalArgumentContext { } positional:
                    result.Positional.Add(Of(positional.named_expression()));
                    break;
                case PythonParser.KeywordArgumentContext { } keyword:
                    result.Keywords[keyword.name().GetText()] = Of(keyword.expression());
                    break;
                case PythonParser.StarArgumentContext { } star:
                    Of(star.expression());
                    spread = true;
                    break;
                case PythonParser.DoubleStarArgumentContext { } doubleStar:
                    Of(doubleStar.expression());
                    spread = true;
                    break;
            }
        }
        return result with { Spread = spread };
    }

    private Value NamedCall(PythonParser.CallExprContext call, PythonParser.NameAtomContext name, CallValues arguments)
    {
        var callee = Name(name);
        if (context.Linked.Callee(name) is { } imported)
        {
            // A function of another project file: what it returns there; its parameters take what this call passes.
            if (scope.Flowing)
            {
                context.Linked.Record(call, imported, arguments);
            }
            return context.Linked.Returns(imported);
        }
        switch (context.Shape.Definition(name))
        {
            case PythonParser.Function_defContext function:
                PassArguments(function, arguments, skipSelf: false);
                return context.Facts.Returns(function);
            case PythonParser.Class_defContext cls:
                return context.Shape.IsModule(cls) ? Value.Module(cls.name().GetText()) : Value.Instance(cls.name().GetText());
        }
        if (context.Shape.IsImportedModule(name))
        {
            return Value.Module(name.GetText());
        }
        if (context.OwnerOf(name) is null)
        {
            return IterableObjects.Builtin(name.GetText(), arguments.Positional) ?? Value.Unknown;
        }
        return context.Model.QualifiedName((PythonParser.ExprContext)name.Parent) is { } qualified ? QualifiedCall(qualified, arguments) : Called(callee);
    }

    /// <summary>A call of a library name: a torch function the maps say returns a tensor, or a torch constructor.</summary>
    private Value QualifiedCall(string qualified, CallValues arguments)
    {
        if (IterableObjects.PassesThrough(qualified))
        {
            return arguments.Positional.FirstOrDefault() ?? Value.Unknown;
        }
        if (!TorchNames.IsTorch(qualified))
        {
            return Value.Unknown;
        }
        return context.Maps.Find(qualified) switch
        {
            { Kind: EntryKind.Function, ReturnsTensor: true } => Value.Tensor,
            { Kind: EntryKind.Function, ReturnsTensors: true } => Value.Sequence(Value.Tensor),
            { Kind: EntryKind.Class, YieldsTensors: true } => Value.Iterable(qualified, Value.Sequence(Value.Tensor)),
            // A parameter is a tensor in torch (a subclass) and an array once converted (self.param).
            { Kind: EntryKind.Class, Instances: EntryInstances.Parameter } => Value.Tensor,
            { Kind: EntryKind.Class } => Value.Object(qualified),
            // Unmapped: a class (by Python's naming convention) builds an object; a function's result is not known.
            _ => char.IsUpper(qualified[(qualified.LastIndexOf('.') + 1)..].FirstOrDefault()) ? Value.Object(qualified) : Value.Unknown,
        };
    }

    private Value MethodCall(PythonParser.AttributeExprContext callee, Value receiver, CallValues arguments)
    {
        var name = callee.name().GetText();
        switch (receiver.Kind)
        {
            case ValueKind.None:
                return Value.None;
            case ValueKind.Tensor:
                return TensorMethod(name, anyReceiver: false) ?? Value.Unknown;
            case ValueKind.Module or ValueKind.Instance when context.ClassNamed(receiver.Name!) is { } cls:
                if (context.Shape.Method(cls, name) is { } method)
                {
                    PassArguments(method, arguments, skipSelf: true);
                    if (scope.Flowing)
                    {
                        // A method may assign the instance's attributes.
                        scope.ForgetAttributes();
                    }
                    return context.Facts.Returns(method);
                }
                return receiver.Kind == ValueKind.Module && ReturnsSelf(name) ? receiver : Called(scope.NarrowedAttribute(callee) ?? ClassAttribute(cls, name));
            case ValueKind.Module:
                return ReturnsSelf(name) ? receiver : Value.Unknown;
            case ValueKind.Object when TensorFacts.IsModule(receiver, context.Maps):
                // A layer: its base class's methods, never a tensor method of the same name (layer.float()).
                return ReturnsSelf(name) ? receiver : Value.Unknown;
            case var _ when TensorMethod(name, anyReceiver: true) is { } converted:
                // Converted whatever the receiver (the name is a tensor method's alone): the result is an array.
                return converted;
            default:
                return Value.Unknown;
        }
    }

    /// <summary>What a tensor method returns by its entry (<c>returns: tensor</c>, <c>returns: tensors</c>); null when the entry does not say.</summary>
    private Value? TensorMethod(string name, bool anyReceiver) =>
        context.Maps.ObjectMethods(name).FirstOrDefault() switch
        {
            { AnyReceiver: false } when anyReceiver => null,
            { ReturnsTensor: true } => Value.Tensor,
            { ReturnsTensors: true } => Value.Sequence(Value.Tensor),
            _ => null,
        };

    /// <summary>Whether a model's method returns the model (its entry says <c>returns: self</c>: <c>model.to(device)</c>, <c>model.eval()</c>).</summary>
    private bool ReturnsSelf(string name) => context.Maps.ModelMethod(name) is { ReturnsSelf: true };

    /// <summary>Calling a value: a model or a torch module (its entry says <c>instances: module</c>) returns a tensor.</summary>
    private Value Called(Value callee) => callee.Kind switch
    {
        ValueKind.None => Value.None,
        ValueKind.Module => Value.Tensor,
        ValueKind.Object when context.Maps.BuildsModules(callee.Name!) => Value.Tensor,
        _ => Value.Unknown,
    };

    private Value Attribute(PythonParser.AttributeExprContext attribute)
    {
        if (context.Model.QualifiedName(attribute) is not null)
        {
            return Value.Unknown;
        }
        var receiver = Of(attribute.expr());
        var name = attribute.name().GetText();
        if (scope.NarrowedAttribute(attribute) is { } narrowed)
        {
            return narrowed;
        }
        return receiver.Kind switch
        {
            ValueKind.None => Value.None,
            ValueKind.Tensor => context.Maps.FindMember(name, EntryKind.Attribute) is { ReturnsTensor: true } ? Value.Tensor : Value.Unknown,
            ValueKind.Module or ValueKind.Instance when context.ClassNamed(receiver.Name!) is { } cls => ClassAttribute(cls, name),
            _ => Value.Unknown,
        };
    }

    /// <summary><c>self.NAME</c>: what the class's methods assign to it and its body binds, joined; a method or an attribute nobody assigns is unknown.</summary>
    private Value ClassAttribute(PythonParser.Class_defContext cls, string name)
    {
        var value = Value.None;
        bool found = false;
        foreach (var c in context.Shape.Lineage(cls))
        {
            if (context.Model.ScopeOpenedBy(c) is { } body && body.Lookup(name) is { } bindings)
            {
                if (bindings.Any(b => b.Site is PythonParser.Function_defContext or PythonParser.Class_defContext || b.Kind == BindingKind.Import))
                {
                    return Value.Unknown;
                }
                found = true;
                value = value.Join(context.Facts.Summary(body, name));
            }
            if (context.Shape.Assigns(c, name))
            {
                found = true;
                value = value.Join(context.Facts.Attribute(c, name));
            }
        }
        return found ? value : Value.Unknown;
    }

    /// <summary>In the flow, a call of a closed function passes its arguments' values to the parameters.</summary>
    private void PassArguments(PythonParser.Function_defContext function, CallValues arguments, bool skipSelf)
    {
        if (!scope.Flowing || !context.Shape.IsClosed(function))
        {
            return;
        }
        foreach (var (parameter, value) in arguments.Bind(function, skipSelf))
        {
            context.Facts.JoinParameter(parameter, value);
        }
    }
}
