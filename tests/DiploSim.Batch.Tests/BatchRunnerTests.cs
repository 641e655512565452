using DiploSim.Core;
using DiploSim.Core.State;
using Parquet;
using DiploSim.Scenarios;

namespace DiploSim.Batch.Tests;

public sealed class BatchRunnerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"diplosim-batch-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static BatchModel Model() => BatchModel.Baseline();

    /// <summary>Two parameter points × four repetitions of five turns: eight runs.</summary>
    private static Experiment Sweep(int turns = 5) =>
        new("baseline", turns, 4, 11,
            new ParameterSweep([new ParameterAxis("TradeElasticity", [3, 5])], [], null),
            [new MetricRequest("gdp"), new MetricRequest("oil_price"), new MetricRequest("tension"), new MetricRequest("trade_IND_RUS")],
            ["oil_price"]);

    private string Folder(string name) => Path.Combine(_root, name);

    private static string Read(string folder, string file) => File.ReadAllText(Path.Combine(folder, file));

    [Fact]
    public async Task One_and_two_workers_write_identical_tables()
    {
        var one = await BatchRunner.RunAsync(Sweep(), Model(), new BatchOptions(Folder("one"), Workers: 1, Plots: false));
        var two = await BatchRunner.RunAsync(Sweep(), Model(), new BatchOptions(Folder("two"), Workers: 2, Plots: false));

        Assert.Equal(8, one.Runs);
        Assert.Equal(0, one.Failed);
        foreach (var file in new[] { BatchRunner.TurnsFile, BatchRunner.RunsFile, BatchRunner.SummaryFile })
        {
            Assert.Equal(Read(one.OutputFolder, file), Read(two.OutputFolder, file));
        }

        Assert.Equal(File.ReadAllBytes(Path.Combine(one.OutputFolder, "turns.parquet")), File.ReadAllBytes(Path.Combine(two.OutputFolder, "turns.parquet")));
        var turnLines = Read(one.OutputFolder, BatchRunner.TurnsFile).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + (8 * 5), turnLines.Length);
        Assert.StartsWith("run,repetition,point,set,seed,TradeElasticity,turn,gdp_CHN,", turnLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameter_overrides_reach_the_model()
    {
        var result = await BatchRunner.RunAsync(Sweep(), Model(), new BatchOptions(Folder("params"), Workers: 2, Plots: false));
        var runs = await ReadParquet(Path.Combine(result.OutputFolder, "runs.parquet"));

        // Repetition 0 of each point shares nothing but its index pattern; compare the points' final trade means instead.
        var trade = (double[])runs["trade_IND_RUS"];
        var elasticity = (double[])runs["TradeElasticity"];
        Assert.Equal([3.0, 3, 3, 3, 5, 5, 5, 5], elasticity);
        Assert.NotEqual(trade.Take(4).Average(), trade.Skip(4).Average());
    }

    [Fact]
    public void A_40_turn_all_bot_baseline_run_allocates_under_9_MB()
    {
        // Issue #19's batch target: every young collection stops every worker, so what a run allocates sets how often
        // the workers of a batch wait for one another. Runs allocated about 15 MB each before the bots' looks stopped
        // copying what their turn had already copied and began handing their arrays and lists on to the next look;
        // this run allocates 7.5 MB (docs/benchmarks.md, Batches).
        var experiment = Experiment.Repeat("baseline", 2, seed: 1, turns: 40);
        BatchRunner.RunOne(experiment, Model(), 0); // the first run of a process also fills caches and the thread's spares
        var before = GC.GetAllocatedBytesForCurrentThread();
        var run = BatchRunner.RunOne(experiment, Model(), 1);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(run.Failed);
        Assert.Equal(40, run.TurnRows.Count);
        Assert.True(allocated < 9_000_000, $"a run allocated {allocated / 1e6:F2} MB");
    }

    [Fact]
    public async Task One_run_replayed_alone_gives_the_same_seed_and_hashes()
    {
        var result = await BatchRunner.RunAsync(Sweep(), Model(), new BatchOptions(Folder("replay"), Plots: false));
        var turns = await ReadParquet(Path.Combine(result.OutputFolder, "turns.parquet"));
        var run = (int[])turns["run"];
        var hashes = (string[])turns["state_hash"];
        var seeds = (long[])turns["seed"];

        var replay = BatchRunner.RunOne(Sweep(), Model(), 6);

        var expected = Enumerable.Range(0, run.Length).Where(i => run[i] == 6).Select(i => hashes[i]).ToArray();
        Assert.Equal(expected, replay.TurnRows.Select(r => (string)r[^1]));
        Assert.Equal((long)RunSeeds.Derive(11, 6), seeds[Array.IndexOf(run, 6)]);

        // The same world played directly from the stored seed and parameters gives the same hashes.
        var parameters = new ModelParameters().With("TradeElasticity", 5).Value!;
        var direct = Simulation.Play(BaselineScenario.World(RunSeeds.Derive(11, 6), parameters), ShockScript.Empty, 5).Select(t => t.Outcome.StateHash);
        Assert.Equal(expected, direct);
    }

    [Fact]
    public async Task Interrupted_then_resumed_equals_an_uninterrupted_batch()
    {
        var whole = await BatchRunner.RunAsync(Sweep(), Model(), new BatchOptions(Folder("whole"), Workers: 1, Plots: false));

        var folder = Folder("resumed");
        using var cancel = new CancellationTokenSource();

        // Interrupt deterministically: building run 3's world cancels the batch, as Ctrl+C would.
        var interrupting = Model() with
        {
            WorldFactory = (parameters, seed) =>
            {
                if (seed == RunSeeds.Derive(11, 3))
                {
                    cancel.Cancel();
                }

                return BaselineScenario.World(seed, parameters);
            },
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => BatchRunner.RunAsync(Sweep(), interrupting, new BatchOptions(folder, Workers: 1, Plots: false), cancel.Token));
        var kept = Read(folder, BatchRunner.RunsFile).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        Assert.Equal(3, kept);
        Assert.Contains("\"interrupted\"", Read(folder, BatchRunner.ManifestFile), StringComparison.Ordinal);

        // A write cut short in the middle of a row is dropped on resume.
        File.AppendAllText(Path.Combine(folder, BatchRunner.TurnsFile), "7,3,1,,123,5,0,1.5");

        var progress = new List<BatchProgress>();
        var resumed = await BatchRunner.RunAsync(Sweep(), Model(), new BatchOptions(folder, Workers: 2, Resume: true, Plots: false, Progress: progress.Add));

        Assert.Equal(kept, resumed.Resumed);
        Assert.Equal(8 - kept, progress.Count);
        Assert.Equal(8, progress[^1].Done);
        foreach (var file in new[] { BatchRunner.TurnsFile, BatchRunner.RunsFile, BatchRunner.SummaryFile })
        {
            Assert.Equal(Read(whole.OutputFolder, file), Read(folder, file));
        }
    }

    [Fact]
    public async Task Existing_output_without_resume_is_refused()
    {
        await BatchRunner.RunAsync(Sweep(2), Model(), new BatchOptions(Folder("twice"), Plots: false));

        var error = await Assert.ThrowsAsync<BatchException>(() => BatchRunner.RunAsync(Sweep(2), Model(), new BatchOptions(Folder("twice"), Plots: false)));
        Assert.Contains("already holds a batch", error.Message, StringComparison.Ordinal);

        var changed = Sweep(2) with { Seed = 12 };
        error = await Assert.ThrowsAsync<BatchException>(() => BatchRunner.RunAsync(changed, Model(), new BatchOptions(Folder("twice"), Resume: true, Plots: false)));
        Assert.Contains("the experiment's seed changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_run_is_recorded_with_its_seed_and_the_batch_goes_on()
    {
        var model = Model() with
        {
            WorldFactory = (parameters, seed) => parameters.TradeElasticity == 5
                ? throw new InvalidOperationException("calibration diverged")
                : BaselineScenario.World(seed, parameters),
        };

        var result = await BatchRunner.RunAsync(Sweep(3), model, new BatchOptions(Folder("failing"), Workers: 2, Plots: false));

        Assert.Equal(4, result.Failed);
        var runs = await ReadParquet(Path.Combine(result.OutputFolder, "runs.parquet"));
        var status = (string[])runs["status"];
        var error = (string[])runs["error"];
        var seeds = (long[])runs["seed"];
        Assert.Equal(["ok", "ok", "ok", "ok", "failed", "failed", "failed", "failed"], status);
        Assert.Equal("InvalidOperationException: calibration diverged", error[5]);
        Assert.Equal((long)RunSeeds.Derive(11, 5), seeds[5]);
        var turns = await ReadParquet(Path.Combine(result.OutputFolder, "turns.parquet"));
        Assert.Equal(4 * 3, ((int[])turns["run"]).Length);
    }

    [Fact]
    public async Task Parquet_reads_back_with_typed_columns_equal_to_the_csv()
    {
        var result = await BatchRunner.RunAsync(Sweep(), Model(), new BatchOptions(Folder("parquet"), Plots: false));

        await using var reader = await ParquetReader.CreateAsync(Path.Combine(result.OutputFolder, "turns.parquet"));
        var types = reader.Schema.DataFields.ToDictionary(f => f.Name, f => f.ClrType);
        Assert.Equal(typeof(int), types["run"]);
        Assert.Equal(typeof(int), types["turn"]);
        Assert.Equal(typeof(long), types["seed"]);
        Assert.Equal(typeof(double), types["TradeElasticity"]);
        Assert.Equal(typeof(double), types["oil_price"]);
        // Parquet.Net 6 reads UTF-8 string columns as ReadOnlyMemory<char>; on disk they are BYTE_ARRAY with the STRING annotation.
        Assert.Equal(typeof(ReadOnlyMemory<char>), types["state_hash"]);

        var columns = await ReadParquet(Path.Combine(result.OutputFolder, "turns.parquet"));
        var csv = Csv.ReadRecords(Read(result.OutputFolder, BatchRunner.TurnsFile));
        var oil = (double[])columns["oil_price"];
        var oilColumn = csv[0].IndexOf("oil_price");
        Assert.Equal(csv.Count - 1, oil.Length);
        Assert.Equal(csv.Skip(1).Select(r => double.Parse(r[oilColumn], System.Globalization.CultureInfo.InvariantCulture)), oil);
        Assert.Equal(csv.Skip(1).Select(r => r[^1]), (string[])columns["state_hash"]);

        var runs = await ReadParquet(Path.Combine(result.OutputFolder, "runs.parquet"));
        Assert.Equal(Enumerable.Range(0, 8), (int[])runs["run"]);
        Assert.All((double[])runs["score_utility_IND"], u => Assert.True(double.IsFinite(u)));
    }

    [Fact]
    public async Task Summary_is_the_mean_and_t_interval_of_the_repetitions()
    {
        var result = await BatchRunner.RunAsync(Sweep(), Model(), new BatchOptions(Folder("summary"), Plots: false));
        var turns = await ReadParquet(Path.Combine(result.OutputFolder, "turns.parquet"));
        var summary = await ReadParquet(Path.Combine(result.OutputFolder, "summary.parquet"));

        var point = (int[])turns["point"];
        var turn = (int[])turns["turn"];
        var oil = (double[])turns["oil_price"];
        var values = Enumerable.Range(0, oil.Length).Where(i => point[i] == 1 && turn[i] == 4).Select(i => oil[i]).ToArray();
        Assert.Equal(4, values.Length);
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 3);
        var half = 3.182446305 * sd / 2;

        var metric = (string[])summary["metric"];
        var row = Enumerable.Range(0, metric.Length).Single(i => metric[i] == "oil_price" && ((int[])summary["point"])[i] == 1 && ((int[])summary["turn"])[i] == 4);
        Assert.Equal(4, ((int[])summary["n"])[row]);
        Assert.Equal(mean, ((double[])summary["mean"])[row], 9);
        Assert.Equal(sd, ((double[])summary["sd"])[row], 9);
        Assert.Equal(mean - half, ((double[])summary["ci95_low"])[row], 6);
        Assert.Equal(mean + half, ((double[])summary["ci95_high"])[row], 6);
        Assert.Equal(5.0, ((double[])summary["TradeElasticity"])[row]);
    }

    [Fact]
    public async Task Manifest_and_plots_are_written()
    {
        var result = await BatchRunner.RunAsync(Sweep(3), Model(), new BatchOptions(Folder("manifest"), Workers: 2));

        var manifest = System.Text.Json.Nodes.JsonNode.Parse(Read(result.OutputFolder, BatchRunner.ManifestFile))!;
        Assert.Equal("complete", (string?)manifest["status"]);
        Assert.Equal("baseline", (string?)manifest["scenario"]!["id"]);
        Assert.Equal("factory", (string?)manifest["scenario"]!["parameterOverrides"]);
        Assert.Equal("11", (string?)manifest["masterSeed"]);
        Assert.Equal(RunSeeds.Derive(11, 7).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)manifest["runSeeds"]![7]);
        Assert.Equal(2, (int)manifest["workers"]!);
        Assert.Null(result.PlotError);
        Assert.True(new FileInfo(Path.Combine(result.OutputFolder, "plots", "oil_price.png")).Length > 1000);
    }

    [Fact]
    public async Task Bad_experiments_fail_before_any_run()
    {
        var unknownActor = Sweep() with { Metrics = [new MetricRequest("gdp_JPN", new SourceLocation("x.yaml", 9, 12))], Plots = [] };
        var error = await Assert.ThrowsAsync<BatchException>(() => BatchRunner.RunAsync(unknownActor, Model(), new BatchOptions(Folder("bad"))));
        Assert.Equal(new SourceLocation("x.yaml", 9, 12), Assert.Single(error.Errors).Location);
        Assert.False(Directory.Exists(Folder("bad")));

        var zero = Sweep() with { Repetitions = 0 };
        error = await Assert.ThrowsAsync<BatchException>(() => BatchRunner.RunAsync(zero, Model(), new BatchOptions(Folder("bad"))));
        Assert.Contains("zero runs", error.Message, StringComparison.Ordinal);

        var blocker = Folder("file");
        Directory.CreateDirectory(_root);
        File.WriteAllText(blocker, "");
        error = await Assert.ThrowsAsync<BatchException>(() => BatchRunner.RunAsync(Sweep(), Model(), new BatchOptions(Path.Combine(blocker, "out"))));
        Assert.Contains("cannot write to the output folder", error.Message, StringComparison.Ordinal);
    }

    internal static async Task<Dictionary<string, Array>> ReadParquet(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        using var group = reader.OpenRowGroupReader(0);
        var columns = new Dictionary<string, Array>();
        var n = (int)group.RowCount;
        foreach (var field in reader.Schema.DataFields)
        {
            if (field.ClrType == typeof(int))
            {
                var values = new int[n];
                await group.ReadAsync<int>(field, values);
                columns[field.Name] = values;
            }
            else if (field.ClrType == typeof(long))
            {
                var values = new long[n];
                await group.ReadAsync<long>(field, values);
                columns[field.Name] = values;
            }
            else if (field.ClrType == typeof(double))
            {
                var values = new double[n];
                await group.ReadAsync<double>(field, values);
                columns[field.Name] = values;
            }
            else
            {
                var values = new string[n];
                await group.ReadAsync(field, values);
                columns[field.Name] = values;
            }
        }

        return columns;
    }
}
