namespace Switcheroo.Cli;

/// <summary>Output naming and writing: <c>X.torch.py</c> becomes <c>X.py</c>; files are replaced atomically and only when changed.</summary>
internal static class OutputFile
{
    public static string NameFor(string relativePath) =>
        relativePath.EndsWith(".torch.py", StringComparison.Ordinal) ? relativePath[..^".torch.py".Length] + ".py" : relativePath;

    public static void Write(string path, byte[] content)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
