using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Grammar;

/// <summary>
/// The node as the list of its children (<see cref="Antlr4.Runtime.ParserRuleContext.children"/>
/// points to the node itself), in one field, <see cref="kids"/>: null without children, the child
/// itself when there is one (four nodes in five: the pass-through rules), and an array of four or
/// more slots when there are more, the children first and the unused slots null after them (so the
/// count is where the first null is). One field where there were three and a count made every
/// context 72 bytes instead of 96 (docs/performance.md, seventh round). Implemented explicitly, so a
/// context's own members (<c>GetChild</c>, <c>ChildCount</c>) stay what readers call.
/// </summary>
public partial class PythonParserContext : IList<IParseTree>, IReadOnlyList<IParseTree>
{
    /// <summary>Slots of the first array: two-, three- and four-child nodes (about one in six) fit without growing.</summary>
    private const int FirstArray = 4;

    /// <summary>Null, the only child, or an <see cref="IParseTree"/>[] (exactly that type) of the children and then nulls.</summary>
    private object? kids;

    int ICollection<IParseTree>.Count => Count;

    int IReadOnlyCollection<IParseTree>.Count => Count;

    bool ICollection<IParseTree>.IsReadOnly => false;

    IParseTree IList<IParseTree>.this[int index]
    {
        get => Slots()[Checked(index)]!;
        set => Set(Checked(index), value);
    }

    IParseTree IReadOnlyList<IParseTree>.this[int index] => Slots()[Checked(index)]!;

    void ICollection<IParseTree>.Add(IParseTree item) => Append(item);

    void IList<IParseTree>.RemoveAt(int index)
    {
        int count = Count;
        Checked(index);
        for (int i = index; i < count - 1; i++)
        {
            Set(i, Slots()[i + 1]);
        }
        Set(count - 1, null);
    }

    void IList<IParseTree>.Insert(int index, IParseTree item)
    {
        int count = Count;
        if ((uint)index > (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        Append(item);
        for (int i = count; i > index; i--)
        {
            Set(i, Slots()[i - 1]);
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
        foreach (var child in Slots())
        {
            if (child is null)
            {
                break;
            }
            array[arrayIndex++] = child;
        }
    }

    IEnumerator<IParseTree> IEnumerable<IParseTree>.GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return Slots()[i]!;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<IParseTree>)this).GetEnumerator();

    /// <summary>
    /// The node's only child when it has exactly one (four nodes in five), else null; read without
    /// counting and without a virtual call, for walkers that look through pass-through rules.
    /// </summary>
    public IParseTree? OnlyChild
    {
        get
        {
            if (!OwnsChildren)
            {
                return children is { Count: 1 } list ? list[0] : null;
            }
            object? k = kids;
            if (k is null)
            {
                return null;
            }
            if (k.GetType() != typeof(IParseTree[]))
            {
                return Unsafe.As<IParseTree>(k);
            }
            var all = Unsafe.As<IParseTree?[]>(k);
            return all[1] is null ? all[0] : null;
        }
    }

    /// <summary>
    /// The children in order, then nulls: a reader stops at the first null. For walkers that visit
    /// every node: no count (a binary search when the children are in an array) and no virtual
    /// <c>GetChild</c> per child.
    /// </summary>
    public ReadOnlySpan<IParseTree?> ChildSlots => OwnsChildren || children is null ? Slots() : children.ToArray();

    /// <summary>How many children the node holds (a binary search for the first null when they are in an array).</summary>
    private int Count
    {
        get
        {
            object? k = kids;
            if (k is null)
            {
                return 0;
            }
            if (k.GetType() != typeof(IParseTree[]))
            {
                return 1;
            }
            var all = Unsafe.As<IParseTree?[]>(k);
            int low = 0, high = all.Length; // the first null is in [low, high]; all.Length when none
            while (low < high)
            {
                int middle = (low + high) >>> 1;
                if (all[middle] is null)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }
            return low;
        }
    }

    /// <summary>
    /// The children's slots: empty, the one field, or the array, whose unused end is null (readers
    /// stop at the first null).
    /// </summary>
    private ReadOnlySpan<IParseTree?> Slots()
    {
        object? k = kids;
        if (k is null)
        {
            return default;
        }
        if (k.GetType() == typeof(IParseTree[]))
        {
            return Unsafe.As<IParseTree?[]>(k);
        }
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<object?, IParseTree?>(ref kids), 1);
    }

    /// <summary>The child at <paramref name="index"/>, or null past the last one (ANTLR's <c>GetChild</c> contract).</summary>
    private IParseTree? ChildAt(int index)
    {
        object? k = kids;
        if (k is null)
        {
            return null;
        }
        if (k.GetType() == typeof(IParseTree[]))
        {
            var all = Unsafe.As<IParseTree?[]>(k);
            return (uint)index < (uint)all.Length ? all[index] : null;
        }
        return index == 0 ? Unsafe.As<IParseTree>(k) : null;
    }

    private void Append(IParseTree item)
    {
        children ??= this;
        if (!OwnsChildren)
        {
            children.Add(item);
            return;
        }
        object? k = kids;
        if (k is null)
        {
            kids = item;
            return;
        }
        if (k.GetType() != typeof(IParseTree[]))
        {
            var all = new IParseTree[FirstArray];
            all[0] = Unsafe.As<IParseTree>(k);
            all[1] = item;
            kids = all;
            return;
        }
        var slots = Unsafe.As<IParseTree[]>(k);
        int count = Count;
        if (count == slots.Length)
        {
            Array.Resize(ref slots, slots.Length * 2);
            kids = slots;
        }
        slots[count] = item;
    }

    private int Checked(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        return index;
    }

    private int IndexOf(IParseTree item)
    {
        var slots = Slots();
        for (int i = 0; i < slots.Length && slots[i] is { } child; i++)
        {
            if (Equals(child, item))
            {
                return i;
            }
        }
        return -1;
    }

    private void Clear() => kids = null;

    /// <summary>Sets slot <paramref name="index"/> (below the count, or the last child to null to remove it).</summary>
    private void Set(int index, IParseTree? item)
    {
        if (kids is object k && k.GetType() == typeof(IParseTree[]))
        {
            Unsafe.As<IParseTree?[]>(k)[index] = item;
        }
        else
        {
            kids = item;
        }
    }
}
