using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;

namespace DiploSim.Benchmarks;

/// <summary>
/// Runs a benchmark with the garbage collector <c>diplosim</c> and DiploSim.Server ship with (their project files):
/// server GC with its dynamic adaptation off. The figures are then those of the commands researchers run and of the
/// server classes play on, and a session through the grains is compared with the same run as <c>diplosim run</c>
/// plays it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ShippedGarbageCollectorAttribute() : JobMutatorConfigBaseAttribute(
    Job.Default.WithGcServer(true).WithEnvironmentVariable("DOTNET_GCDynamicAdaptationMode", "0"));
