using System;
using System.Collections.Generic;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Grammar;

/// <summary>
/// Base of every generated rule context (the grammar's <c>contextSuperClass</c>): a node keeps its
/// children itself, in one field (the only child, or an array of them: see the Children part), and
/// is itself the list that <see cref="ParserRuleContext.children"/> points to. Most
/// rule nodes have one child, and a parse tree stays alive while its whole file is parsed
/// and checked, so the garbage collector copies it between generations: ANTLR's list object and
/// array per node (88 bytes at least), then a separate child list of 48 bytes, then three fields
/// and a count, were each in turn a large part of what a parse allocated (docs/performance.md,
/// fourth, fifth and seventh rounds). Readers see
/// <see cref="ParserRuleContext.children"/> as the <see cref="IList{T}"/> it always was.
/// </summary>
public partial class PythonParserContext : ParserRuleContext
{
    public PythonParserContext()
    {
    }

    public PythonParserContext(ParserRuleContext parent, int invokingStateNumber)
        : base(parent, invokingStateNumber)
    {
    }

    public override void AddChild(ITerminalNode t) => Append(t);

    public override void AddChild(RuleContext ruleInvocation) => Append(ruleInvocation);

    /// <summary>A consumed token: a <see cref="PythonToken"/> is its own leaf, no separate terminal node.</summary>
    public override ITerminalNode AddChild(IToken matchedToken)
    {
        if (matchedToken is not PythonToken token)
        {
            return base.AddChild(matchedToken);
        }
        token.Parent = this;
        Append(token);
        return token;
    }

    public override void RemoveLastChild()
    {
        if (OwnsChildren && kids is not null)
        {
            Set(Count - 1, null);
        }
        else
        {
            base.RemoveLastChild();
        }
    }

    public override IParseTree GetChild(int i)
    {
        if (OwnsChildren)
        {
            return ChildAt(i)!; // ANTLR's contract: null when out of range
        }
        return base.GetChild(i);
    }

    public override int ChildCount => OwnsChildren ? Count : base.ChildCount;

    public override void CopyFrom(ParserRuleContext ctx)
    {
        base.CopyFrom(ctx);
        if (ctx is PythonParserContext generic)
        {
            // The alternative's context took over: the parser may hand the generic one out again.
            // (Only a rule's generic context is ever copied from, and it is no node of a tree.)
            generic.invokingState = CopiedScratch;
        }
        // ANTLR copies the error nodes of the generic context into a List of its own.
        if (children is List<IParseTree> copied)
        {
            children = null;
            Clear();
            foreach (var child in copied)
            {
                Append(child);
            }
        }
    }

    /// <summary>
    /// The invoking state of a generic context that an alternative's context copied: no parser
    /// state has this number, and a copied generic context is no node of a tree, so nothing reads
    /// it there (a field of its own for the mark would have made every context 8 bytes larger).
    /// </summary>
    private const int CopiedScratch = int.MinValue;

    /// <summary>
    /// Whether this generic context (a spare that <see cref="PythonParserBase.Scratch{T}"/> handed
    /// out for a rule with labelled alternatives) was copied by an alternative's context: nothing
    /// refers to it any more.
    /// </summary>
    internal bool IsFreeScratch => invokingState == CopiedScratch;

    /// <summary>Makes this spare generic context what <c>new XContext(parent, invokingState)</c> would be.</summary>
    internal void EnterAsScratch(ParserRuleContext parent, int invokingState)
    {
        Parent = parent;
        this.invokingState = invokingState;
        Start = null!;
        Stop = null!;
        exception = null!;
        children = null!;
        Clear();
    }

    /// <summary>ANTLR's text of the node (its children's texts joined), for a subclass that overrides <see cref="RuleContext.GetText"/>.</summary>
    internal string ChildrenText() => base.GetText();

    /// <summary>Whether the children are this node's own fields (always, unless a caller set another list).</summary>
    private bool OwnsChildren => ReferenceEquals(children, this);
}
