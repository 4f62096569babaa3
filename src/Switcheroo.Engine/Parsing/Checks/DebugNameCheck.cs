using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// <c>__debug__</c> is a constant: nothing may bind it (assignment and other targets, walrus,
/// imports, <c>except ... as</c>, pattern captures, <c>def</c>, <c>class</c>, parameters), delete
/// it, or assign an attribute of that name. Positioned as CPython's compiler does: at the name,
/// or at the statement that binds it. (Keywords named <c>__debug__</c>: <see cref="KeywordArgumentCheck"/>.)
/// Files that never spell <c>__debug__</c> (nearly all) skip the walk.
/// </summary>
internal sealed class DebugNameCheck : IWordGuardedCheck, IWalkingCheck
{
    public const string Debug = "__debug__";
    private const string Assign = "cannot assign to __debug__";

    public string[] Words { get; } = [Debug];

    public ScopeWalker CreateWalker(CheckReporter report) => new Walker(report);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override AnnotationWalk Annotations => AnnotationWalk.Compiled;

        protected override void Visit(ParserRuleContext node)
        {
            // By rule index first: most nodes are names and calls, which bind nothing.
            switch (node.RuleIndex)
            {
                case RULE_simple_stmt when node is Expression_stmtContext statement: CheckStatement(statement); break;
                case RULE_for_stmt: CheckStores(((For_stmtContext)node).target_list()); break;
                case RULE_comp_for: CheckStores(((Comp_forContext)node).target_list()); break;
                case RULE_with_item when ((With_itemContext)node).star_target() is { } target: CheckStores(target); break;
                case RULE_simple_stmt when node is Del_stmtContext statement: CheckDeletion(statement); break;
                case RULE_assignment_expression when ((Assignment_expressionContext)node).name() is { } walrus: CheckName(walrus, walrus); break;
                case RULE_pattern_argument when node is Pattern_argumentContext { } keyword && keyword.name() is { } name:
                    CheckName(name, keyword.pattern());
                    break;
                case RULE_expression when node is LambdefContext:
                    CheckDefinition(node);
                    break;
                case RULE_function_def or RULE_class_def or RULE_except_block or RULE_except_star_block
                    or RULE_dotted_as_name or RULE_import_as_name or RULE_closed_pattern or RULE_maybe_star_pattern
                    or RULE_double_star_pattern or RULE_pattern:
                    CheckDefinition(node);
                    break;
            }
        }

        private void CheckStatement(Expression_stmtContext statement)
        {
            if (statement.ChildCount == 1)
            {
                return;
            }
            var target = Expr.Of(statement.star_expressions());
            if (statement.annotation() is not null || statement.augassign() is not null)
            {
                // Only these two forms check their target; `x.__debug__ += 1` passes.
                if (IsDebug(target) && (target.Kind == ExprKind.Name || statement.annotation() is not null))
                {
                    report.At(target.Node, Assign);
                }
                return;
            }
            CheckStores(statement.star_expressions());
            foreach (var value in statement.assigned_value().SkipLast(1))
            {
                CheckStores(value);
            }
        }

        private void CheckStores(ParserRuleContext target)
        {
            foreach (var store in Targets.Stores(Expr.Of(target)).Where(IsDebug))
            {
                report.At(store.Node, Assign);
            }
        }

        private void CheckDeletion(Del_stmtContext deletion)
        {
            var names = Targets.Stores(Expr.Of(deletion.target_list())).Where(store => store.Kind == ExprKind.Name && IsDebug(store));
            foreach (var name in names)
            {
                report.At(name.Node, "cannot delete __debug__");
            }
        }

        /// <summary>Names bound by a definition, an import, a handler or a pattern.</summary>
        private void CheckDefinition(ParserRuleContext node)
        {
            switch (node)
            {
                case Function_defContext function:
                    CheckNames(ParameterList.Of(function).Names.Append(function.name()), function);
                    break;
                case LambdefContext lambda:
                    CheckNames(ParameterList.Of(lambda).Names, lambda);
                    break;
                case Class_defContext definition: CheckName(definition.name(), definition); break;
                case Except_blockContext { } handler when handler.name() is { } bound: CheckName(bound, handler); break;
                case Except_star_blockContext { } handler when handler.name() is { } bound: CheckName(bound, handler); break;
                case Dotted_as_nameContext module: CheckName(module.name() ?? module.dotted_name().name(0), Statement(module)); break;
                case Import_as_nameContext alias: CheckName(alias.name()[^1], Statement(alias)); break;
                default:
                    if (PatternCaptures.Of(node) is var (name, position))
                    {
                        CheckName(name, position);
                    }
                    break;
            }
        }

        private void CheckNames(IEnumerable<NameContext> names, ParserRuleContext at)
        {
            if (names.Any(name => name.GetText() == Debug))
            {
                report.At(at, Assign);
            }
        }

        private void CheckName(NameContext name, ParserRuleContext at)
        {
            if (name.GetText() == Debug)
            {
                report.At(at, Assign);
            }
        }

        private static ParserRuleContext Statement(ParserRuleContext node)
        {
            while (node is not Import_stmtContext)
            {
                node = (ParserRuleContext)node.Parent;
            }
            return node;
        }

        private static bool IsDebug(Expr target) => target.Kind switch
        {
            ExprKind.Name => target.Node.GetText() == Debug,
            ExprKind.Attribute => ((AttributeExprContext)target.Node).name().GetText() == Debug,
            _ => false,
        };
    }
}
