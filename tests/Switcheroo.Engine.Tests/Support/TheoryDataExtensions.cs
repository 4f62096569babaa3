namespace Switcheroo.Engine.Tests.Support;

/// <summary>Reads theory rows back, so one batch of snippets can feed both a theory and a single CPython check.</summary>
public static class TheoryDataExtensions
{
    /// <summary>The value in column <paramref name="index"/> of every row.</summary>
    public static IEnumerable<T> Column<T>(this TheoryData data, int index = 0) =>
        data.Cast<object[]>().Select(row => (T)row[index]);
}
