namespace Switcheroo.Engine.Analysis.Values;

/// <summary>The kinds of value the analysis tells apart (docs/maps.md, "Which values are tensors").</summary>
public enum ValueKind
{
    /// <summary>No value reaches this point (yet): the bottom of the lattice, joined away by anything.</summary>
    None,

    /// <summary>Anything: the top of the lattice.</summary>
    Unknown,

    Tensor,

    Int,

    /// <summary>An instance of a <c>torch.nn.Module</c> subclass of the project (<see cref="Value.Name"/>: the class).</summary>
    Module,

    /// <summary>An instance of another class of the file (<see cref="Value.Name"/>: the class).</summary>
    Instance,

    /// <summary>An object a torch constructor built (<see cref="Value.Name"/>: its qualified name, or a module prefix ending in '.').</summary>
    Object,

    /// <summary>A tuple of known length (<see cref="Value.Items"/>).</summary>
    Tuple,

    /// <summary>A list, iterator or tuple of unknown length, all items of one kind (<see cref="Value.Element"/>).</summary>
    Sequence,

    /// <summary>Python's <c>None</c>.</summary>
    NoneObject,

    /// <summary>
    /// <c>None</c> or a value of <see cref="Value.Element"/> (<c>Optional[Tensor]</c>, <c>mask=None</c> given a tensor):
    /// not a tensor until a test narrows it (<c>if mask is not None:</c>).
    /// </summary>
    Optional,
}

/// <summary>
/// One abstract value. Values form a lattice: <see cref="Join"/> is the least value covering
/// both (a tensor and an int join to unknown; two tuples of one length join item by item).
/// Tuples nest at most <see cref="MaxDepth"/> deep, so every chain of joins is finite.
/// </summary>
public sealed class Value : IEquatable<Value>
{
    private const int MaxDepth = 3;

    private Value(ValueKind kind, string? name = null, IReadOnlyList<Value>? items = null, Value? element = null)
    {
        Kind = kind;
        Name = name;
        Items = items ?? [];
        Element = element;
    }

    public static Value None { get; } = new(ValueKind.None);

    public static Value Unknown { get; } = new(ValueKind.Unknown);

    public static Value Tensor { get; } = new(ValueKind.Tensor);

    public static Value Int { get; } = new(ValueKind.Int);

    /// <summary>Python's <c>None</c> (not <see cref="None"/>, the bottom of the lattice).</summary>
    public static Value NoneObject { get; } = new(ValueKind.NoneObject);

    public ValueKind Kind { get; }

    public string? Name { get; }

    public IReadOnlyList<Value> Items { get; }

    public Value? Element { get; }

    public bool IsTensor => Kind == ValueKind.Tensor;

    public static Value Module(string cls) => new(ValueKind.Module, cls);

    public static Value Instance(string cls) => new(ValueKind.Instance, cls);

    public static Value Object(string qualifiedName) => new(ValueKind.Object, qualifiedName);

    /// <summary>An object that iteration takes apart: a loader whose entry says <c>yields: tensors</c> yields batches, sequences of tensors.</summary>
    public static Value Iterable(string qualifiedName, Value yields) => new(ValueKind.Object, qualifiedName, element: yields);

    public static Value Tuple(IReadOnlyList<Value> items) =>
        items.Any(i => i.Depth >= MaxDepth) ? Unknown : new(ValueKind.Tuple, items: items);

    public static Value Sequence(Value element) =>
        element.Depth >= MaxDepth ? Unknown : new(ValueKind.Sequence, element: element);

    /// <summary><c>None</c> or <paramref name="element"/>: <c>None</c> itself when no other value is possible, unknown when the other is.</summary>
    public static Value Optional(Value element) => element.Kind switch
    {
        ValueKind.None or ValueKind.NoneObject => NoneObject,
        ValueKind.Unknown or ValueKind.Optional => element,
        _ => new(ValueKind.Optional, element: element),
    };

    /// <summary>What this value can be where it is known not to be <c>None</c> (<c>if x is not None:</c>): nothing reaches there when it is <c>None</c>.</summary>
    public Value NotNone() => Kind switch
    {
        ValueKind.Optional => Element!,
        ValueKind.NoneObject => None,
        _ => this,
    };

    private int Depth => Kind switch
    {
        ValueKind.Optional => Element!.Depth,
        ValueKind.Tuple => 1 + Items.Select(i => i.Depth).DefaultIfEmpty(0).Max(),
        ValueKind.Sequence => 1 + Element!.Depth,
        _ => 0,
    };

    /// <summary>Whether an object of this value was built by a constructor of <paramref name="module"/> (<c>torch.optim</c>).</summary>
    public bool IsBuiltBy(string module) =>
        Kind == ValueKind.Object && Name!.StartsWith(module + ".", StringComparison.Ordinal);

    public Value Join(Value other)
    {
        if (Equals(other) || other.Kind == ValueKind.None)
        {
            return this;
        }
        if (Kind == ValueKind.None)
        {
            return other;
        }
        if (Kind == ValueKind.Unknown || other.Kind == ValueKind.Unknown)
        {
            return Unknown;
        }
        if (Kind is ValueKind.NoneObject or ValueKind.Optional || other.Kind is ValueKind.NoneObject or ValueKind.Optional)
        {
            return Optional(NotNone().Join(other.NotNone()));
        }
        return (Kind, other.Kind) switch
        {
            (ValueKind.Tuple, ValueKind.Tuple) when Items.Count == other.Items.Count =>
                Tuple(Items.Zip(other.Items, (a, b) => a.Join(b)).ToList()),
            (ValueKind.Tuple or ValueKind.Sequence, ValueKind.Tuple or ValueKind.Sequence) =>
                Sequence(ItemJoin().Join(other.ItemJoin())),
            (ValueKind.Object, ValueKind.Object) => CommonModule(Name!, other.Name!) is { } module ? Object(module) : Unknown,
            _ => Unknown,
        };
    }

    /// <summary>What one item of a tuple or sequence can be.</summary>
    private Value ItemJoin() => Kind == ValueKind.Sequence ? Element! : Items.Aggregate(None, (a, b) => a.Join(b));

    /// <summary><c>torch.optim.</c> for <c>torch.optim.SGD</c> and <c>torch.optim.Adam</c>; null when only <c>torch</c> is shared.</summary>
    private static string? CommonModule(string a, string b)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        int shared = 0;
        while (shared < left.Length - 1 && shared < right.Length - 1 && left[shared] == right[shared] && left[shared].Length > 0)
        {
            shared++;
        }
        return shared >= 2 ? string.Join('.', left.Take(shared)) + "." : null;
    }

    /// <summary>What iterating over this value yields (a tensor's rows are tensors; a DataLoader's batches are sequences of tensors).</summary>
    public Value Iterate() => Kind switch
    {
        ValueKind.None => None,
        ValueKind.Tensor => Tensor,
        ValueKind.Tuple or ValueKind.Sequence => ItemJoin(),
        ValueKind.Object when Element is not null => Element,
        _ => Unknown,
    };

    /// <summary>The values of <paramref name="count"/> targets unpacked from this value.</summary>
    public IReadOnlyList<Value> Unpack(int count) => Kind switch
    {
        ValueKind.Tuple when Items.Count == count => Items,
        ValueKind.Tuple => Enumerable.Repeat(Unknown, count).ToList(),
        _ => Enumerable.Repeat(Iterate(), count).ToList(),
    };

    /// <summary>The value of <c>this[index]</c>: <paramref name="index"/> is a literal int, or null for any other subscript.</summary>
    public Value Index(int? index, bool slice) => Kind switch
    {
        ValueKind.None => None,
        ValueKind.Tensor => Tensor,
        ValueKind.Tuple when slice => Unknown,
        ValueKind.Tuple when index is { } i && (i < 0 ? Items.Count + i : i) is var at && at >= 0 && at < Items.Count => Items[at],
        ValueKind.Tuple when index is null => ItemJoin(),
        ValueKind.Sequence => slice ? this : Element!,
        _ => Unknown,
    };

    public bool Equals(Value? other) =>
        other is not null && Kind == other.Kind && Name == other.Name
        && Items.SequenceEqual(other.Items) && Equals(Element, other.Element);

    public override bool Equals(object? obj) => Equals(obj as Value);

    public override int GetHashCode() => HashCode.Combine(Kind, Name, Items.Count, Element?.Kind);

    public override string ToString() => Kind switch
    {
        ValueKind.Module or ValueKind.Instance or ValueKind.Object => $"{Kind.ToString().ToLowerInvariant()} {Name}",
        ValueKind.Tuple => $"({string.Join(", ", Items)})",
        ValueKind.Sequence => $"[{Element}...]",
        ValueKind.NoneObject => "None",
        ValueKind.Optional => $"optional {Element}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
