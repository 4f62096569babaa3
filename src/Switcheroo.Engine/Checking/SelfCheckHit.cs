namespace Switcheroo.Engine.Checking;

/// <summary>
/// One place where converted code breaks a run-time rule of Flax or JAX: the rule's name
/// (<c>field-assigned-in-setup</c>), what is wrong, where it is in the OUTPUT text (1-based), and
/// whether the code there is reported already (it carries a <c># switcheroo: SWR3xxx</c> marker,
/// so the user was told it is still torch's).
/// </summary>
public sealed record SelfCheckHit(string Rule, string Message, int Line, int Column, bool Reported)
{
    public override string ToString() => $"({Line},{Column}) {Rule}{(Reported ? " [reported]" : string.Empty)}: {Message}";
}
