namespace Switcheroo.Engine.Mapping;

/// <summary>
/// What a value of an entry's type is (<c>instances</c>): read where the type annotates a name, and,
/// for a class, where it is called. None for most entries.
/// </summary>
public enum EntryInstances
{
    None,

    /// <summary>A tensor (<c>torch.Tensor</c>, <c>torch.FloatTensor</c>).</summary>
    Tensor,

    /// <summary>A device (<c>torch.device</c>): <c>x.to(d)</c> with it is a placement.</summary>
    Device,

    /// <summary>A dtype (<c>torch.dtype</c>): <c>x.to(t)</c> with it is a cast.</summary>
    Dtype,

    /// <summary>Classes: a torch module (<c>torch.nn.Conv2d</c>, a container, a loss): it holds layers' variables, and calling one runs it.</summary>
    Module,

    /// <summary>Classes: a parameter (<c>torch.nn.Parameter</c>): it holds a variable.</summary>
    Parameter,
}
