using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;

namespace DiploSim.Benchmarks;

/// <summary>
/// Runs a benchmark with the garbage collector DiploSim.Server ships with (its project file): server GC with its
/// dynamic adaptation off and the young generation's budget capped at 16 MB a heap (<c>System.GC.Gen0MaxBudget</c>,
/// here through the environment). <c>diplosim</c> ships the same collector without the cap. A session through the
/// grains and the same turns in-process are then measured with the collector the server classes play on.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ShippedGarbageCollectorAttribute() : JobMutatorConfigBaseAttribute(
    Job.Default.WithGcServer(true)
        .WithEnvironmentVariable("DOTNET_GCDynamicAdaptationMode", "0")
        .WithEnvironmentVariable("DOTNET_GCGen0MaxBudget", "0x1000000"));
