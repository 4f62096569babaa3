using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// The layers of a container subclass that names them (<see cref="NamedLayers"/>), written for
/// <see cref="SequentialSubclass"/>: each layer becomes the attribute of its name in <c>setup</c>
/// (the runtime's <c>add_layers</c>/<c>add_layer</c> call <c>setattr</c>, so Flax names the
/// submodule as torch names it and the state_dict keys map as they are), and the names, in torch's
/// order, are kept in <c>self.layer_names</c>, which the other methods read:
/// <code>
/// class Block(nn.ModuleDict):                         class Block(nn.Module):
///     def __init__(self, n, width):                       n: int
///         super().__init__()                              width: int
///         for i in range(n):
///             self.add_module("layer%d" % i, L(width))    def setup(self):
///                                                             self.layer_names = ()
///     def forward(self, x):                                   for i in range(self.n):
///         for name, layer in self.items():                        self.layer_names = switcheroo_runtime.add_layer(self, self.layer_names, "layer%d" % i, L(self.width))
///             x = layer(x)
///         return x                                        def __call__(self, x):
///                                                             for name, layer in switcheroo_runtime.layer_items(self, self.layer_names):
///                                                                 x = layer(x)
///                                                             return x
/// </code>
/// <c>super().__init__(od)</c> becomes <c>self.layer_names = switcheroo_runtime.add_layers(self, od)</c>, the
/// mapping built as written; a Sequential without a forward gets a <c>__call__</c> applying the layers
/// by name in order. Flax keeps no order of its submodules that a module may read, and a dict
/// attribute's submodules would be named <c>layer_names_KEY</c>, which is why the names are a tuple
/// and the layers attributes.
/// </summary>
internal sealed class NamedLayerWriter(ConversionContext context)
{
    private static readonly Py Self = Py.Named("self");
    private static readonly Py Names = new PyAttribute(Self, NamedLayers.NamesAttribute);

    /// <summary>Replaces the base constructor call and each registration in the constructor.</summary>
    public void WriteSetup(PythonParser.StatementContext superInit, NamedLayers named)
    {
        var first = named.Mapping is { } mapping
            ? Py.CallOf(Runtime("add_layers"), Self, Py.SoleArgument(mapping))
            : new PyTuple([]);
        context.Plan.Replace(superInit.simple_stmt(0), PyBlockPrinter.Print(PyAssign.Of(Names, first)));
        foreach (var registration in named.Registrations)
        {
            var added = Py.CallOf(Runtime("add_layer"), Self, Names, Py.Source(registration.Name), Py.Source(registration.Layer));
            context.Plan.Replace(registration.Statement, PyBlockPrinter.Print(PyAssign.Of(Names, added)));
            if (Binding.SyntaxShapes.AtomOf(registration.Statement) is PythonParser.CallExprContext call)
            {
                context.Edits.RewroteCall(call);
            }
        }
    }

    /// <summary>The other methods' reads of the container, through the names.</summary>
    public void WriteReads(NamedLayers named)
    {
        foreach (var read in named.Reads)
        {
            Py replacement = read.Kind switch
            {
                NamedLayers.ReadKind.Items => Py.CallOf(Runtime("layer_items"), Self, Names),
                NamedLayers.ReadKind.Values => Py.CallOf(Runtime("layer_values"), Self, Names),
                NamedLayers.ReadKind.Item => Py.CallOf(Py.Named("getattr"), Self, Py.Source(read.Key!)),
                NamedLayers.ReadKind.Iteration when !named.IsDict => Py.CallOf(Runtime("layer_values"), Self, Names),
                _ => Names,
            };
            context.Plan.Replace(read.Node, PyPrinter.Print(replacement, TemplateSlots.Required(read.Node)));
            if (read.Node is PythonParser.CallExprContext call)
            {
                context.Edits.RewroteCall(call);
            }
        }
    }

    /// <summary>The body of torch's <c>Sequential.forward</c> over named layers: <c>for name in self.layer_names: x = getattr(self, name)(x)</c>.</summary>
    public static PyStatement CallBody(Py input)
    {
        var layer = Py.CallOf(Py.Named("getattr"), Self, Py.Named("name"));
        return new PyFor("name", Names, [PyAssign.Of(input, Py.CallOf(layer, input))]);
    }

    private Py Runtime(string function) => Py.Named(context.Targets.Reference("switcheroo_runtime." + function));
}
