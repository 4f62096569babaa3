// Lists the Flax modules Switcheroo converted from models/*.torch.py and the build copied next to
// this program (bin/<configuration>/net10.0/switcheroo/), e.g. for a Python process to load.
var folder = Path.Combine(AppContext.BaseDirectory, "switcheroo");
if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"no converted models in {folder}");
    return 1;
}
foreach (var file in Directory.EnumerateFiles(folder, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
{
    Console.WriteLine(Path.GetRelativePath(AppContext.BaseDirectory, file));
}
return 0;
