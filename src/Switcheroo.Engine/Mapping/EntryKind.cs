namespace Switcheroo.Engine.Mapping;

/// <summary>What a map entry's torch name is, which decides where the binder looks for it.</summary>
public enum EntryKind
{
    /// <summary>A function called by qualified name, e.g. <c>torch.sum(x, dim=1)</c>.</summary>
    Function,

    /// <summary>A class constructed by qualified name, e.g. <c>nn.Linear(4, 2)</c>.</summary>
    Class,

    /// <summary>A tensor method, e.g. <c>x.view(2, -1)</c>; the name is <c>torch.Tensor.view</c>.</summary>
    Method,

    /// <summary>A tensor attribute read, e.g. <c>x.shape</c>; the name is <c>torch.Tensor.shape</c>.</summary>
    Attribute,

    /// <summary>A constant referenced by name, e.g. <c>torch.float32</c>.</summary>
    Constant,

    /// <summary>
    /// Every name below a module (<c>torchvision.transforms</c>) that has no entry of its own; only
    /// for deliberate refusals (<c>unsupported</c>).
    /// </summary>
    Namespace,
}
