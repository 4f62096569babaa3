using System;
using System.Collections.Generic;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Grammar;

/// <summary>
/// Base of every generated rule context (the grammar's <c>contextSuperClass</c>): a node keeps its
/// children itself, the first two in fields and any more in an array that grows by doubling, and
/// is itself the list that <see cref="ParserRuleContext.children"/> points to. Most
/// rule nodes have one or two children, and a parse tree stays alive while its whole file is parsed
/// and checked, so the garbage collector copies it between generations: ANTLR's list object and
/// array per node (88 bytes at least), then a separate child list of 48 bytes, were a fifth and then
/// a sixth of what a parse allocated (docs/performance.md, fourth and fifth rounds). Readers see
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
        if (OwnsChildren && count > 0)
        {
            Set(--count, null);
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
            return (uint)i < (uint)count ? At(i) : null!; // ANTLR's contract: null when out of range
        }
        return base.GetChild(i);
    }

    public override int ChildCount => OwnsChildren ? count : base.ChildCount;

    public override void CopyFrom(ParserRuleContext ctx)
    {
        base.CopyFrom(ctx);
        if (ctx is PythonParserContext { scratch: ScratchState.Entered } generic)
        {
            // The alternative's context took over: the parser may hand the generic one out again.
            generic.scratch = ScratchState.Copied;
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
    /// Whether this is a generic context that <see cref="PythonParserBase.Scratch{T}"/> handed out
    /// for a rule with labelled alternatives, and whether an alternative's context copied it yet.
    /// </summary>
    private ScratchState scratch;

    private enum ScratchState : byte { None, Entered, Copied }

    /// <summary>A spare generic context that an alternative copied: nothing refers to it any more.</summary>
    internal bool IsFreeScratch => scratch == ScratchState.Copied;

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
        scratch = ScratchState.Entered;
    }

    /// <summary>Whether the children are this node's own fields (always, unless a caller set another list).</summary>
    private bool OwnsChildren => ReferenceEquals(children, this);

    private void Append(IParseTree item)
    {
        children ??= this;
        if (!OwnsChildren)
        {
            children.Add(item);
            return;
        }
        if (count >= 2)
        {
            int at = count - 2;
            if (rest is null)
            {
                rest = new IParseTree[2];
            }
            else if (at == rest.Length)
            {
                Array.Resize(ref rest, rest.Length * 2);
            }
        }
        Set(count++, item);
    }
}
