namespace Switcheroo.Engine.Mapping;

/// <summary>
/// The import rules in force, in the order their lines are written into a converted file (the
/// built-in maps' order, then the user maps'). A target belongs to the longest declared module
/// that is a prefix of its name: <c>jax.numpy.sum</c> to <c>jax.numpy</c>, <c>jax.random.split</c>
/// to <c>jax</c>.
/// </summary>
public sealed class ImportTable
{
    private readonly List<ImportRule> _rules;
    private readonly Dictionary<string, int> _order;

    public ImportTable(IEnumerable<ImportRule> rules)
    {
        _rules = rules.ToList();
        _order = _rules.Select((rule, i) => (rule.Module, i)).ToDictionary(p => p.Module, p => p.i, StringComparer.Ordinal);
    }

    public static ImportTable Empty { get; } = new([]);

    public IReadOnlyList<ImportRule> Rules => _rules;

    public ImportRule? Find(string module) => _order.TryGetValue(module, out var i) ? _rules[i] : null;

    /// <summary>Where the module's import line goes among the others.</summary>
    public int Order(string module) => _order.GetValueOrDefault(module, int.MaxValue);

    /// <summary>The declared module a qualified name belongs to; null when no rule imports it.</summary>
    public string? ModuleOf(string qualifiedName)
    {
        for (int end = qualifiedName.Length; end > 0; end = qualifiedName.LastIndexOf('.', end - 1))
        {
            var prefix = qualifiedName[..end];
            if (_order.ContainsKey(prefix))
            {
                return prefix;
            }
        }
        return null;
    }
}
