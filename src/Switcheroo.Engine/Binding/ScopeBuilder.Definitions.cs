using Antlr4.Runtime;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Binding;

// Definitions that open scopes: functions, lambdas, classes, comprehensions; imports; patterns.
internal sealed partial class ScopeBuilder
{
    public override object? VisitFunction_def(PythonParser.Function_defContext context)
    {
        Bind(context.name(), context);
        VisitOutsideParts(context.parameters());
        if (context.expression() is { } returns)
        {
            Visit(returns);
        }
        var scope = Enter(ScopeKind.Function, context);
        InScope(scope, () =>
        {
            VisitTypeParams(context.type_params());
            foreach (var parameter in context.parameters()?.parameter() ?? Array.Empty<PythonParser.ParameterContext>())
            {
                if (parameter.name() is { } name)
                {
                    Bind(name, parameter);
                }
            }
            Visit(context.block());
        });
        return null;
    }

    /// <summary>Defaults and annotations run when the def runs, in the enclosing scope.</summary>
    private void VisitOutsideParts(PythonParser.ParametersContext? parameters)
    {
        foreach (var parameter in parameters?.parameter() ?? Array.Empty<PythonParser.ParameterContext>())
        {
            foreach (var child in parameter.children.OfType<ParserRuleContext>())
            {
                if (child is not PythonParser.NameContext)
                {
                    Visit(child);
                }
            }
        }
    }

    private void VisitTypeParams(PythonParser.Type_paramsContext? typeParams)
    {
        foreach (var param in typeParams?.type_param() ?? Array.Empty<PythonParser.Type_paramContext>())
        {
            Bind(param.name(), param);
            if (param.expression() is { } bound)
            {
                Visit(bound);
            }
        }
    }

    public override object? VisitLambdef(PythonParser.LambdefContext context)
    {
        var parameters = context.lambda_parameters()?.lambda_parameter() ?? Array.Empty<PythonParser.Lambda_parameterContext>();
        foreach (var parameter in parameters)
        {
            if (parameter.expression() is { } defaultValue)
            {
                Visit(defaultValue);
            }
        }
        InScope(Enter(ScopeKind.Lambda, context), () =>
        {
            foreach (var parameter in parameters)
            {
                if (parameter.name() is { } name)
                {
                    Bind(name, parameter);
                }
            }
            Visit(context.expression());
        });
        return null;
    }

    public override object? VisitClass_def(PythonParser.Class_defContext context)
    {
        Bind(context.name(), context);
        if (context.arguments() is { } bases)
        {
            Visit(bases);
        }
        InScope(Enter(ScopeKind.Class, context), () =>
        {
            VisitTypeParams(context.type_params());
            Visit(context.block());
        });
        return null;
    }

    public override object? VisitDecorated(PythonParser.DecoratedContext context) => VisitChildren(context);

    public override object? VisitParenAtom(PythonParser.ParenAtomContext context) => VisitMaybeComprehension(context, context.comprehension());

    public override object? VisitListAtom(PythonParser.ListAtomContext context) => VisitMaybeComprehension(context, context.comprehension());

    public override object? VisitDict_or_set(PythonParser.Dict_or_setContext context)
    {
        var comprehension = context.dict_tail()?.comprehension() ?? context.set_tail()?.comprehension();
        return VisitMaybeComprehension(context, comprehension);
    }

    public override object? VisitPositionalArgument(PythonParser.PositionalArgumentContext context) =>
        VisitMaybeComprehension(context, context.comprehension());

    /// <summary>A comprehension is its own scope, except for the first iterable, which is evaluated outside it.</summary>
    private object? VisitMaybeComprehension(ParserRuleContext owner, PythonParser.ComprehensionContext? comprehension)
    {
        if (comprehension is null)
        {
            return VisitChildren(owner);
        }
        var clauses = comprehension.comp_for();
        Visit(clauses[0].disjunction(0));
        InScope(Enter(ScopeKind.Comprehension, owner), () =>
        {
            foreach (var clause in clauses)
            {
                BindTargets(clause.target_list(), clause);
                Visit(clause.target_list());
                var conditions = clause.disjunction();
                for (int i = clause == clauses[0] ? 1 : 0; i < conditions.Length; i++)
                {
                    Visit(conditions[i]);
                }
            }
            foreach (var child in owner.children.OfType<ParserRuleContext>())
            {
                if (child != comprehension)
                {
                    Visit(child);
                }
            }
        });
        return null;
    }

    public override object? VisitImportName(PythonParser.ImportNameContext context)
    {
        foreach (var item in context.dotted_as_name())
        {
            var dotted = item.dotted_name().GetText();
            var (name, qualified) = item.name() is { } alias
                ? (alias.GetText(), dotted)
                : (dotted.Split('.')[0], dotted.Split('.')[0]);
            _current.Bind(new NameBinding(name, BindingKind.Import, qualified, item));
        }
        return null;
    }

    public override object? VisitImportFrom(PythonParser.ImportFromContext context)
    {
        var module = context.relative_dots() is null ? context.dotted_name().GetText() : null;
        BindImportTargets(context.import_targets(), module);
        return null;
    }

    public override object? VisitImportFromRelative(PythonParser.ImportFromRelativeContext context)
    {
        BindImportTargets(context.import_targets(), null);
        return null;
    }

    /// <summary>Names from relative imports are local: they are the project's own, never torch's.</summary>
    private void BindImportTargets(PythonParser.Import_targetsContext targets, string? module)
    {
        foreach (var item in targets.import_as_name())
        {
            var imported = item.name(0).GetText();
            var bound = item.name().Length > 1 ? item.name(1).GetText() : imported;
            var kind = module is null ? BindingKind.Local : BindingKind.Import;
            _current.Bind(new NameBinding(bound, kind, module is null ? null : $"{module}.{imported}", item));
        }
    }

    public override object? VisitMaybe_star_pattern(PythonParser.Maybe_star_patternContext context)
    {
        if (context.STAR() is not null && context.name() is { } name)
        {
            Bind(name, context);
        }
        return VisitChildren(context);
    }

    public override object? VisitPattern(PythonParser.PatternContext context) => BindThenVisit(context.name(), context);

    public override object? VisitName_or_attr(PythonParser.Name_or_attrContext context)
    {
        var names = context.name();
        if (names.Length == 1 && context.Parent is PythonParser.Closed_patternContext pattern && pattern.LPAR() is null && names[0].GetText() != "_")
        {
            Bind(names[0], context);
        }
        return null;
    }

    public override object? VisitDouble_star_pattern(PythonParser.Double_star_patternContext context)
    {
        Bind(context.name(), context);
        return null;
    }
}
