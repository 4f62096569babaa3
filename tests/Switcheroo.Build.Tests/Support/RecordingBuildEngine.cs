using System.Collections;
using Microsoft.Build.Framework;

namespace Switcheroo.Build.Tests.Support;

/// <summary>
/// A build engine that records what a task logs and keeps registered task objects, enough to run
/// the tasks in-process. <see cref="WarningsAsErrors"/> plays MSBuild's <c>WarningsAsErrors</c>.
/// </summary>
public sealed class RecordingBuildEngine : IBuildEngine8
{
    private readonly Dictionary<object, object> _taskObjects = new();

    public List<BuildErrorEventArgs> Errors { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildMessageEventArgs> Messages { get; } = new();

    public HashSet<string> WarningsAsErrors { get; } = new(StringComparer.Ordinal);

    public int RegisteredObjects => _taskObjects.Count;

    /// <summary>Errors and warnings as MSBuild prints them: <c>file(line,col): error CODE: message</c>.</summary>
    public IEnumerable<string> Lines =>
        Errors.Select(e => $"{e.File}({e.LineNumber},{e.ColumnNumber}): error {e.Code}: {e.Message}")
            .Concat(Warnings.Select(w => $"{w.File}({w.LineNumber},{w.ColumnNumber}): warning {w.Code}: {w.Message}"));

    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;
    public string ProjectFileOfTaskNode => "test.proj";
    public bool IsRunningMultipleNodes => false;
    public bool AllowFailureWithoutError { get; set; }

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);
    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);
    public void LogCustomEvent(CustomBuildEventArgs e) { }
    public void LogTelemetry(string eventName, IDictionary<string, string> properties) { }

    public bool ShouldTreatWarningAsError(string warningCode) => WarningsAsErrors.Contains(warningCode);

    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection) => _taskObjects[key] = obj;
    public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => _taskObjects.GetValueOrDefault(key);
    public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => _taskObjects.Remove(key, out var value) ? value : null;

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();
    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) => throw new NotSupportedException();
    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) => throw new NotSupportedException();
    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) => throw new NotSupportedException();
    public void Yield() { }
    public void Reacquire() { }
    public IReadOnlyDictionary<string, string> GetGlobalProperties() => new Dictionary<string, string>();
    public int RequestCores(int requestedCores) => requestedCores;
    public void ReleaseCores(int coresToRelease) { }
}
