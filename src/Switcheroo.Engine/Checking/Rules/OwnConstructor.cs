namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// A Linen module class with an <c>__init__</c> of its own: a Linen module is a dataclass whose
/// constructor Flax generates (its fields, <c>name</c>, <c>parent</c>); an <c>__init__</c> replaces it,
/// and an attribute it sets once the base's constructor ran raises <c>SetAttributeFrozenModuleError</c>.
/// Seen where a torch class derives from a converted module class of the file and is itself not converted.
/// </summary>
/// <example><code>
/// class Child(Base):              # Base converted to a Linen module
///     def __init__(self, w):      # hit
///         Base.__init__(self, w)
///         self.extra = nn.relu
/// </code></example>
internal sealed class OwnConstructor : ISelfCheckRule
{
    public string Name => "linen-own-constructor";

    public IEnumerable<RuleHit> Check(CheckedFile file) =>
        from @class in file.Classes
        where @class.Methods.ContainsKey("__init__")
        select new RuleHit(@class.Methods["__init__"],
            $"{@class.Name} is a Flax Linen module (a dataclass whose constructor Flax writes) with an __init__ of its own: attributes it sets after the base's constructor raise SetAttributeFrozenModuleError");
}
