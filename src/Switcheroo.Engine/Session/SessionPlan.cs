using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Session;

/// <summary>
/// Decides, before anything is converted, which sources may be: two sources with one output
/// (SWR0003: neither converts, as either would silently replace the other), an output that is a
/// source itself (SWR0009), an output outside the output folder (SWR0008). Refused sources keep
/// their diagnostics and are not converted; the rest go on.
/// </summary>
internal static class SessionPlan
{
    public static (List<SourceInput> Accepted, Dictionary<SourceInput, List<Diagnostic>> Refused) Check(IReadOnlyList<SourceInput> inputs, OutputStore store)
    {
        var refused = new Dictionary<SourceInput, List<Diagnostic>>();
        void Refuse(SourceInput input, Diagnostic diagnostic)
        {
            if (!refused.TryGetValue(input, out var list))
            {
                refused[input] = list = new List<Diagnostic>();
            }
            list.Add(diagnostic);
        }

        var sources = new HashSet<string>(inputs.Select(i => Path.GetFullPath(i.Source)), OutputNaming.PathComparer);
        foreach (var input in inputs)
        {
            if (store.Refusal(input.Output, input.Source) is { } outside)
            {
                Refuse(input, outside);
            }
            else if (sources.Contains(Path.GetFullPath(input.Output)))
            {
                Refuse(input, new Diagnostic(DiagnosticCodes.OutputIsInput,
                    $"the output {Path.GetFullPath(input.Output)} is a source being converted; convert to another output folder", input.Source, 0, 0));
            }
        }
        foreach (var group in inputs.GroupBy(i => Path.GetFullPath(i.Output), OutputNaming.PathComparer))
        {
            var colliding = group.DistinctBy(i => Path.GetFullPath(i.Source), OutputNaming.PathComparer).ToList();
            if (colliding.Count < 2)
            {
                continue;
            }
            var names = string.Join(" and ", colliding.Select(i => i.Source));
            foreach (var input in colliding)
            {
                Refuse(input, new Diagnostic(DiagnosticCodes.OutputCollision,
                    $"{names} would all be converted to {group.Key}; rename one of them (in MSBuild: give it another Link)", input.Source, 0, 0));
            }
        }
        var accepted = inputs.Where(i => !refused.ContainsKey(i)).DistinctBy(i => Path.GetFullPath(i.Source), OutputNaming.PathComparer).ToList();
        return (accepted, refused);
    }
}
