using System;
using System.Collections.Generic;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Grammar;

/// <summary>
/// The lookups the generated accessors call (<c>expression()</c>, <c>COMMA(i)</c>, ...), by index
/// over the node's own field. ANTLR's versions enumerate <see cref="ParserRuleContext.children"/>
/// through the interface: an enumerator object per call, which the JIT could keep on the stack
/// while every list was one sealed type, but not once the list is the node, of a hundred types
/// (docs/performance.md, fifth round). Same results, same order, same empty arrays.
/// </summary>
public partial class PythonParserContext
{
    public override T GetChild<T>(int i) => OwnsChildren ? ChildOfType<T>(i) : base.GetChild<T>(i);

    /// <summary>
    /// What the generated single accessors call (<c>statement(i)</c>, <c>expression()</c>): ANTLR's generic
    /// virtual, hidden by a plain method, so a call from a generated context is not resolved through
    /// the runtime's generic virtual dispatch twice (this method, then <c>GetChild&lt;T&gt;</c>); a
    /// reader holding a <see cref="ParserRuleContext"/> still reaches the same answer through
    /// <see cref="GetChild{T}(int)"/>.
    /// </summary>
    public new T GetRuleContext<T>(int i) where T : ParserRuleContext =>
        OwnsChildren ? ChildOfType<T>(i) : base.GetChild<T>(i);

    public override T[] GetRuleContexts<T>() =>
        OwnsChildren ? ChildrenOfType<T>() : base.GetRuleContexts<T>();

    private T ChildOfType<T>(int i)
    {
        int seen = -1;
        foreach (var child in Slots())
        {
            if (child is null)
            {
                break;
            }
            if (child is T match && ++seen == i)
            {
                return match;
            }
        }
        return default!;
    }

    public override ITerminalNode GetToken(int ttype, int i)
    {
        if (!OwnsChildren)
        {
            return base.GetToken(ttype, i);
        }
        int seen = -1;
        foreach (var child in Slots())
        {
            if (child is null)
            {
                break;
            }
            if (child is ITerminalNode node && node.Symbol.Type == ttype && ++seen == i)
            {
                return node;
            }
        }
        return null!;
    }

    public override ITerminalNode[] GetTokens(int ttype)
    {
        if (!OwnsChildren)
        {
            return base.GetTokens(ttype);
        }
        List<ITerminalNode>? tokens = null;
        foreach (var child in Slots())
        {
            if (child is null)
            {
                break;
            }
            if (child is ITerminalNode node && node.Symbol.Type == ttype)
            {
                (tokens ??= new List<ITerminalNode>()).Add(node);
            }
        }
        return tokens is null ? Array.Empty<ITerminalNode>() : tokens.ToArray();
    }

    private T[] ChildrenOfType<T>()
    {
        List<T>? contexts = null;
        foreach (var child in Slots())
        {
            if (child is null)
            {
                break;
            }
            if (child is T match)
            {
                (contexts ??= new List<T>()).Add(match);
            }
        }
        return contexts is null ? Array.Empty<T>() : contexts.ToArray();
    }
}
