using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// Runs recursive work (parsing, tree walks) on threads with a large stack. The parser bounds
/// nesting itself, but callers such as MSBuild run us on threads whose stack size we do not
/// choose; large-stack threads make the bound hold everywhere. The threads are created once and
/// reused (starting a thread per file cost 5–15% of a parse, docs/performance.md); work started
/// from one of them runs inline.
/// </summary>
public static class LargeStack
{
    public const int StackBytes = 64 * 1024 * 1024;

    private static readonly BlockingCollection<Action> Queue = new();
    private static readonly Lazy<bool> Started = new(StartWorkers);

    [ThreadStatic]
    private static bool _onLargeStack;

    public static T Run<T>(Func<T> work)
    {
        if (_onLargeStack)
        {
            return work();
        }
        _ = Started.Value;
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        using var done = new ManualResetEventSlim();
        Queue.Add(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                done.Set();
            }
        });
        done.Wait();
        failure?.Throw();
        return result;
    }

    private static bool StartWorkers()
    {
        for (int i = 0; i < Math.Max(2, Environment.ProcessorCount); i++)
        {
            var worker = new Thread(Work, StackBytes) { IsBackground = true, Name = $"switcheroo-large-stack-{i}" };
            worker.Start();
        }
        return true;
    }

    private static void Work()
    {
        _onLargeStack = true;
        foreach (var item in Queue.GetConsumingEnumerable())
        {
            item();
        }
    }
}
