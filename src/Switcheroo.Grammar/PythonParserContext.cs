using System;
using System.Collections;
using System.Collections.Generic;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Grammar;

/// <summary>
/// Base of every generated rule context (the grammar's <c>contextSuperClass</c>): keeps a node's
/// children in a <see cref="ChildList"/> rather than ANTLR's <see cref="List{T}"/>. Most rule
/// nodes have one or two children, and a parse tree stays alive while its whole file is parsed
/// and checked, so the garbage collector copies it between generations: a list object and an
/// array per node (88 bytes at least) were about a fifth of what a parse allocates. The list is
/// still <see cref="ParserRuleContext.children"/>, an <see cref="IList{T}"/>, so readers see no difference.
/// </summary>
public class PythonParserContext : ParserRuleContext
{
    public PythonParserContext()
    {
    }

    public PythonParserContext(ParserRuleContext parent, int invokingStateNumber)
        : base(parent, invokingStateNumber)
    {
    }

    public override void AddChild(ITerminalNode t)
    {
        (children ??= new ChildList()).Add(t);
    }

    public override void AddChild(RuleContext ruleInvocation)
    {
        (children ??= new ChildList()).Add(ruleInvocation);
    }

    public override void CopyFrom(ParserRuleContext ctx)
    {
        base.CopyFrom(ctx);
        // ANTLR copies the error nodes of the generic context into a List of its own.
        if (children is List<IParseTree> copied)
        {
            var list = new ChildList();
            foreach (var child in copied)
            {
                list.Add(child);
            }
            children = list;
        }
    }
}

/// <summary>
/// The children of a rule node: the first two in fields, any more in an array that grows by
/// doubling. One object of 48 bytes for the common node (one or two children), where a
/// <see cref="List{T}"/> with its first array takes 88.
/// </summary>
public sealed class ChildList : IList<IParseTree>, IReadOnlyList<IParseTree>
{
    private IParseTree? first;
    private IParseTree? second;
    private IParseTree[]? rest;
    private int count;

    public int Count => count;

    public bool IsReadOnly => false;

    public IParseTree this[int index]
    {
        get
        {
            if ((uint)index >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            return index switch
            {
                0 => first!,
                1 => second!,
                _ => rest![index - 2],
            };
        }
        set
        {
            if ((uint)index >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            Set(index, value);
        }
    }

    public void Add(IParseTree item)
    {
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

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        for (int i = index; i < count - 1; i++)
        {
            Set(i, this[i + 1]);
        }
        Set(--count, null);
    }

    public void Insert(int index, IParseTree item)
    {
        if ((uint)index > (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        Add(item);
        for (int i = count - 1; i > index; i--)
        {
            Set(i, this[i - 1]);
        }
        Set(index, item);
    }

    public int IndexOf(IParseTree item)
    {
        for (int i = 0; i < count; i++)
        {
            if (Equals(this[i], item))
            {
                return i;
            }
        }
        return -1;
    }

    public bool Contains(IParseTree item) => IndexOf(item) >= 0;

    public bool Remove(IParseTree item)
    {
        int index = IndexOf(item);
        if (index < 0)
        {
            return false;
        }
        RemoveAt(index);
        return true;
    }

    public void Clear()
    {
        first = second = null;
        rest = null;
        count = 0;
    }

    public void CopyTo(IParseTree[] array, int arrayIndex)
    {
        for (int i = 0; i < count; i++)
        {
            array[arrayIndex + i] = this[i];
        }
    }

    public IEnumerator<IParseTree> GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Set(int index, IParseTree? item)
    {
        switch (index)
        {
            case 0: first = item; break;
            case 1: second = item; break;
            default: rest![index - 2] = item!; break;
        }
    }
}
