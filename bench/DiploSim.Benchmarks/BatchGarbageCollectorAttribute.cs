using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using DiploSim.Batch;

namespace DiploSim.Benchmarks;

/// <summary>
/// Runs a benchmark with the garbage collector <c>diplosim batch</c> runs with: the one <c>diplosim</c> ships with
/// (<see cref="ShippedGarbageCollectorAttribute"/>) and the young-generation budget the command sets before a batch
/// (<see cref="YoungGeneration"/>), for this machine's processor count (a run pinned with <c>--affinity</c> keeps it).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class BatchGarbageCollectorAttribute() : JobMutatorConfigBaseAttribute(
    Job.Default.WithGcServer(true)
        .WithEnvironmentVariable("DOTNET_GCDynamicAdaptationMode", "0")
        .WithEnvironmentVariable(YoungGeneration.Variable, YoungGeneration.PerHeap(Environment.ProcessorCount)));
