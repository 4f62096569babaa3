namespace Switcheroo.Engine.Diagnostics;

/// <summary>
/// A diagnostic kind: a stable code (<c>SWR</c> + four digits, the first giving the stage), its
/// default severity and a short title. Codes are never reused; see <see cref="DiagnosticCodes"/>.
/// </summary>
public sealed record DiagnosticDescriptor(string Code, Severity Severity, string Title);
