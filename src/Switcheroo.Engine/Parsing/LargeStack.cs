using System.Runtime.ExceptionServices;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// Runs recursive work (parsing, tree walks) on a thread with a large stack. The parser bounds
/// nesting itself, but callers such as MSBuild run us on threads whose stack size we do not
/// choose; a private thread makes the bound hold everywhere.
/// </summary>
public static class LargeStack
{
    public const int StackBytes = 64 * 1024 * 1024;

    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, StackBytes)
        {
            Name = "switcheroo-large-stack",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
