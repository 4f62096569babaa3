using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>container</c>: <c>nn.ModuleList</c> and <c>nn.ModuleDict</c> become the plain list and dict
/// that Flax registers as submodules when assigned in <c>setup</c> (option <c>type</c>: list or dict).
/// <code>
/// nn.ModuleList([a, b])   →  [a, b]
/// nn.ModuleList(layers)   →  list(layers)
/// nn.ModuleList()         →  []
/// self.blocks.conv1(x)    →  self.blocks["conv1"](x)   (a ModuleDict's entry read by attribute: Modules/DictAttributes)
/// </code>
/// A class deriving from <c>nn.ModuleDict</c> is a module whose layers are named (<c>Modules/SequentialSubclass</c>).
/// Flax freezes a container when it is assigned, so <c>self.layers.append(...)</c> after the
/// assignment would fail: <c>Modules/GrowingLists</c> builds a list that the constructor fills in a
/// local and assigns it once; other changes after the assignment are reported.
/// </summary>
public sealed class ContainerHook : IHook
{
    public string Name => MapSet.ContainerHook;

    public IReadOnlyList<HookOption> Options { get; } = [new("type", OptionType.Choice, Required: true) { Choices = ["list", "dict"] }];

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call;
        var type = site.Entry.Options.GetValueOrDefault("type", "list");
        var arguments = CallArguments.Of(call?.arguments());
        if (call is null && Modules.ModuleClass.WithBase(site.Reference) is { } subclass && MapSet.IsNamedContainer(site.Entry))
        {
            // class Block(nn.ModuleDict): a module whose layers are named (Modules/NamedLayerWriter).
            new Modules.SequentialSubclass(subclass, context).Convert(site);
            return;
        }
        if (call is null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference, $"{site.Entry.Torch} is used without a call; kept as is");
            return;
        }
        if (arguments.Count > 1 || arguments.Any(a => a is not Grammar.PythonParser.PositionalArgumentContext))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference, $"{site.Entry.Torch} not converted: expected at most one positional argument");
            return;
        }
        context.MarkConverted(site.Reference);
        if (type == "dict")
        {
            Modules.DictAttributes.Convert(call, arguments.FirstOrDefault(), context);
        }
        if (arguments.Count == 0)
        {
            context.Plan.Replace(call, PyPrinter.Print(type == "dict" ? new PyDict([]) : new PyList([])));
            return;
        }
        var text = context.Text(arguments[0]).Trim();
        bool display = type == "dict" ? text.StartsWith('{') : text.StartsWith('[');
        // A display stays one (in parentheses where it is an operand, [a] + b); anything else (a generator too) is given to list()/dict().
        var container = display ? Py.Source(arguments[0]) : Py.CallOf(Py.Named(type), Py.SoleArgument(arguments[0]));
        context.Plan.Replace(call, PyPrinter.Print(container, TemplateSlots.Required(call)));
    }
}
