namespace Switcheroo.Engine.Rewriting.Syntax;

/// <summary>
/// <c>steps += 1</c>: an augmented assignment, <see cref="Operator"/> being the binary operator it
/// applies (<c>+</c>, <c>*</c>, <c>//</c>, ...), written with its <c>=</c>.
/// </summary>
public sealed record PyAugmentedAssign(Py Target, string Operator, Py Value) : PyStatement
{
    /// <summary>The operator as written (<c>+=</c>); an unknown operator is refused, so what is printed parses.</summary>
    public string Written => PyPrecedence.OfOperator(Operator) >= PyPrecedence.BitOr
        ? Operator + "="
        : throw new ArgumentException($"'{Operator}' has no augmented assignment", nameof(Operator));
}
