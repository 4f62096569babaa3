using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// Classes deriving from a torch layer whose map entry names a <c>base</c> (<see cref="LayerBase"/>):
/// <c>class Conv3DSimple(nn.Conv3d)</c>, <c>class LayerNorm2d(nn.LayerNorm)</c>. Such a class is a model
/// class (<see cref="ModelBases"/>) that derives from the runtime's base instead: with a constructor of
/// its own, its fields are that constructor's arguments and its <c>super().__init__(...)</c> becomes
/// <c>super().torch_layer(...)</c> in setup; without one, it keeps torch's constructor, the base's fields.
/// <see cref="Problem"/> says why one cannot: Flax forbids setup to assign a field, so a field named as an
/// attribute torch's layer sets keeps the argument, which the class may then not read as torch's value.
/// </summary>
internal static class LayerBases
{
    /// <summary>The method torch's layer constructors call to draw their parameters, which a subclass may override.</summary>
    private const string ResetParameters = "reset_parameters";

    /// <summary>The torch layer the class derives from, and its entry, when that entry names a base.</summary>
    public static (PythonParser.ExprContext Reference, MapEntry Entry)? Of(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps)
    {
        foreach (var basis in ModelBases.Of(cls))
        {
            if (EntryOf(basis, model, maps) is { } entry)
            {
                return (basis, entry);
            }
        }
        return null;
    }

    /// <summary>The layer entry of a base expression, when it names a runtime base for subclasses.</summary>
    public static MapEntry? EntryOf(PythonParser.ExprContext basis, SemanticModel model, MapSet maps) =>
        model.QualifiedName(basis) is { } name && maps.Find(name) is { Kind: EntryKind.Class, Base: not null } entry ? entry : null;

    /// <summary>Why a class deriving from a layer with a base cannot convert, or null (also for other classes).</summary>
    public static string? Problem(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps)
    {
        if (Of(cls, model, maps) is not { Entry: var entry })
        {
            return null;
        }
        var layer = entry.Torch;
        if (ModelBases.Of(cls).Count() > 1 || cls.arguments()?.argument().Length != 1)
        {
            return $"it has other bases or class keywords besides {layer}, and the runtime's base of {layer} takes no others";
        }
        if (ModuleClasses.Methods(cls).FirstOrDefault(m => m.name().GetText() == ResetParameters) is { } reset)
        {
            return $"it defines {ResetParameters}, which {layer}'s constructor calls to initialise its variables and the runtime's base does not; "
                + "initialise the parameters in the constructor after super().__init__(...) instead";
        }
        if (ModuleClasses.Constructor(cls) is not { } init)
        {
            var shadowed = entry.Base!.Shadowed.ToHashSet(StringComparer.Ordinal);
            return SelfAttributes(cls).FirstOrDefault(a => shadowed.Contains(a.name().GetText())) is { } read
                ? $"it reads self.{read.name().GetText()}, which {layer}'s constructor sets to its own value, while in Flax self.{read.name().GetText()} is the field "
                    + $"holding the constructor argument of that name (setup may not assign a field); give the class a constructor of its own whose argument has another name"
                : null;
        }
        var baseCalls = init.block().statement().Where(s => ModelBases.BaseConstructorCall(s, cls) is not null).ToList();
        var initCalls = ParseTrees.Descendants<PythonParser.AttributeExprContext>(init.block()).Count(a => a.name().GetText() == "__init__");
        if (baseCalls is not [{ } only] || initCalls != 1
            || !CallsSuper(ModelBases.BaseConstructorCall(only, cls)!))
        {
            return $"its constructor does not call super().__init__(...) exactly once, as a statement of the constructor's own block, which the runtime's base of {layer} "
                + $"needs to become super().{LayerBase.Constructor}(...) in setup; call torch's constructor that way";
        }
        var fields = init.parameters()?.parameter().Skip(1).Select(p => p.name()?.GetText()).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        var attributes = entry.Base!.Attributes.ToHashSet(StringComparer.Ordinal);
        foreach (var attribute in SelfAttributes(cls))
        {
            var name = attribute.name().GetText();
            if (!attributes.Contains(name))
            {
                continue;
            }
            if (fields.Contains(name))
            {
                return $"it reads self.{name}, which {layer}'s constructor sets to its own value, while in Flax self.{name} is the field holding the constructor "
                    + $"argument '{name}' (setup may not assign a field); rename the argument";
            }
            if (IsAssigned(attribute))
            {
                return $"it assigns self.{name}, which {layer}'s constructor sets and the runtime's base declares (a variable or a value its __call__ reads); "
                    + "keep torch's attribute or give the value another name";
            }
        }
        return null;
    }

    /// <summary>The class body's <c>self.NAME</c> attributes.</summary>
    private static IEnumerable<PythonParser.AttributeExprContext> SelfAttributes(PythonParser.Class_defContext cls) =>
        ParseTrees.Descendants<PythonParser.AttributeExprContext>(cls.block()).Where(a => a.expr().GetText() == "self");

    /// <summary>Whether a base constructor call is <c>super().__init__(...)</c> or <c>super(Cls, self).__init__(...)</c>, not <c>nn.Conv2d.__init__(self, ...)</c>.</summary>
    private static bool CallsSuper(PythonParser.CallExprContext call) =>
        call.expr() is PythonParser.AttributeExprContext callee && callee.expr() is PythonParser.CallExprContext inner && inner.expr().GetText() == "super";

    /// <summary>Whether an attribute is an assignment's target (<c>self.weight = ...</c>, <c>self.weight += ...</c>).</summary>
    private static bool IsAssigned(PythonParser.AttributeExprContext attribute) =>
        AssignmentTargets.RoleOf(attribute) is (TargetRole.Stored, PythonParser.Expression_stmtContext statement)
        && (statement.assigned_value().Length > 0 || statement.augassign() is not null);
}
