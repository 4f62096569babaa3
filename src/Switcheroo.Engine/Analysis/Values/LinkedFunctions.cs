using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// One file's link to the functions of the others (<see cref="ProjectFunctions"/>): a call of an
/// imported function is what that function returns, and passes its values back (recorded here in
/// the flow, for <see cref="FunctionIndex"/>); a function of this file takes the values other files'
/// calls pass, unless one of them may call it unseen.
/// </summary>
internal sealed class LinkedFunctions
{
    private readonly ProjectFunctions _project;
    private readonly string _modulePath;
    private readonly SemanticModel _model;
    private readonly Dictionary<string, ImportedFunction> _imported = new(StringComparer.Ordinal);
    private readonly Dictionary<PythonParser.CallExprContext, ((string Module, string Name) Key, CallValues Values)> _calls = new(ReferenceEqualityComparer.Instance);

    public LinkedFunctions(ProjectFunctions project, string modulePath, SemanticModel model, FunctionImports imports)
    {
        _project = project;
        _modulePath = modulePath;
        _model = model;
        foreach (var function in imports.Functions.Where(f => f.Known && project.Returns.ContainsKey((f.Module, f.Name))))
        {
            _imported[function.Bound] = function;
        }
    }

    // No project function returns anything known, so no import is read: not looked for.
    public static LinkedFunctions None(SemanticModel model) => new(ProjectFunctions.Empty, string.Empty, model, new FunctionImports());

    /// <summary>The project function a name called at <paramref name="callee"/> stands for: a known import (<see cref="ImportedFunction.Known"/>).</summary>
    public (string Module, string Name)? Callee(PythonParser.NameAtomContext callee) =>
        _imported.TryGetValue(callee.GetText(), out var function)
        && ReferenceEquals(SemanticModel.Lookup(callee.GetText(), _model.ScopeOf(callee)), _model.Module.Lookup(callee.GetText()))
            ? (function.Module, function.Name)
            : null;

    public Value Returns((string Module, string Name) function) => _project.Returns.GetValueOrDefault(function, Value.Unknown);

    /// <summary>In the flow, what a call of an imported function passes (the last pass's values stand).</summary>
    public void Record(PythonParser.CallExprContext call, (string Module, string Name) function, CallValues values) =>
        _calls[call] = (function, values);

    /// <summary>The calls of imported functions this file makes, with the values each passes (a call the flow never reached passes nothing).</summary>
    public IEnumerable<((string Module, string Name) Function, CallValues Values)> Calls => _calls.Values;

    /// <summary>What calls from other files pass to a top-level function of this file.</summary>
    public IReadOnlyList<CallValues> Incoming(string function) =>
        _project.Calls.GetValueOrDefault((_modulePath, function)) ?? [];

    /// <summary>Whether another file may call this file's top-level function unseen.</summary>
    public bool IsOpen(string function) => _project.Open.Contains((_modulePath, function));

    /// <summary>Whether another file reads an attribute of this name, so a method so named may be called from there (a subclass's <c>self.name(...)</c>).</summary>
    public bool IsMethodOpen(string method) =>
        _project.OpenMethods.TryGetValue(_modulePath, out var names) && names.Contains(method);
}
