using BenchmarkDotNet.Attributes;
using DiploSim.Batch;

namespace DiploSim.Benchmarks;

/// <summary>
/// Headless batches: 40-turn baseline runs with bots on every seat, through the whole batch engine (CSV
/// streaming, Parquet, summary; no plots), on one worker and on every core. Each operation is one run, so
/// runs per second = 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private const int Runs = 32;
    private readonly BatchModel _model = BatchModel.Baseline(40);
    private readonly Experiment _experiment = Experiment.Repeat("baseline", Runs, seed: 1, turns: 40);
    private string _folder = "";

    /// <summary>0 = one worker per core.</summary>
    [Params(1, 0)]
    public int Workers { get; set; }

    [IterationSetup]
    public void NewFolder() => _folder = Path.Combine(Path.GetTempPath(), $"diplosim-bench-{Guid.NewGuid():N}");

    [IterationCleanup]
    public void RemoveFolder()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark(OperationsPerInvoke = Runs, Description = "40-turn baseline run in a batch")]
    public Task<BatchResult> BaselineBatch() =>
        BatchRunner.RunAsync(_experiment, _model, new BatchOptions(_folder, Workers, Plots: false));
}
