using System;
using System.Collections;
using System.Collections.Generic;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Grammar;

/// <summary>
/// The node as the list of its children (<see cref="Antlr4.Runtime.ParserRuleContext.children"/>
/// points to the node itself): the first two children in fields, any more in <see cref="rest"/>.
/// Implemented explicitly, so a context's own members (<c>GetChild</c>, <c>ChildCount</c>) stay
/// what readers call.
/// </summary>
public partial class PythonParserContext : IList<IParseTree>, IReadOnlyList<IParseTree>
{
    private IParseTree? first;
    private IParseTree? second;
    private IParseTree[]? rest;
    private int count;

    int ICollection<IParseTree>.Count => count;

    int IReadOnlyCollection<IParseTree>.Count => count;

    bool ICollection<IParseTree>.IsReadOnly => false;

    IParseTree IList<IParseTree>.this[int index]
    {
        get => At(Checked(index));
        set => Set(Checked(index), value);
    }

    IParseTree IReadOnlyList<IParseTree>.this[int index] => At(Checked(index));

    void ICollection<IParseTree>.Add(IParseTree item) => Append(item);

    void IList<IParseTree>.RemoveAt(int index)
    {
        Checked(index);
        for (int i = index; i < count - 1; i++)
        {
            Set(i, At(i + 1));
        }
        Set(--count, null);
    }

    void IList<IParseTree>.Insert(int index, IParseTree item)
    {
        if ((uint)index > (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        Append(item);
        for (int i = count - 1; i > index; i--)
        {
            Set(i, At(i - 1));
        }
        Set(index, item);
    }

    int IList<IParseTree>.IndexOf(IParseTree item) => IndexOf(item);

    bool ICollection<IParseTree>.Contains(IParseTree item) => IndexOf(item) >= 0;

    bool ICollection<IParseTree>.Remove(IParseTree item)
    {
        int index = IndexOf(item);
        if (index < 0)
        {
            return false;
        }
        ((IList<IParseTree>)this).RemoveAt(index);
        return true;
    }

    void ICollection<IParseTree>.Clear() => Clear();

    void ICollection<IParseTree>.CopyTo(IParseTree[] array, int arrayIndex)
    {
        for (int i = 0; i < count; i++)
        {
            array[arrayIndex + i] = At(i);
        }
    }

    IEnumerator<IParseTree> IEnumerable<IParseTree>.GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return At(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<IParseTree>)this).GetEnumerator();

    private IParseTree At(int index) => index switch
    {
        0 => first!,
        1 => second!,
        _ => rest![index - 2],
    };

    private int Checked(int index)
    {
        if ((uint)index >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        return index;
    }

    private int IndexOf(IParseTree item)
    {
        for (int i = 0; i < count; i++)
        {
            if (Equals(At(i), item))
            {
                return i;
            }
        }
        return -1;
    }

    private void Clear()
    {
        first = second = null;
        rest = null;
        count = 0;
    }

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
