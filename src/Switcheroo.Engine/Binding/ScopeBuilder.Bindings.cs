using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Parsing.Checks;
using Switcheroo.Grammar;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Binding;

// What each node the walk meets binds, and where: imports (with the qualified name they stand
// for), assignments, loop, with and comprehension targets, except-as, walrus (in the nearest
// scope that is not a comprehension), pattern captures, def and class names, global and nonlocal;
// parameters and type parameters when their scope opens. Every name read notes its scope.
internal sealed partial class ScopeBuilder
{
    /// <summary>Called for each recorded node, in its scope, before its children are walked.</summary>
    private void Bind(ParserRuleContext node)
    {
        switch (node.RuleIndex)
        {
            case RULE_expr:
                // Names are most of the nodes: settle them first.
                if (node is NameAtomContext name)
                {
                    uses.Add((name, scope));
                }
                break;
            case RULE_simple_stmt when node is Expression_stmtContext statement: BindAssignment(statement); break;
            case RULE_for_stmt: BindTargets(((For_stmtContext)node).target_list(), node); break;
            case RULE_comp_for: BindTargets(((Comp_forContext)node).target_list(), node); break;
            case RULE_with_item when ((With_itemContext)node).star_target() is { } target: BindTargets(target, node); break;
            case RULE_simple_stmt when node is Del_stmtContext statement: BindTargets(statement.target_list(), node); break;
            case RULE_except_block when ((Except_blockContext)node).name() is { } caught: BindLocal(caught, node); break;
            case RULE_except_star_block when ((Except_star_blockContext)node).name() is { } caught: BindLocal(caught, node); break;
            case RULE_function_def: BindLocal(((Function_defContext)node).name(), node); break;
            case RULE_class_def: BindLocal(((Class_defContext)node).name(), node); break;
            case RULE_assignment_expression:
                var walrus = ((Assignment_expressionContext)node).name();
                scope.NearestNonComprehension().Bind(new NameBinding(walrus.GetText(), BindingKind.Local, null, node));
                break;
            case RULE_simple_stmt when node is Global_stmtContext global:
                foreach (var declared in global.name())
                {
                    scope.DeclareGlobal(declared.GetText());
                }
                break;
            case RULE_simple_stmt when node is Nonlocal_stmtContext nonlocal:
                foreach (var declared in nonlocal.name())
                {
                    scope.DeclareNonlocal(declared.GetText());
                }
                break;
            case RULE_dotted_as_name: BindImport((Dotted_as_nameContext)node); break;
            case RULE_import_as_name: BindImport((Import_as_nameContext)node); break;
            case RULE_closed_pattern or RULE_maybe_star_pattern or RULE_pattern or RULE_double_star_pattern:
                BindCapture(node);
                break;
        }
    }

    /// <summary>Parameters and type parameters are bound in the scope they open.</summary>
    private void BindOpened(Scope opened)
    {
        switch (opened.Node)
        {
            case Function_defContext function:
                BindTypeParameters(function.type_params());
                BindParameters(function.parameters());
                break;
            case LambdefContext lambda:
                BindParameters(lambda.lambda_parameters());
                break;
            case Class_defContext definition:
                BindTypeParameters(definition.type_params());
                break;
        }
    }

    /// <summary>
    /// The names of a def's or lambda's parameter list, its entries read in place (the generated
    /// <c>parameter()</c> collects an array, and every def's list is read twice by the walk).
    /// </summary>
    private void BindParameters(PythonParserContext? parameters)
    {
        if (parameters is null)
        {
            return;
        }
        foreach (var child in parameters.ChildSlots)
        {
            if (child is null)
            {
                break;
            }
            var name = child switch
            {
                ParameterContext parameter => parameter.name(),
                Lambda_parameterContext parameter => parameter.name(),
                _ => null,
            };
            if (name is not null)
            {
                BindLocal(name, (ParserRuleContext)child);
            }
        }
    }

    private void BindTypeParameters(Type_paramsContext? parameters)
    {
        foreach (var parameter in parameters?.type_param() ?? Array.Empty<Type_paramContext>())
        {
            BindLocal(parameter.name(), parameter);
        }
    }

    private void BindLocal(ParserRuleContext name, ParserRuleContext site) =>
        scope.Bind(new NameBinding(ParseTrees.Identifier(name), BindingKind.Local, null, site));

    /// <summary>Binds the names of a target (<see cref="TargetNames.Of"/>), without an enumerator per level.</summary>
    private void BindTargets(IParseTree target, ParserRuleContext site)
    {
        switch (TargetNames.Unwrap(target))
        {
            case NameAtomContext name:
                BindLocal(name, site);
                break;
            case (ParenAtomContext or ListAtomContext or Star_expressionsContext or Target_listContext or Star_named_expressionsContext) and var list:
                for (int i = 0; i < list.ChildCount; i++)
                {
                    if (list.GetChild(i) is ParserRuleContext element and not ComprehensionContext)
                    {
                        BindTargets(element, site);
                    }
                }
                break;
            case (Star_expressionContext or Star_named_expressionContext or Star_targetContext) and ParserRuleContext starred:
                BindTargets(starred.GetRuleContext<ExprContext>(0), site);
                break;
        }
    }

    /// <summary>
    /// An assignment, augmented assignment or annotated name binds its targets; a bare expression
    /// binds nothing. Read by position (<see cref="AssignmentParts"/>): the generated accessors
    /// would collect arrays for every statement of the file.
    /// </summary>
    private void BindAssignment(Expression_stmtContext statement)
    {
        int count = statement.ChildCount;
        if (count == 1)
        {
            return;
        }
        BindTargets(statement.GetChild(0), statement);
        if (AssignmentParts.IsChain(statement))
        {
            // a = b = value: every part but the value is a target.
            for (int i = 2; i < count - 1; i += 2)
            {
                BindTargets(statement.GetChild(i), statement);
            }
        }
    }

    /// <summary><c>import a.b</c> binds <c>a</c>; <c>import a.b as c</c> binds <c>c</c> to <c>a.b</c>.</summary>
    private void BindImport(Dotted_as_nameContext item)
    {
        var dotted = item.dotted_name().GetText();
        var (name, qualified) = item.name() is { } alias
            ? (alias.GetText(), dotted)
            : (dotted.Split('.')[0], dotted.Split('.')[0]);
        scope.Bind(new NameBinding(name, BindingKind.Import, qualified, item));
    }

    /// <summary>Names from relative imports are local: they are the project's own, never torch's.</summary>
    private void BindImport(Import_as_nameContext item)
    {
        var statement = item.Parent.Parent;
        var module = statement is ImportFromContext { } from && from.relative_dots() is null ? from.dotted_name().GetText() : null;
        var imported = item.name(0).GetText();
        var bound = item.name().Length > 1 ? item.name(1).GetText() : imported;
        scope.Bind(module is null
            ? new NameBinding(bound, BindingKind.Local, null, item)
            : new NameBinding(bound, BindingKind.Import, $"{module}.{imported}", item));
    }

    /// <summary>A <c>case</c> capture binds like an assignment (never <c>_</c>, the wildcard).</summary>
    private void BindCapture(ParserRuleContext node)
    {
        if (PatternCaptures.Of(node) is var (name, _))
        {
            BindLocal(name, node is Closed_patternContext closed ? closed.name_or_attr() : node);
        }
    }
}
