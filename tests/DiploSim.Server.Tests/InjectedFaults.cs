using System.Collections.Concurrent;

namespace DiploSim.Server.Tests;

/// <summary>
/// A grain call filter in the test server's silo that makes the calls a test names fail, the way a silo going away or
/// a bug would: a test registers a session's grain key and method with the fault to throw, and only those calls fail.
/// </summary>
public sealed class InjectedFaults : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(string Key, string Method), Exception> Faults = new();

    /// <summary>Makes every call of <paramref name="method"/> on the grain keyed <paramref name="grainKey"/> throw <paramref name="fault"/>.</summary>
    public static void Fail(string grainKey, string method, Exception fault) => Faults[(grainKey, method)] = fault;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Faults.TryGetValue((context.TargetId.Key.ToString()!, context.ImplementationMethod.Name), out var fault)
            ? Task.FromException(fault)
            : context.Invoke();
    }
}
