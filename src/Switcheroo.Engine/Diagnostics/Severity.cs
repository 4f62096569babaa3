namespace Switcheroo.Engine.Diagnostics;

/// <summary>How bad a diagnostic is; errors stop a file from being written.</summary>
public enum Severity
{
    Info,
    Warning,
    Error,
}
