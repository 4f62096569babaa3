namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// A dataclass field assigned in <c>setup</c>: Flax raises <c>SetAttributeInModuleSetupError</c>
/// (fields are set by the constructor; <c>name</c> and <c>parent</c> are fields of every module).
/// </summary>
/// <example><code>
/// class Net(nn.Module):
///     classes: int = 10
///     def setup(self):
///         self.classes = 5        # hit
/// </code></example>
internal sealed class FieldAssignedInSetup : ISelfCheckRule
{
    public string Name => "field-assigned-in-setup";

    public IEnumerable<RuleHit> Check(CheckedFile file) =>
        from @class in file.Classes
        from assignment in SetupAssignments.Of(@class)
        where @class.AllFields.Contains(assignment.Name)
        select new RuleHit(assignment.Target,
            $"'{assignment.Name}' is a dataclass field of {@class.Name}, and Flax forbids assigning fields in setup (SetAttributeInModuleSetupError)");
}
