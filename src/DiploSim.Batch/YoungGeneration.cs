namespace DiploSim.Batch;

/// <summary>
/// The young-generation budget a batch runs with. A run allocates about 25 MB, almost all of it the bots' look-ahead,
/// and every collection of the young generation stops every worker. The runtime sizes that generation from the
/// processor's cache, and where the machine does not report its cache (many virtual machines do not) server GC
/// collects every 4 MB or so a heap: four collections a run, and when other processes share the cores each one
/// waits for its collector threads to be scheduled (docs/benchmarks.md, batches). The budget can be set only through
/// the environment (<see cref="Variable"/> has no runtimeconfig.json name), so <c>diplosim batch</c> starts itself
/// again with it set unless the caller set it, and the manifest records the budget a batch ran with.
/// </summary>
public static class YoungGeneration
{
    /// <summary>The runtime's variable: the smallest young-generation budget of each GC heap, in hexadecimal bytes.</summary>
    public const string Variable = "DOTNET_GCgen0size";

    /// <summary>The whole young generation a batch may hold, shared by the GC heaps (one a core).</summary>
    public const long TotalBytes = 128L << 20;

    /// <summary>No heap's budget goes below this, however many cores share <see cref="TotalBytes"/>.</summary>
    public const long LeastPerHeap = 16L << 20;

    /// <summary>The budget this process runs with, as its environment gave it; null when the runtime chose.</summary>
    public static string? Current => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } budget ? budget : null;

    /// <summary>Each heap's budget on a machine with <paramref name="processors"/> processors, as the variable takes it.</summary>
    public static string PerHeap(int processors) => $"0x{Math.Max(LeastPerHeap, TotalBytes / Math.Max(1, processors)):X}";
}
