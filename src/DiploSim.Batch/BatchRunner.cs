using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace DiploSim.Batch;

/// <summary>How a batch runs and where it writes.</summary>
/// <param name="OutputFolder">Where the tables, summary, plots and manifest go.</param>
/// <param name="Workers">Runs in parallel; 0 means the experiment's setting, and if that is 0 too, one per core.</param>
/// <param name="Resume">Keep the runs already written in the folder and play only the others.</param>
/// <param name="Progress">Called after each run is written (on one thread, in order).</param>
/// <param name="Plots">Whether to draw the PNG plots.</param>
/// <param name="Time">The clock for timings; the system clock if null.</param>
/// <param name="Executor">Where runs are played; this process's cores (<see cref="LocalRunExecutor"/>) if null.</param>
/// <param name="ConfirmLarge">
/// Asked, before anything is written, whether to play a batch whose estimated memory is above
/// <paramref name="ConfirmAbove"/>; without it such a batch is refused.
/// </param>
/// <param name="ConfirmAbove">The estimated memory (bytes) above which a batch must be confirmed.</param>
public sealed record BatchOptions(
    string OutputFolder,
    int Workers = 0,
    bool Resume = false,
    Action<BatchProgress>? Progress = null,
    bool Plots = true,
    TimeProvider? Time = null,
    IRunExecutor? Executor = null,
    Func<BatchSize, bool>? ConfirmLarge = null,
    long ConfirmAbove = BatchSize.DefaultConfirmAbove);

/// <summary>
/// Where a batch stands: runs done (including those resumed), how fast this session goes and how long is left
/// (null until it can be told, see <see cref="RemainingTime"/>).
/// </summary>
public sealed record BatchProgress(int Done, int Total, int Failed, int Resumed, TimeSpan Elapsed, double RunsPerSecond, TimeSpan? Remaining);

/// <summary>What a finished batch wrote.</summary>
public sealed record BatchResult(string OutputFolder, int Runs, int Failed, int Resumed, TimeSpan Elapsed, IReadOnlyList<string> Files, string? PlotError);

/// <summary>
/// Runs a batch in-process on a pool of workers. Each finished run is appended to <c>turns.csv</c> and
/// <c>runs.csv</c> at once, so an interrupted batch keeps what it finished; at the end both are put in run order
/// (the same bytes for any number of workers, see <see cref="RunOrderedCsv"/>), then the Parquet copies, the
/// summary, the plots and the manifest are written.
/// </summary>
public static class BatchRunner
{
    public const string TurnsFile = "turns.csv";
    public const string RunsFile = "runs.csv";
    public const string SummaryFile = "summary.csv";
    public const string ManifestFile = "manifest.json";
    public const string SensitivityFile = "sensitivity.csv";

    /// <summary>Checks the experiment and the output folder, then plays every run not already written.</summary>
    /// <exception cref="BatchException">The batch cannot start; nothing was run.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; every finished run is on disk and <c>Resume</c> continues.</exception>
    public static async Task<BatchResult> RunAsync(Experiment experiment, BatchModel model, BatchOptions options, CancellationToken cancellationToken = default)
    {
        var (plan, errors) = BatchPlan.Create(experiment, model);
        if (plan is null)
        {
            throw new BatchException(errors);
        }

        if (plan.HasAgents && options.Executor is { } remote && remote is not LocalRunExecutor)
        {
            throw new BatchException([new BatchError(null, $"agent seats are played on this machine: the agents' programs are not started on a cluster's silos; leave out --cluster")]);
        }

        // Nothing is written, and nothing sized by the run count is allocated, before the batch is known to fit.
        var size = plan.Size();
        if (size.MemoryBytes > options.ConfirmAbove && options.ConfirmLarge?.Invoke(size) != true)
        {
            throw new BatchException([new BatchError(null,
                $"this batch is large: {size.Describe()}; nothing was written. Make it smaller, or confirm it (diplosim batch --yes)")]);
        }

        var time = options.Time ?? TimeProvider.System;
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var folder = Path.GetFullPath(options.OutputFolder);
        var turnSchema = BatchTables.Turns(plan);
        var runSchema = BatchTables.Runs(plan);
        var experimentJson = Manifest.Experiment(plan);
        var inputs = BatchInputs.Of(plan, experimentJson);
        PrepareFolder(folder, options.Resume, experimentJson, inputs);

        var results = LoadFinished(folder, plan, turnSchema, runSchema, options.Resume);
        var resumed = results.Count;
        var kept = results.Keys.Order().Select(k => results[k]).ToList();
        await using var turns = await RunOrderedCsv.CreateAsync(Path.Combine(folder, TurnsFile), turnSchema, kept.Select(r => (r.Run, (IEnumerable<object[]>)r.TurnRows)));
        await using var runs = await RunOrderedCsv.CreateAsync(Path.Combine(folder, RunsFile), runSchema, kept.Select(r => (r.Run, (IEnumerable<object[]>)[r.RunRow])));

        var workers = options.Workers > 0 ? options.Workers : experiment.Workers > 0 ? experiment.Workers : Environment.ProcessorCount;
        var executor = options.Executor ?? LocalRunExecutor.Instance;
        using var agents = plan.HasAgents ? AgentRoster.Playing(experiment.Agents, folder) : null;
        plan = plan with { Agents = agents };
        var manifest = Manifest.Create(plan, experimentJson, inputs, workers, started);
        manifest["executor"] = executor.Name;
        Manifest.Write(folder, manifest, "running");

        var pending = Enumerable.Range(0, plan.RunCount).Where(i => !results.ContainsKey(i)).ToArray();
        var failed = results.Values.Count(r => r.Failed);
        var played = 0;
        var remaining = new RemainingTime(workers);
        try
        {
            await foreach (var record in executor.ExecuteAsync(plan, pending, workers, cancellationToken))
            {
                // Turn rows first: a run row on disk means its turn rows are there too.
                await turns.AppendAsync(record.Run, record.TurnRows);
                await runs.AppendAsync(record.Run, [record.RunRow]);
                results[record.Run] = record;
                played++;
                failed += record.Failed ? 1 : 0;
                var elapsed = clock.Elapsed;
                var left = remaining.Record(played, elapsed, plan.RunCount - results.Count);
                if (options.Progress is { } report)
                {
                    var rate = played / Math.Max(elapsed.TotalSeconds, 1e-9);
                    report(new BatchProgress(results.Count, plan.RunCount, failed, resumed, elapsed, rate, left));
                }
            }

            // Cancelled after the last run was handed over: still an interruption, and the outputs are not final.
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException)
        {
            Manifest.Write(folder, Manifest.Finish(manifest, time.GetUtcNow(), clock.Elapsed, results.Count, failed, played), "interrupted");
            throw;
        }

        var files = await WriteOutputs(folder, plan, (turns, turnSchema), (runs, runSchema), results, cancellationToken);
        string? plotError = null;
        if (options.Plots)
        {
            (var plots, plotError) = SummaryPlots.Write(folder, plan, Summary(plan, results));
            files.AddRange(plots);
        }

        var finished = Manifest.Finish(manifest, time.GetUtcNow(), clock.Elapsed, results.Count, failed, played);
        finished["files"] = new JsonArray([.. files.Append(ManifestFile).Select(f => JsonValue.Create(f))]);
        if (plotError is not null)
        {
            finished["plotError"] = plotError;
        }

        Manifest.Write(folder, finished, "complete");
        return new BatchResult(folder, plan.RunCount, failed, resumed, clock.Elapsed, [.. files.Append(ManifestFile)], plotError);
    }

    /// <summary>Plays one run of an experiment alone, e.g. to reproduce a row of a batch.</summary>
    /// <remarks>Agent seats are played by their programs, or, with <paramref name="recordings"/> (a batch's output folder), from the batch's recording of the run.</remarks>
    public static RunRecord RunOne(Experiment experiment, BatchModel model, int runIndex, string? recordings = null)
    {
        var (plan, errors) = BatchPlan.Create(experiment, model);
        if (plan is null)
        {
            throw new BatchException(errors);
        }

        if (runIndex < 0 || runIndex >= plan.RunCount)
        {
            throw new ArgumentOutOfRangeException(nameof(runIndex), $"the experiment has runs 0 to {plan.RunCount - 1}");
        }

        using var agents = !plan.HasAgents ? null
            : recordings is null ? AgentRoster.Playing(experiment.Agents, outputFolder: null) : AgentRoster.Replaying(Path.GetFullPath(recordings));
        return RunExecution.Execute(plan with { Agents = agents }, runIndex);
    }

    /// <summary>
    /// The summary rows: for each parameter point, turn and metric, across the runs that finished; then for each point
    /// the seats' activity over the run (<see cref="SeatActivity"/>), at the last turn.
    /// </summary>
    public static List<object[]> Summary(BatchPlan plan, IReadOnlyDictionary<int, RunRecord> results)
    {
        var rows = new List<object[]>();
        var turnColumn = BatchTables.Turns(plan).IndexOf("turn");
        var runSchema = BatchTables.Runs(plan);
        var activity = BatchTables.ActivityColumns(plan).Select(c => (Column: c, Index: runSchema.IndexOf(c))).ToList();
        foreach (var point in plan.Points)
        {
            var runs = Enumerable.Range(point.Index * plan.Experiment.Repetitions, plan.Experiment.Repetitions)
                .Where(r => results.TryGetValue(r, out var rec) && !rec.Failed)
                .Select(r => results[r])
                .ToList();
            var parameters = plan.ParameterCells(point);
            for (var turn = 0; turn < plan.Turns; turn++)
            {
                for (var m = 0; m < plan.Metrics.Length; m++)
                {
                    var values = runs.Select(r => (double)r.TurnRows[turn][turnColumn + 1 + m]).ToList();
                    var s = Statistics.Summarise(values);
                    rows.Add([point.Index, point.Set, .. parameters, turn, plan.Metrics[m].Name, s.N, s.Mean, s.Sd, s.Ci95Low, s.Ci95High]);
                }
            }

            // What the seats did is counted over the whole run: summarised at its last turn.
            foreach (var (column, index) in activity)
            {
                var s = Statistics.Summarise([.. runs.Select(r => (double)(int)r.RunRow[index])]);
                rows.Add([point.Index, point.Set, .. parameters, plan.Turns - 1, column, s.N, s.Mean, s.Sd, s.Ci95Low, s.Ci95High]);
            }
        }

        return rows;
    }

    private static void PrepareFolder(string folder, bool resume, JsonObject experimentJson, BatchInputs inputs)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BatchException([new BatchError(null, $"cannot write to the output folder '{folder}': {e.Message}")]);
        }

        // Tables with a header and no run (a batch stopped before its first run finished) hold nothing to keep.
        var hasBatch = HoldsRows(Path.Combine(folder, RunsFile)) || HoldsRows(Path.Combine(folder, TurnsFile));
        if (hasBatch && !resume)
        {
            throw new BatchException([new BatchError(null, $"the output folder '{folder}' already holds a batch; resume it or choose another folder")]);
        }

        if (!resume || !hasBatch)
        {
            return;
        }

        var manifestPath = Path.Combine(folder, ManifestFile);
        var previous = File.Exists(manifestPath) ? JsonNode.Parse(File.ReadAllText(manifestPath)) : null;
        var before = BatchInputs.FromJson(previous?["inputs"]);
        if (before is null)
        {
            throw new BatchException([new BatchError(null,
                $"cannot resume: the batch in '{folder}' has no manifest recording its inputs, so this command cannot be shown to have the same; start it again in another folder")]);
        }

        var changes = inputs.Differences(before, previous?["experiment"] as JsonObject, experimentJson);
        if (changes.Count > 0)
        {
            throw new BatchException([new BatchError(null,
                $"cannot resume: the batch in '{folder}' was started with different inputs: {string.Join("; ", changes)}. Its runs and new ones would be mixed in one summary; undo the change or start the batch in another folder")]);
        }
    }

    /// <summary>Whether a table holds a row after its header.</summary>
    private static bool HoldsRows(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        reader.ReadLine();
        return !string.IsNullOrEmpty(reader.ReadLine());
    }

    /// <summary>Runs already on disk: a run counts only if its run row was written, and its turn rows with it.</summary>
    private static Dictionary<int, RunRecord> LoadFinished(string folder, BatchPlan plan, TableSchema turnSchema, TableSchema runSchema, bool resume)
    {
        var results = new Dictionary<int, RunRecord>();
        var runsPath = Path.Combine(folder, RunsFile);
        var turnsPath = Path.Combine(folder, TurnsFile);
        if (!resume || !File.Exists(runsPath))
        {
            return results;
        }

        var runRecords = ReadTable(runsPath, runSchema);
        var turnRecords = File.Exists(turnsPath) ? ReadTable(turnsPath, turnSchema) : [];
        var turnsByRun = turnRecords.GroupBy(r => (int)r[0]).ToDictionary(g => g.Key, g => g.OrderBy(r => (int)r[turnSchema.IndexOf("turn")]).ToList());
        foreach (var row in runRecords)
        {
            var run = (int)row[0];
            var isFailed = (string)row[runSchema.IndexOf("status")] == RunExecution.Failed;
            var turns = turnsByRun.GetValueOrDefault(run) ?? [];
            if (run < plan.RunCount && (isFailed || turns.Count == plan.Turns))
            {
                results[run] = new RunRecord(run, isFailed, isFailed ? [] : turns, row);
            }
        }

        return results;
    }

    private static List<object[]> ReadTable(string path, TableSchema schema)
    {
        var records = Csv.ReadRecords(File.ReadAllText(path, Encoding.UTF8));
        if (records.Count == 0)
        {
            return [];
        }

        if (!records[0].SequenceEqual(schema.Columns.Select(c => c.Name)))
        {
            throw new BatchException([new BatchError(null, $"cannot resume: the columns of '{path}' differ from this experiment's")]);
        }

        return [.. records.Skip(1).Where(r => r.Count == schema.Columns.Length).Select(r => Csv.ParseRow(schema, r))];
    }

    private static void Replace(string path, TableSchema schema, IEnumerable<object[]> rows)
    {
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
        {
            writer.Write(schema.Header + "\n");
            foreach (var row in rows)
            {
                writer.Write(Csv.FormatRow(row) + "\n");
            }
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Puts both CSV tables in run order and writes the Parquet copies, the summary and the sensitivity indices. The
    /// turn tables, the largest by far, are written on a thread of their own beside the rest.
    /// </summary>
    private static async Task<List<string>> WriteOutputs(string folder, BatchPlan plan, (RunOrderedCsv Csv, TableSchema Schema) turns,
        (RunOrderedCsv Csv, TableSchema Schema) runs, Dictionary<int, RunRecord> results, CancellationToken cancellationToken)
    {
        var ordered = results.Keys.Order().Select(k => results[k]).ToList();
        var turnTables = Task.Run(
            async () =>
            {
                await turns.Csv.PutInRunOrderAsync(cancellationToken);
                await ParquetTable.WriteAsync(Path.Combine(folder, "turns.parquet"), turns.Schema, [.. ordered.SelectMany(r => r.TurnRows)], cancellationToken);
            },
            cancellationToken);
        var rest = TheRest();
        await Task.WhenAll(turnTables, rest);
        List<string> files = [TurnsFile, "turns.parquet", RunsFile, "runs.parquet", SummaryFile, "summary.parquet"];
        if (await rest)
        {
            files.AddRange([SensitivityFile, "sensitivity.parquet"]);
        }

        return files;

        // Whether sensitivity indices were written.
        async Task<bool> TheRest()
        {
            await runs.Csv.PutInRunOrderAsync(cancellationToken);
            await ParquetTable.WriteAsync(Path.Combine(folder, "runs.parquet"), runs.Schema, [.. ordered.Select(r => r.RunRow)], cancellationToken);

            var summarySchema = BatchTables.Summary(plan);
            var summary = Summary(plan, results);
            Replace(Path.Combine(folder, SummaryFile), summarySchema, summary);
            await ParquetTable.WriteAsync(Path.Combine(folder, "summary.parquet"), summarySchema, summary, cancellationToken);

            var indices = Sensitivity.Analyse(plan, results);
            if (indices.Count > 0)
            {
                var schema = BatchTables.Sensitivity;
                var rows = indices.Select(i => new object[] { plan.Experiment.Sweep.Hypercube!.Key, i.Metric, i.Parameter, i.Index, i.Value }).ToList();
                Replace(Path.Combine(folder, SensitivityFile), schema, rows);
                await ParquetTable.WriteAsync(Path.Combine(folder, "sensitivity.parquet"), schema, rows, cancellationToken);
            }

            return indices.Count > 0;
        }
    }
}

/// <summary>
/// Estimates the time a batch has left from the pace of its recent runs, not from its start: the first runs are
/// slow while the runtime compiles the model's hot paths, and a rate over them overestimates what is left many
/// times over. The pace is measured since the run at half of those played (kept at powers of two), and no
/// estimate is given before <see cref="MinimumRuns"/> runs, or twice the workers, have been played.
/// </summary>
public sealed class RemainingTime(int workers)
{
    /// <summary>Runs played before any estimate is given (or twice the workers, if more).</summary>
    public const int MinimumRuns = 10;

    private readonly List<(int Played, TimeSpan Elapsed)> _checkpoints = [(0, TimeSpan.Zero)];

    /// <summary>Records that <paramref name="played"/> runs have finished after <paramref name="elapsed"/>; returns the time left for <paramref name="left"/> runs, or null while it is too early to tell.</summary>
    public TimeSpan? Record(int played, TimeSpan elapsed, int left)
    {
        if ((played & (played - 1)) == 0)
        {
            _checkpoints.Add((played, elapsed));
        }

        if (played < Math.Max(MinimumRuns, 2 * workers))
        {
            return null;
        }

        var (since, at) = _checkpoints.Last(c => c.Played <= played / 2);
        var seconds = (elapsed - at).TotalSeconds;
        return seconds > 0 ? TimeSpan.FromSeconds(left * seconds / (played - since)) : null;
    }
}
