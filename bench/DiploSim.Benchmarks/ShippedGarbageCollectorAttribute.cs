using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;

namespace DiploSim.Benchmarks;

/// <summary>
/// Runs a benchmark with the garbage collector DiploSim.Server ships with: server GC with its dynamic adaptation off
/// (its project file), and a young generation of 16 MB a heap, no more (<c>System.GC.Gen0MaxBudget</c> in its project
/// file) and no less (<c>DOTNET_GCgen0size</c>, which <c>dotnet run</c> sets from Properties/launchSettings.json and
/// the container from its Dockerfile); here both through the environment. A session through the grains and the same
/// turns in-process are then measured with the collector the server classes play on.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ShippedGarbageCollectorAttribute() : JobMutatorConfigBaseAttribute(
    Job.Default.WithGcServer(true)
        .WithEnvironmentVariable("DOTNET_GCDynamicAdaptationMode", "0")
        .WithEnvironmentVariable("DOTNET_GCGen0MaxBudget", "0x1000000")
        .WithEnvironmentVariable("DOTNET_GCgen0size", "0x1000000"));
