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
            case PythonParser.NameAtomContext name:
                return NamedCall(call, name, arguments);
            case PythonParser.AttributeExprContext method when context.Model.QualifiedName(method) is null:
                return MethodCall(method, Of(method.expr()), arguments);
            case var callee when context.Model.QualifiedName(callee) is { } qualified:
                return QualifiedCall(call, qualified, arguments);
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
                    result.Positional.Add(Comprehension(positional, generator, () => Of(positional.NamedExpression())));
                    break;
                case PythonParser.PositionalArgumentContext { } positional:
                    result.Positional.Add(Of(positional.NamedExpression()));
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
        return context.Model.QualifiedName(name) is { } qualified ? QualifiedCall(call, qualified, arguments) : Called(callee);
    }

    /// <summary>A call of a library name: a torch function the maps say returns a tensor, or a torch constructor (a loader: its batches, <see cref="LoaderBatches"/>).</summary>
    private Value QualifiedCall(PythonParser.CallExprContext call, string qualified, CallValues arguments)
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
            { Kind: EntryKind.Class, YieldsTensors: true } entry => Value.Iterable(qualified, LoaderBatches.Of(context, call, entry, arguments)),
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
                if (scope.Flowing && callee.Parent is PythonParser.CallExprContext call && context.Shape.RegisteredAttribute(call) is { } registered)
                {
                    // self.register_buffer("name", value): self.name holds the value (its entry's parameter after the name), as if assigned.
                    var held = context.Maps.ModelMethod(name)?.Parameters.ElementAtOrDefault(2)?.Name;
                    var buffer = arguments.Spread ? Value.Unknown
                        : arguments.Positional.Count >= 2 ? arguments.Positional[1]
                        : held is not null ? arguments.Keywords.GetValueOrDefault(held, Value.Unknown) : Value.Unknown;
                    context.Facts.JoinAttribute(registered.Class, registered.Name, buffer);
                }
                // The instance may be of a class of the file deriving from cls: each method it may run takes the arguments.
                var methods = context.Shape.Dispatch(cls, name);
                foreach (var method in methods)
                {
                    PassArguments(method, arguments, skipSelf: true);
                }
                if (methods.Count > 0 && scope.Flowing)
                {
                    // A method may assign the instance's attributes.
                    scope.ForgetAttributes();
                }
                var returned = methods.Aggregate(Value.None, (value, method) => value.Join(context.Facts.Returns(method)));
                if (context.Shape.Method(cls, name) is not null)
                {
                    return returned;
                }
                return returned.Join(receiver.Kind == ValueKind.Module && ReturnsSelf(name) ? receiver : Called(scope.NarrowedAttribute(callee) ?? ClassAttribute(cls, name)));
            case ValueKind.Module:
                return ReturnsSelf(name) ? receiver : Value.Unknown;
            case ValueKind.Sequence when ListGrowth(name, arguments) is { } added:
                Grow(callee.expr(), receiver, added);
                return Value.Unknown;
            case ValueKind.Object when TensorFacts.IsModule(receiver, context.Maps):
                // A layer: its class's own methods (FloatFunctional.add gives a tensor) and its base class's,
                // never a tensor method of the same name (layer.float()).
                return ReturnsSelf(name) ? receiver : LayerMethod(receiver.Name!, name) ?? Value.Unknown;
            case var _ when TensorMethod(name, anyReceiver: true) is { } converted:
                // Converted whatever the receiver (the name is a tensor method's alone): the result is an array.
                return converted;
            default:
                return Value.Unknown;
        }
    }

    /// <summary>What a list method adds to the list's items (<c>xs.append(v)</c>, <c>xs.insert(i, v)</c>, <c>xs.extend(ys)</c>); null for another method.</summary>
    private static Value? ListGrowth(string method, CallValues arguments) => (method, arguments.Positional.Count) switch
    {
        ("append" or "insert" or "extend", _) when arguments.Spread => Value.Unknown,
        ("append", 1) => arguments.Positional[0],
        ("insert", 2) => arguments.Positional[1],
        ("extend", 1) => arguments.Positional[0].Iterate(),
        _ => null,
    };

    /// <summary>
    /// In the flow, the list a name holds grows by what a list method adds: the name's items are joined with it
    /// (<c>parts = []; parts.append(t)</c> holds what was appended). A list reached otherwise (an alias, an attribute) is not followed.
    /// </summary>
    private void Grow(PythonParser.ExprContext receiver, Value list, Value added)
    {
        if (scope.Flowing && receiver is PythonParser.NameAtomContext name
            && context.OwnerOf(name) is { } owner)
        {
            var grown = Value.Sequence(list.Iterate().Join(added));
            scope.Bind(ReferenceEquals(owner, context.Model.ScopeOf(name)) ? null : owner, name.GetText(), grown);
        }
    }

    /// <summary>What a tensor method returns by its entry (<c>returns: tensor</c>, <c>returns: tensors</c>); null when the entry does not say.</summary>
    private Value? TensorMethod(string name, bool anyReceiver) =>
        context.Maps.ObjectMethods(name).FirstOrDefault(e => !context.Maps.IsLayerMethod(e)) switch
        {
            { AnyReceiver: false } when anyReceiver => null,
            { ReturnsTensor: true } => Value.Tensor,
            { ReturnsTensors: true } => Value.Sequence(Value.Tensor),
            _ => null,
        };

    /// <summary>What a torch layer's own method returns by its entry (<c>torch.nn.quantized.FloatFunctional.add</c>: <c>returns: tensor</c>).</summary>
    private Value? LayerMethod(string layer, string name) => context.Maps.Find(layer + "." + name) switch
    {
        { Kind: EntryKind.Method, ReturnsTensor: true } => Value.Tensor,
        { Kind: EntryKind.Method, ReturnsTensors: true } => Value.Sequence(Value.Tensor),
        _ => null,
    };

    /// <summary>Whether a model's method returns the model (its entry says <c>returns: self</c>: <c>model.to(device)</c>, <c>model.eval()</c>).</summary>
    private bool ReturnsSelf(string name) => context.Maps.ModelMethod(name) is { ReturnsSelf: true };

    /// <summary>
    /// Calling a value: a model returns what its class's <c>forward</c> returns (<see cref="ModelCall"/>), a torch module
    /// (its entry says <c>instances: module</c>) a tensor.
    /// </summary>
    private Value Called(Value callee) => callee.Kind switch
    {
        ValueKind.None => Value.None,
        ValueKind.Module => ModelCall(callee.Name!),
        ValueKind.Object when context.Maps.BuildsModules(callee.Name!) => Value.Tensor,
        _ => Value.Unknown,
    };

    /// <summary>
    /// What calling a model of class <paramref name="cls"/> returns: where the file defines its <c>forward</c> (in the class
    /// or a base of the file), what that returns — a tuple or a dict (detection models) is no tensor —, joined with what the
    /// <c>forward</c> of each class of the file deriving from it returns; otherwise (a model class of another file, a
    /// subclass of a torch container without its own <c>forward</c>) a tensor.
    /// </summary>
    private Value ModelCall(string cls)
    {
        if (context.ClassNamed(cls) is not { } definition)
        {
            return Value.Tensor;
        }
        // The model may be of a class of the file deriving from cls, whose forward overrides cls's.
        var returned = context.Shape.Dispatch(definition, "forward").Aggregate(Value.None, (value, forward) => value.Join(context.Facts.Returns(forward)));
        return context.Shape.Method(definition, "forward") is null ? returned.Join(Value.Tensor) : returned;
    }

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

    /// <summary>
    /// <c>self.NAME</c>: what the methods of the class, of its bases and of the classes of the file deriving from it
    /// (the instance may be of one) assign to it and their bodies bind, joined; a method or an attribute nobody assigns is unknown.
    /// </summary>
    private Value ClassAttribute(PythonParser.Class_defContext cls, string name)
    {
        var value = Value.None;
        bool found = false;
        foreach (var c in context.Shape.Related(cls))
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
