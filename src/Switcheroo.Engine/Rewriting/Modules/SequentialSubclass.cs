using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// A class that subclasses <c>nn.Sequential</c> (run by the <c>sequential</c> hook at the base)
/// becomes a Linen module as an <c>nn.Module</c> subclass does (<see cref="ModuleRewriter"/>), whose
/// <c>setup</c> keeps the layers in a list and whose <c>__call__</c> applies them in order:
/// <code>
/// class Head(nn.Sequential):                    class Head(nn.Module):
///     def __init__(self, c, n):                     c: int
///         super().__init__(                         n: int
///             nn.Conv2d(c, c, 3),
///             nn.ReLU(),                            def setup(self):
///             nn.Conv2d(c, n, 1),                       ...
///         )                                             self.layers = [Conv(...), nn.relu, Conv(...)]
///
///                                                   def __call__(self, x):
///                                                       for layer in self.layers:
///                                                           x = layer(x)
///                                                       return x
/// </code>
/// Flax names the list's modules <c>layers_0</c>, <c>layers_1</c>, which <c>KeyMapper</c> maps torch's
/// state_dict keys <c>0.weight</c>, <c>1.weight</c> to. Layers assigned to attributes after an empty
/// <c>super().__init__()</c> are applied in the order they are assigned (<c>x = self.norm(x)</c>, ...).
/// A <c>forward</c> of the class becomes <c>__call__</c> as written; where it reads <c>self</c> as the
/// sequence (<c>self[i]</c>, <c>for m in self</c>, <c>len(self)</c>) it reads <c>self.layers</c>.
/// A class whose constructor takes an argument named <c>layers</c> (a field, which setup may not
/// assign) keeps its list in <c>self.sequence</c> instead (<see cref="SequentialLayers.ListName"/>).
/// Layers the class names (an <c>OrderedDict</c>, <c>self.add_module</c>, a <c>nn.ModuleDict</c> subclass)
/// are set as attributes of their names, in order (<see cref="NamedLayerWriter"/>).
/// Caveats (<see cref="SequentialLayers.Problem"/>, reported as SWR3006 and kept as torch code): layers
/// assigned to attributes in a branch, added outside the constructor, or given where the class is
/// built (no constructor of its own).
/// </summary>
internal sealed class SequentialSubclass(ModuleClass module, ConversionContext context)
{
    public void Convert(HookSite site)
    {
        var layers = SequentialLayers.Of(module.Node, context.Model, context.Maps);
        var fields = ModuleFields.Read(module, context, out var problem);
        problem ??= layers.Problem;
        if (fields is null || problem is not null)
        {
            context.Report(DiagnosticCodes.ModuleNotConverted, module.Node.name(), $"class {module.Name} is not converted to a Flax module: {problem}; its body stays torch code");
            context.Edits.KeepVerbatim(module.Node);
            return;
        }
        context.Plan.Replace(site.Reference, context.Targets.Reference(ModuleClassHook.LinenModule));
        context.MarkConverted(site.Reference);
        var kept = new HashSet<PythonParser.StatementContext>();
        var named = layers.Named is null ? null : new NamedLayerWriter(context);
        if (layers.Layers.Count > 0)
        {
            kept.Add(layers.SuperInit!);
            WriteLayerList(layers.SuperInit!, layers.ListName);
        }
        else if (named is not null)
        {
            kept.Add(layers.SuperInit!);
            named.WriteSetup(layers.SuperInit!, layers.Named!);
            named.WriteReads(layers.Named!);
        }
        new ModuleRewriter(module, fields, context) { KeptStatements = kept }.Run();
        foreach (var read in layers.SequenceReads)
        {
            context.Plan.Replace(read, "self." + layers.ListName);
        }
        // A ModuleDict has no forward of its own: without one, the class is not called in torch either.
        if (module.Forward is null && layers.Named is not { IsDict: true })
        {
            WriteCall(layers);
        }
    }

    /// <summary><c>super().__init__(a, *b)</c> → <c>self.layers = [a, *b]</c>: the arguments stay where they are, with their own edits.</summary>
    private void WriteLayerList(PythonParser.StatementContext superInit, string list)
    {
        var call = (PythonParser.CallExprContext)Binding.SyntaxShapes.AtomOf(superInit.simple_stmt(0));
        context.Plan.Replace(call.Start.TokenIndex, call.LPAR().Symbol.TokenIndex, $"self.{list} = [");
        context.Plan.Replace(call.RPAR().Symbol, "]");
    }

    /// <summary>The <c>__call__</c> torch's <c>Sequential.forward</c> is: each layer applied to the previous one's output, after the class's last member.</summary>
    private void WriteCall(SequentialLayers layers)
    {
        var input = Py.Named("x");
        var body = new List<PyStatement>();
        if (layers.Layers.Count > 0)
        {
            var layer = Py.Named("layer");
            body.Add(new PyFor("layer", new PyAttribute(Py.Named("self"), layers.ListName), [PyAssign.Of(input, Py.CallOf(layer, input))]));
        }
        if (layers.Named is not null)
        {
            body.Add(NamedLayerWriter.CallBody(input));
        }
        foreach (var attribute in layers.Attributes)
        {
            body.Add(PyAssign.Of(input, Py.CallOf(new PyAttribute(Py.Named("self"), attribute), input)));
        }
        body.Add(new PyReturn([input]));
        var member = module.FirstMember();
        var indentation = context.Edits.Indentation(member.Start);
        var newline = context.Edits.Newline();
        var last = context.Edits.LastLineEnd(module.Node.block().statement()[^1]);
        // A class whose constructor goes whole has nothing above the method to keep apart from.
        bool alone = module.Node.block().statement().Length == 1 && module.Init?.block().statement().Length == 1 && layers.Layers.Count == 0 && layers.Named is null;
        var parts = new List<TextPart> { alone ? string.Empty : newline, indentation };
        // the loops applied at init (InitBranches.WritesCall); one that does not convert is reported and kept by the layer_init hook
        var decorators = InitDecorator.Decorators(module.Node, context, out _) ?? [];
        parts.AddRange(PyBlockPrinter.Print([new PyDef(decorators, "__call__", ["self", "x"], body)], indentation, Unit(indentation), newline));
        parts.Add(newline);
        context.Plan.InsertBefore(context.Tree.Tokens[last + 1], parts.ToArray());
    }

    /// <summary>One indentation step of the file: a method body's beyond the class body's.</summary>
    private string Unit(string members) => context.Edits.IndentationStep(members, module.Init?.block().statement().FirstOrDefault());
}
