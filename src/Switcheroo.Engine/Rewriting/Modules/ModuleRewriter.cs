using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Parsing;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>Plans the edits that turn one torch module class into a Linen module (see <see cref="ModuleClassHook"/>).</summary>
internal sealed class ModuleRewriter(ModuleClass module, IReadOnlyList<ModuleField> fields, ConversionContext context)
{
    /// <summary>Constructor statements that stay although they call <c>super().__init__</c>: a Sequential subclass's layers (<see cref="SequentialSubclass"/>).</summary>
    public IReadOnlySet<PythonParser.StatementContext> KeptStatements { get; init; } = new HashSet<PythonParser.StatementContext>();

    /// <summary>
    /// The fields the class declares itself, when not all of <c>fields</c> (the arguments its setup
    /// reads): a subclass of a converted module class declares only its new ones and those whose
    /// default it changes, and inherits the others (<see cref="DerivedModules"/>).
    /// </summary>
    public IReadOnlyList<ModuleField>? Declared { get; init; }

    /// <summary>The class derives from a Linen class (a converted file converted again): its bare annotations are fields, which stay.</summary>
    public bool KeepsAnnotations { get; init; }

    /// <summary>A base of the class declares the <c>train</c> field already.</summary>
    public bool InheritsTrain { get; init; }

    /// <summary>The statement calling the base's constructor in a subclass of a converted module class, which becomes <c>super().setup()</c> when setup keeps other statements.</summary>
    public PythonParser.StatementContext? BaseSetup { get; init; }

    /// <summary>
    /// The method of the runtime's base that the class's <c>super().__init__(...)</c> becomes, in a class deriving from a
    /// torch layer (<see cref="LayerSubclass"/>): the call stays in setup, under that name, with its arguments.
    /// </summary>
    public string? LayerConstructor { get; init; }

    public void Run()
    {
        bool train = context.Facts.TrainState.NeedsTrain(module.Node);
        var declared = Declared ?? fields;
        if (declared.Count > 0 || (train && !InheritsTrain))
        {
            DeclareFields(declared, train && !InheritsTrain, beforeConstructorThatGoes: module.Init is { } first && ConstructorGoes(first)
                && module.FirstMember() == SyntaxShapes.Enclosing<PythonParser.StatementContext>(first));
        }
        if (train)
        {
            InjectTrainFlag();
        }
        if (module.Init is { } init)
        {
            RewriteConstructorBody(init);
            WriteNotGiven(init);
        }
        FieldProperties.Apply(module, context);
        InheritedRenames.Apply(module, fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal), context);
        if (module.Forward is { } forward)
        {
            context.Plan.Replace(forward.name(), "__call__");
        }
        if (!KeepsAnnotations)
        {
            ClassAnnotations.Remove(module, context);
        }
        BufferRegistrations.Convert(module, fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal), context);
        AddedModules.Convert(module, context);
        UnseenSubmodules.Report(module, context);
        SubmoduleAttributes.Report(module, context);
    }

    /// <summary>Dataclass fields from the constructor arguments, then <c>train</c> (torch modules start in training mode).</summary>
    /// <remarks>
    /// The lines go in front of the first member's line, indentation included, so they stay when
    /// that member is a constructor that goes as a whole (then no blank line follows them: the
    /// constructor's own blank lines stay). Keyword-only arguments (after a bare <c>*</c>) follow the marker <c>_: dataclasses.KW_ONLY</c>,
    /// and so does <c>train</c> then: Flax's dataclass transform keeps them keyword-only in the
    /// generated constructor, as torch's were, and they need no default.
    /// </remarks>
    private void DeclareFields(IReadOnlyList<ModuleField> declared, bool train, bool beforeConstructorThatGoes)
    {
        var member = module.FirstMember();
        var indentation = context.Edits.Indentation(member.Start);
        var newline = context.Edits.Newline();
        var lines = new List<PyStatement>();
        var owners = new List<ModuleField?>();
        foreach (var field in declared)
        {
            if (field.KeywordOnly && !declared.TakeWhile(f => f != field).Any(f => f.KeywordOnly))
            {
                lines.Add(new PyAnnotatedAssign(Py.Named("_"), Py.Named(context.Targets.Reference(KeywordOnlyMarker)), null));
                owners.Add(null);
            }
            owners.Add(field);
            lines.Add(new PyAnnotatedAssign(Py.Named(field.Name), new PySource(field.Annotation, PyPrecedence.Any),
                field.Default is not null ? new PySource(Immutable(field.Default), PyPrecedence.Of(field.Default))
                : field.DefaultText is { } text ? new PySource([text], PyPrecedence.Any) : null));
        }
        if (train)
        {
            lines.Add(new PyAnnotatedAssign(Py.Named("train"), Py.Named("bool"), PyLiteral.Bool(true)));
        }
        if (!beforeConstructorThatGoes)
        {
            // The blank line that separates the fields from the methods.
            lines.Add(new PyBlankLine());
        }
        // Each field's line is preceded by the markers of what stays torch in its annotation or default.
        var parts = new List<TextPart> { indentation };
        for (int i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                parts.Add(lines[i] is PyBlankLine ? newline : newline + indentation);
            }
            if (i < owners.Count && owners[i]?.Parameter is { } parameter)
            {
                parts.Add(context.Reports.MarkersMovedWith(parameter, newline + indentation));
            }
            parts.AddRange(PyBlockPrinter.Print([lines[i]], indentation, EditSink.StatementUnit, newline));
        }
        context.Plan.InsertBefore(context.Tree.Tokens[context.Edits.LineStart(member.Start, withIndentation: true)], [.. parts, newline]);
    }

    /// <summary>
    /// The default <see cref="ReadKeywords"/> gives a key the constructor tested its <c>**kwargs</c> for,
    /// and the tests against it, become the runtime's sentinel: <c>switcheroo_runtime.NOT_GIVEN</c>.
    /// </summary>
    private void WriteNotGiven(PythonParser.Function_defContext init)
    {
        foreach (var name in ParseTrees.Descendants<PythonParser.NameAtomContext>(init).Where(n => n.GetText() == ReadKeywords.NotGiven))
        {
            context.Plan.Replace(name, context.Targets.Reference("switcheroo_runtime.NOT_GIVEN"));
        }
    }

    /// <summary>The pseudo-field after which a dataclass's fields are keyword-only.</summary>
    internal const string KeywordOnlyMarker = "dataclasses.KW_ONLY";

    /// <summary>
    /// A field's default as a value a dataclass field may have: a list literal becomes the tuple of
    /// its items (<c>[64, 32]</c> → <c>(64, 32)</c>), as a field cannot default to a mutable list — and a
    /// module whose fields are hashable can be a static argument of <c>jax.jit</c>.
    /// </summary>
    private static TextPart[] Immutable(PythonParser.ExpressionContext value)
    {
        if (SyntaxShapes.AtomOf(value) is not PythonParser.ListAtomContext list || list.comprehension() is not null)
        {
            return [TextPart.Of(value)];
        }
        if (list.FirstItem() is not { } first)
        {
            return ["()"];
        }
        var last = list.RSQB().Symbol.TokenIndex - 1;
        bool single = list.star_named_expressions() is null;
        return ["(", new TextPart.Source(first.Start.TokenIndex, last), single && list.COMMA() is null ? ",)" : ")"];
    }

    /// <summary>
    /// <c>self.training</c> reads become <c>self.train</c>; building another train-dependent module
    /// of the file passes the flag on: <c>Block(c)</c> → <c>Block(c, train=self.train)</c>; building a
    /// block the class is given passes it through the runtime, which knows what the block is:
    /// <c>block(c)</c> → <c>switcheroo_runtime.with_train(block, self.train)(c)</c> (<see cref="Analysis.GivenBuilders"/>).
    /// </summary>
    private void InjectTrainFlag()
    {
        foreach (var call in Analysis.GivenBuilders.Of(module.Node, context.Model))
        {
            context.Plan.Replace(call.expr(), PyPrinter.Print(
                Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.with_train")), Py.Source(call.expr()), SelfAttribute("train"))));
        }
        foreach (var attribute in ParseTrees.Descendants<PythonParser.AttributeExprContext>(module.Node))
        {
            if (attribute.expr().GetText() == "self" && attribute.name().GetText() == "training")
            {
                context.Plan.Replace(attribute.name(), "train");
            }
        }
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(module.Node))
        {
            if (call.expr() is PythonParser.NameAtomContext callee && context.Facts.TrainState.NeedsTrain(callee.GetText())
                && !CallArguments.Of(call.arguments()).Any(a => a is PythonParser.KeywordArgumentContext k && k.name().GetText() == "train"))
            {
                var arguments = CallArguments.Of(call.arguments());
                var flag = PyPrinter.PrintArguments([], [new PyKeyword("train", SelfAttribute("train"))]);
                if (arguments.Count > 0)
                {
                    context.Plan.InsertAfter(arguments[^1], [", ", .. flag]);
                }
                else
                {
                    context.Plan.InsertAfter(call.LPAR().Symbol, flag);
                }
            }
        }
    }

    /// <summary>
    /// Turns the constructor body into <c>setup</c>'s: <c>super().__init__()</c> and field copies
    /// (<c>self.h = h</c>) go, and the fields the body reads are bound to locals of the same name
    /// first (<c>h = self.h</c>, or the field's property, <see cref="FieldProperties"/>), so the body, reassignments included, reads as before; another value
    /// assigned to a field's name moves to another attribute or is reported (<see cref="ShadowedFields"/>).
    /// A body left empty means no <c>setup</c> at all.
    /// </summary>
    private void RewriteConstructorBody(PythonParser.Function_defContext init)
    {
        var removed = RemovedFromConstructor(init);
        var kept = init.block().statement().Where(s => !removed.Contains(s)).ToList();
        if (LayerConstructor is { } constructor)
        {
            foreach (var call in kept.Select(s => ModelBases.BaseConstructorCall(s, module.Node)).OfType<PythonParser.CallExprContext>())
            {
                context.Plan.Replace(((PythonParser.AttributeExprContext)call.expr()).name(), constructor);
            }
        }
        if (kept.Count == 0)
        {
            // Its lines go, not the indentation of the line after it; a class body left empty gets pass.
            var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(init)!;
            context.Plan.Discard(context.Edits.LineStart(statement.Start, withIndentation: true), context.Edits.LastLineEnd(statement));
            return;
        }
        context.Plan.Replace(init.name(), "setup");
        if (init.parameters() is { } parameters)
        {
            // The arguments go whole: a subclass's arguments its base declares are no fields of its own, and the edits
            // inside them (a torch annotation) go with them.
            context.Plan.Discard(parameters.Start.TokenIndex, parameters.Stop.TokenIndex, "self");
        }
        foreach (var statement in removed)
        {
            if (statement == BaseSetup && ModelBases.BaseConstructorCall(statement, module.Node) is { } call)
            {
                // The base's setup builds its layers first, as its constructor did.
                var setup = new PyCall(new PyAttribute(new PyCall(Py.Named("super"), [], []), "setup"), [], []);
                context.Edits.ReplaceKeepingComments(call, PyPrinter.Print(setup));
                continue;
            }
            context.Edits.RemoveStatement(statement);
        }
        var shadowed = new ShadowedFields(module, fields, context);
        var renames = shadowed.Resolve(kept);
        new GrowingLists(module, init, context).Run(fields.Select(f => f.Name), renames);
        shadowed.Rename(renames);
        BindFieldsToLocals(kept);
    }

    /// <summary>
    /// The constructor statements that a Linen module does without: <c>super().__init__()</c>, field copies, and the
    /// locals only the base call read that are the properties of the fields it passes them as (<see cref="FieldProperties"/>).
    /// </summary>
    private HashSet<PythonParser.StatementContext> RemovedFromConstructor(PythonParser.Function_defContext init)
    {
        var unchanged = fields.Where(f => !f.Reassigned).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var transforms = (context.Facts.ModuleClasses.DerivedOf(module.Node) is { Problem: null } derived ? derived.Transforms : [])
            .Select(t => SyntaxShapes.Enclosing<PythonParser.StatementContext>(t.Value)).ToHashSet();
        return init.block().statement().Where(s => !KeptStatements.Contains(s)
            && ((LayerConstructor is null && ModelBases.BaseConstructorCall(s, module.Node) is not null) || IsFieldCopy(s, unchanged) || transforms.Contains(s))).ToHashSet();
    }

    /// <summary>True when every statement of the constructor goes, and so does the constructor.</summary>
    private bool ConstructorGoes(PythonParser.Function_defContext init) =>
        RemovedFromConstructor(init).Count == init.block().statement().Length;

    /// <summary>
    /// <c>h = self.h</c> before the kept statements for each field they read, in declaration order;
    /// the sink writes a line only when a read of its field survives (a read inside a dropped
    /// argument, such as <c>nn.Linear</c>'s <c>in_features</c>, does not count).
    /// </summary>
    private void BindFieldsToLocals(IReadOnlyList<PythonParser.StatementContext> kept)
    {
        var reads = FieldReads(kept);
        // A field a subclass passes as a value computed from its argument is torch's value as a property (FieldProperties).
        var received = FieldProperties.Received(module.Node, context);
        var lines = fields.Where(f => reads.ContainsKey(f.Name))
            .Select(f => new EditSink.ReadLine(PyAssign.Of(Py.Named(f.Name), SelfAttribute(received.GetValueOrDefault(f.Name, f.Name))), reads[f.Name]))
            .ToList();
        context.Edits.InsertLinesIfRead(kept[0], lines);
    }

    /// <summary>The reads of each field (constructor argument) in the kept statements.</summary>
    private Dictionary<string, List<ParserRuleContext>> FieldReads(IReadOnlyList<PythonParser.StatementContext> kept)
    {
        var parameters = fields.Where(f => f.Parameter is not null).ToDictionary(f => f.Parameter!, f => f.Name);
        var reads = new Dictionary<string, List<ParserRuleContext>>(StringComparer.Ordinal);
        foreach (var use in kept.SelectMany(ParseTrees.Descendants<PythonParser.NameAtomContext>))
        {
            var bindings = SemanticModel.Lookup(use.GetText(), context.Model.ScopeOf(use));
            if (bindings is not null && bindings.Any(b => b.Site is PythonParser.ParameterContext p && parameters.ContainsKey(p)))
            {
                if (!reads.TryGetValue(use.GetText(), out var uses))
                {
                    reads[use.GetText()] = uses = new List<ParserRuleContext>();
                }
                uses.Add(use);
            }
        }
        return reads;
    }

    /// <summary><c>self.NAME</c>.</summary>
    internal static Py SelfAttribute(string name) => new PyAttribute(Py.Named("self"), name);

    /// <summary><c>self.h = h</c> for a field <c>h</c>: the field already holds it.</summary>
    private static bool IsFieldCopy(PythonParser.StatementContext statement, HashSet<string> fieldNames)
    {
        // self.h=h is five tokens: a longer statement (a layer built over several lines) is not copied
        // into a string to find that out.
        var text = statement.simple_stmt() is [{ } only]
            && ParseTrees.Descendants<Antlr4.Runtime.Tree.ITerminalNode>(only).Where(t => t.Symbol.StopIndex >= t.Symbol.StartIndex).Take(6).Count() <= 5
            ? only.GetText() : null;
        var parts = text?.Split('=');
        return parts is [var left, var right] && left.StartsWith("self.", StringComparison.Ordinal)
            && left[5..] == right && fieldNames.Contains(right);
    }
}
