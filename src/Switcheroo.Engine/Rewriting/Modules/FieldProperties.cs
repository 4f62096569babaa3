using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// The fields a subclass passes its base as values computed from its own argument of that name
/// (<see cref="FieldTransform"/>: torch's <c>Conv2d</c> passes <c>_ConvNd</c> <c>kernel_size_ = _pair(kernel_size)</c>).
/// Torch's base stores that value; in Flax the field holds the argument, so the base and every converted
/// class deriving from it read torch's value through a property, <c>NAME_</c>: the base's returns the field,
/// the subclass's the transform of it, and the base's setup binds its argument from the property:
/// <code>
/// class Base(nn.Module):                          class Base(nn.Module):
///     def __init__(self, size):                       size: typing.Any
///         super().__init__()                          def setup(self):
///         self.size = size                                size = self.size_
///         self.n = len(size)                              self.n = len(size)
///     def forward(self, x):                           @property
///         return x.reshape(self.size)                 def size_(self):
///                                                         return self.size
///                                                     def __call__(self, x):
///                                                         return x.reshape(self.size_)
/// class Square(Base):                             class Square(Base):
///     def __init__(self, size):                       def setup(self):
///         size_ = _pair(size)                             size = self.size
///         super().__init__(size_)                         size_ = switcheroo_runtime.as_ntuple(size, n=2)
///                                                         super().setup()
///                                                     @property
///                                                     def size_(self):
///                                                         size = self.size
///                                                         return switcheroo_runtime.as_ntuple(size, n=2)
/// </code>
/// A child rebinding its argument (<c>size = _pair(size)</c>, then <c>super().__init__(size)</c>) is read the same way.
/// The property stands on the topmost class of the file the base derives from through converted classes; the analysis
/// makes sure those pass the field on unchanged and none stores another value under the name itself (<see cref="ModuleClasses"/>). Caveat: subclasses in other files are not seen.
/// </summary>
internal static class FieldProperties
{
    /// <summary>
    /// The attribute each field the class's setup reads as torch's value is read from: the properties of the fields its
    /// subclasses transform (on the class, or on the topmost class it derives from, where the property stands), except
    /// those the class transforms itself, whose argument is the field.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Received(PythonParser.Class_defContext cls, ConversionContext context)
    {
        var classes = context.Facts.ModuleClasses;
        var own = classes.DerivedOf(cls) is { Problem: null } derived ? derived.Transforms.Select(t => t.Name).ToHashSet(StringComparer.Ordinal) : [];
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in Roots(cls, classes))
        {
            foreach (var name in Transformed(root, context).Keys.Where(n => !own.Contains(n)))
            {
                result.TryAdd(name, Attribute(root, name, context));
            }
        }
        return result;
    }

    /// <summary>
    /// Writes the class's properties, and its reads of the transformed fields (<c>self.size</c>) as reads of them; call once
    /// per converted class, before other renames.
    /// </summary>
    public static void Apply(ModuleClass module, ConversionContext context)
    {
        var classes = context.Facts.ModuleClasses;
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in Roots(module.Node, classes))
        {
            foreach (var name in Transformed(root, context).Keys)
            {
                renames.TryAdd(name, Attribute(root, name, context));
            }
        }
        if (renames.Count == 0)
        {
            return;
        }
        foreach (var attribute in ParseTrees.Descendants<PythonParser.AttributeExprContext>(module.Node))
        {
            if (attribute.expr().GetText() == "self" && renames.TryGetValue(attribute.name().GetText(), out var renamed)
                && !IsStored(attribute) && !context.Plan.IsReplaced(attribute.name().Start.TokenIndex))
            {
                context.Plan.Replace(attribute.name(), renamed);
            }
        }
        var properties = new List<PyStatement>();
        foreach (var name in Transformed(module.Node, context).Keys)
        {
            // The base's: torch's value is the argument itself.
            properties.Add(Property(renames[name], [new PyReturn([ModuleRewriter.SelfAttribute(name)])]));
        }
        if (classes.DerivedOf(module.Node) is { Problem: null } derived)
        {
            foreach (var transform in derived.Transforms)
            {
                properties.Add(Property(renames[transform.Name],
                    [PyAssign.Of(Py.Named(transform.Name), ModuleRewriter.SelfAttribute(transform.Name)), new PyReturn([Py.Source(transform.Value)])]));
            }
        }
        Append(module, properties, context);
    }

    /// <summary>
    /// The fields the converted subclasses of a class transform, with the transforms, where the class is the topmost of the
    /// file that the subclass derives from through converted classes (which pass the field on unchanged: <see cref="ModuleClasses"/>),
    /// so the property stands on it: <c>_ConvNd</c> for <c>Conv2d</c> and for <c>ConvTranspose2d</c> (through <c>_ConvTransposeNd</c>).
    /// </summary>
    private static Dictionary<string, List<FieldTransform>> Transformed(PythonParser.Class_defContext cls, ConversionContext context)
    {
        var classes = context.Facts.ModuleClasses;
        var result = new Dictionary<string, List<FieldTransform>>(StringComparer.Ordinal);
        foreach (var child in classes.Derived.Where(d => d.Problem is null && d.Transforms.Count > 0 && classes.Converts(d.Node)
            && classes.Named(d.BaseName) is { } parent && Roots(parent, classes).Last() == cls))
        {
            foreach (var transform in child.Transforms)
            {
                (result.TryGetValue(transform.Name, out var list) ? list : result[transform.Name] = []).Add(transform);
            }
        }
        return result;
    }

    /// <summary>The class and the converted classes of the file it derives from.</summary>
    private static IEnumerable<PythonParser.Class_defContext> Roots(PythonParser.Class_defContext cls, ModuleClasses classes)
    {
        var seen = new HashSet<PythonParser.Class_defContext>();
        for (var step = cls; step is not null && seen.Add(step); step = classes.DerivedOf(step) is { } derived ? classes.Named(derived.BaseName) : null)
        {
            yield return step;
        }
    }

    /// <summary>
    /// The property of a field a base's subclasses transform: <c>NAME_</c>, or with more underscores, such that no name of
    /// the base, and no attribute, method or field of a class deriving from it, is that.
    /// </summary>
    private static string Attribute(PythonParser.Class_defContext root, string name, ConversionContext context)
    {
        var classes = context.Facts.ModuleClasses;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var tokens = context.Tree.Tokens;
        for (int i = root.Start.TokenIndex; i <= root.Stop.TokenIndex; i++)
        {
            if (tokens[i].Type == PythonLexer.NAME)
            {
                used.Add(tokens[i].Text);
            }
        }
        foreach (var derived in classes.Derived.Where(d => d.Node != root && Roots(d.Node, classes).Contains(root)))
        {
            used.UnionWith(ParseTrees.Descendants<PythonParser.AttributeExprContext>(derived.Node).Select(a => a.name().GetText()));
            used.UnionWith(ParseTrees.Descendants<PythonParser.Function_defContext>(derived.Node).Select(f => f.name().GetText()));
            used.UnionWith(TransformedFields.FieldsOf(derived.Node));
        }
        var candidate = name + "_";
        while (used.Contains(candidate))
        {
            candidate += "_";
        }
        return candidate;
    }

    /// <summary>Whether <c>self.NAME</c> is assigned (a target of an assignment with a value, or a part of one), not read.</summary>
    private static bool IsStored(PythonParser.AttributeExprContext attribute) =>
        AssignmentTargets.RoleOf(attribute) is (not TargetRole.Read, PythonParser.Expression_stmtContext statement)
        && statement.assigned_value().Length > 0;

    private static PyDef Property(string name, IReadOnlyList<PyStatement> body) => new([Py.Named("property")], name, ["self"], body);

    /// <summary>The properties after the class's last member.</summary>
    private static void Append(ModuleClass module, List<PyStatement> properties, ConversionContext context)
    {
        if (properties.Count == 0)
        {
            return;
        }
        var member = module.FirstMember();
        var indentation = context.Edits.Indentation(member.Start);
        var newline = context.Edits.Newline();
        var unit = context.Edits.IndentationStep(indentation, module.Init?.block().statement().FirstOrDefault());
        var last = context.Edits.LastLineEnd(module.Node.block().statement()[^1]);
        var parts = new List<TextPart>();
        foreach (var property in properties)
        {
            parts.Add(newline);
            parts.Add(indentation);
            parts.AddRange(PyBlockPrinter.Print([property], indentation, unit, newline));
            parts.Add(newline);
        }
        context.Plan.InsertBefore(context.Tree.Tokens[last + 1], parts.ToArray());
    }
}
