using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using DiploSim.Batch;
using DiploSim.Batch.Grains;
using Orleans.TestingHost;

namespace DiploSim.Benchmarks;

/// <summary>
/// Headless batches of 128 40-turn baseline runs with bots on every seat, through the whole batch engine (CSV
/// streaming, Parquet, summary; no plots), on one worker and on every core, in-process or through
/// <c>--cluster</c>'s executor against one local silo (a real client talking to the silo's gateway over
/// loopback, as <c>diplosim batch --cluster</c> does), with the garbage collector <c>diplosim batch</c> runs with. Each operation
/// is one run, so runs per second = 1 / mean.
/// </summary>
[MemoryDiagnoser]
[BatchGarbageCollector]
public class BatchBenchmarks
{
    private const int Runs = 128;
    private readonly BatchModel _model = BatchModel.Baseline(40);
    private readonly Experiment _experiment = Experiment.Repeat("baseline", Runs, seed: 1, turns: 40);
    private InProcessTestCluster? _cluster;
    private string _folder = "";

    /// <summary>0 = one worker per core (in flight chunks, for the cluster).</summary>
    [Params(1, 0)]
    public int Workers { get; set; }

    /// <summary><c>local</c>: threads of this process; <c>cluster</c>: batch worker grains on one silo.</summary>
    [Params("local", "cluster")]
    public string Executor { get; set; } = "local";

    [GlobalSetup]
    public async Task StartSilo()
    {
        if (Executor == "cluster")
        {
            _cluster = new InProcessTestClusterBuilder(1).Build();
            await _cluster.DeployAsync();
        }
    }

    [GlobalCleanup]
    public async Task StopSilo()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

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
        BatchRunner.RunAsync(_experiment, _model, new BatchOptions(_folder, Workers, Plots: false,
            Executor: _cluster is null ? null : new ClusterRunExecutor(_cluster.Client, ScenarioSource.Baseline)));
}
