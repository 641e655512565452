using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using DiploSim.Batch;
using DiploSim.Batch.Grains;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace DiploSim.Cli;

/// <summary>What <c>diplosim batch</c> reaches outside itself: the cluster (tests bring their own) and whether the terminal is interactive.</summary>
/// <param name="ConnectCluster">Joins a running cluster as a client.</param>
/// <param name="Interactive">Draw a live progress bar (a terminal) rather than plain lines (redirected output, CI).</param>
public sealed record BatchEnvironment(Func<ClusterTarget, CancellationToken, Task<ClusterSession>> ConnectCluster, bool Interactive = false)
{
    public static BatchEnvironment Default { get; } = new(ClusterConnection.ConnectAsync);
}

/// <summary>
/// <c>diplosim batch EXPERIMENT.yaml</c> or the quick form <c>diplosim batch SCENARIO --runs 1000 --set
/// TradeElasticity=2..5:4 --seed 1</c>: checks everything (experiment, scenario, output folder) before any run
/// starts, then plays the runs on every core or, with <c>--cluster</c>, on a cluster's silos.
/// </summary>
public static partial class BatchCommand
{
    private static readonly string[] ExperimentFlagNames = ["--runs", "--repetitions", "--set", "--lhs", "--sobol", "--morris", "--seed", "--turns", "--workers", "--metrics", "--plots", "--out", "--bot", "--when"];
    private static readonly string[] FileFlagNames = ["--workers", "--out"];
    private static readonly string[] ValuedCommandFlags = ["--gateway-port", "--clustering", "--redis", "--only"];
    private static readonly string[] BareCommandFlags = ["--resume", "--cluster", "--no-plots", "--yes", "--replay"];

    public static Command Create(TextWriter output, TextWriter error, BatchEnvironment environment)
    {
        var target = new Argument<string>("experiment-or-scenario")
        {
            Description = "An experiment file (YAML with a 'scenario' key), or for the quick form a scenario file, a library id or 'baseline'",
        };
        var command = new Command("batch", "Play many seeded runs headless — sweeps, repetitions, all cores or a cluster — into CSV and Parquet tables") { target };
        foreach (var (name, description) in new[]
        {
            ("--runs", "Quick form: total runs, spread evenly over the parameter points"),
            ("--repetitions", "Quick form: runs per parameter point (instead of --runs)"),
            ("--lhs", "Quick form: Latin-hypercube samples of the --set ranges (written low..high)"),
            ("--sobol", "Quick form: Sobol indices of the --set ranges: N base samples, N × (k + 2) points (Saltelli's design)"),
            ("--morris", "Quick form: Morris elementary effects of the --set ranges: R trajectories of k + 1 points on 4 levels"),
            ("--seed", "Quick form: the master seed (default 1)"),
            ("--turns", "Quick form: turns per run (default: the scenario's)"),
            ("--metrics", "Quick form: metrics to record, comma-separated (default: gdp, growth, stability, …)"),
            ("--plots", "Quick form: metrics to plot, comma-separated"),
            ("--workers", "Runs in parallel (chunks in flight with --cluster); default one per core"),
            ("--out", "Output folder (default: batches/SCENARIO-seedN)"),
        })
        {
            command.Options.Add(new Option<string>(name) { Description = description });
        }

        command.Options.Add(new Option<string[]>("--set") { Description = "Quick form: vary a parameter, Name=2..5:4, Name=1,2,3 or Name=3 (repeatable)", AllowMultipleArgumentsPerToken = false });
        command.Options.Add(new Option<string[]>("--bot") { Description = "Quick form: a bot policy, ACTOR=doctrine|passive (ACTOR may be 'all'), ACTOR.temperature=X or ACTOR.riskAppetite=X (repeatable)", AllowMultipleArgumentsPerToken = false });
        command.Options.Add(new Option<string[]>("--when") { Description = "Quick form: record when a condition holds, NAME=EXPRESSION over the metrics and the triggers' functions, e.g. \"spike=oil_price > 80\" or \"warm=trust(IND, USA) > 20\" (repeatable)", AllowMultipleArgumentsPerToken = false });
        var resume = new Option<bool>("--resume") { Description = "Keep the runs already in the output folder and play the rest" };
        var cluster = new Option<bool>("--cluster") { Description = "Play the runs on the silos of a running DiploSim cluster" };
        var clustering = new Option<string>("--clustering")
        {
            Description = "How to find the cluster: localhost (a gateway port on this machine) or redis (the gateways listed in Redis); default redis when DiploSim__Cluster__Mode=Redis",
            DefaultValueFactory = _ => ClusterTarget.DefaultClustering(new ConfigurationBuilder().AddEnvironmentVariables().Build()),
        };
        clustering.AcceptOnlyFromAmong([.. ClusterTarget.Supported]);
        var gatewayPort = new Option<int>("--gateway-port") { Description = "The gateway port of a localhost cluster", DefaultValueFactory = _ => 30000 };
        var redis = new Option<string>("--redis") { Description = "With --clustering redis: the Redis connection string (else DiploSim__Cluster__RedisConnectionString)" };
        var noPlots = new Option<bool>("--no-plots") { Description = "Skip the PNG plots" };
        var crn = new Option<bool>("--crn") { Description = "Quick form: common random numbers — repetition r has the same seed at every parameter point" };
        var yes = new Option<bool>("--yes") { Description = "Play a batch estimated to need more than 4 GiB of memory without asking" };
        var only = new Option<int?>("--only") { Description = "Replay one run of the batch alone (its index, as in the run column) and print its rows of turns.csv; nothing is written" };
        command.Options.Add(resume);
        command.Options.Add(cluster);
        command.Options.Add(clustering);
        command.Options.Add(gatewayPort);
        command.Options.Add(redis);
        command.Options.Add(noPlots);
        command.Options.Add(yes);
        command.Options.Add(crn);
        command.Options.Add(only);
        var replay = new Option<bool>("--replay") { Description = "With --only: play the run's agent seats from the batch's recording (OUT/agents/run-N.jsonl) instead of starting the agents" };
        command.Options.Add(replay);

        command.SetAction((result, cancellationToken) => RunAsync(
            new Request(
                result.GetValue(target)!,
                [.. result.Tokens.Select(t => t.Value)],
                result.GetValue(resume),
                result.GetValue(cluster) ? new ClusterTarget(result.GetValue(clustering) ?? ClusterTarget.Localhost, result.GetValue(gatewayPort), result.GetValue(redis)) : null,
                !result.GetValue(noPlots),
                result.GetValue(yes),
                result.GetValue(only),
                result.GetValue(replay)),
            output, error, environment, cancellationToken));
        return command;
    }

    private sealed record Request(string Target, IReadOnlyList<string> Tokens, bool Resume, ClusterTarget? Cluster, bool Plots, bool Confirmed, int? Only, bool Replay = false);

    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, BatchEnvironment environment, CancellationToken cancellationToken)
    {
        // The experiment flags, with where each stood on the command line (errors name that column).
        var (flags, columns) = ExperimentArguments(request.Tokens, request.Target);
        SourceLocation? Column(int index) => new(ExperimentFlags.Source, 1, index < columns.Count ? columns[index] : 1);
        BatchError Relocate(BatchError e) =>
            e.Location is { File: ExperimentFlags.Source } at ? e with { Location = Column(at.Column - 1) } : e;

        Experiment experiment;
        ScenarioSource? scenario;
        string? folder;
        if (IsExperimentFile(request.Target))
        {
            var misplaced = flags.Select((f, i) => (Flag: f, Index: i))
                .Where(f => f.Flag.StartsWith("--", StringComparison.Ordinal) && !FileFlagNames.Contains(f.Flag))
                .Select(f => new BatchError(Column(f.Index), $"{f.Flag} belongs in the experiment file; with a file only --workers, --out, --resume, --cluster, --no-plots and --yes apply"))
                .ToList();
            var (parsed, errors) = ExperimentYaml.ParseFile(request.Target);
            if (parsed is null || misplaced.Count > 0)
            {
                return Fail(error, [.. errors, .. misplaced], DiploSimCommand.InvalidBatch);
            }

            var (fileFlags, flagErrors) = ExperimentFlags.Parse(ScenarioSource.BaselineId, flags);
            if (fileFlags is null)
            {
                return Fail(error, [.. flagErrors.Select(Relocate)], DiploSimCommand.InvalidBatch);
            }

            var home = Path.GetDirectoryName(Path.GetFullPath(request.Target))!;
            experiment = fileFlags.Workers > 0 ? parsed with { Workers = fileFlags.Workers } : parsed;
            folder = fileFlags.Output ?? (parsed.Output is { } o ? Path.Combine(home, o) : null);
            BatchError? missing;
            (scenario, missing) = ScenarioSource.Resolve(parsed.Scenario, home, new SourceLocation(request.Target, 1, 1));
            if (scenario is null)
            {
                return Fail(error, [missing!], DiploSimCommand.InvalidScenario);
            }
        }
        else
        {
            var (parsed, errors) = ExperimentFlags.Parse(request.Target, flags);
            if (parsed is null)
            {
                return Fail(error, [.. errors.Select(Relocate)], DiploSimCommand.InvalidBatch);
            }

            experiment = parsed;
            folder = parsed.Output;
            BatchError? missing;
            (scenario, missing) = ScenarioSource.Resolve(request.Target);
            if (scenario is null)
            {
                return Fail(error, [missing!], DiploSimCommand.InvalidScenario);
            }
        }

        var (model, scenarioErrors) = scenario.Load();
        if (model is null)
        {
            error.WriteLine($"{scenario.File}: the scenario does not validate; no run was started");
            return Fail(error, scenarioErrors, DiploSimCommand.InvalidScenario);
        }

        folder ??= Path.Combine("batches", $"{Slug(model.Scenario.Id)}-seed{experiment.Seed.ToString(CultureInfo.InvariantCulture)}");
        if (request.Replay && request.Only is null)
        {
            error.WriteLine("--replay replays one run: give it with --only RUN");
            return DiploSimCommand.Usage;
        }

        if (request.Only is { } only)
        {
            return ReplayOne(experiment, model, only, request.Replay ? folder : null, output, error);
        }

        ClusterSession? session = null;
        try
        {
            IRunExecutor? executor = null;
            if (request.Cluster is { } clusterTarget)
            {
                try
                {
                    session = await environment.ConnectCluster(clusterTarget, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var where = clusterTarget.Clustering == ClusterTarget.Redis
                        ? $"redis, {clusterTarget.RedisConnectionString ?? "DiploSim__Cluster__RedisConnectionString"}"
                        : $"{clusterTarget.Clustering}, gateway port {clusterTarget.GatewayPort}";
                    error.WriteLine($"cannot reach the cluster ({where}): {e.Message}");
                    return DiploSimCommand.ClusterUnavailable;
                }

                executor = new ClusterRunExecutor(session.Grains, scenario);
            }

            var options = new BatchOptions(folder, experiment.Workers, request.Resume, Plots: request.Plots, Executor: executor,
                ConfirmLarge: request.Confirmed ? _ => true : environment.Interactive ? AskToPlay : null);
            var result = environment.Interactive
                ? await WithProgressBar(experiment, model, options, cancellationToken)
                : await BatchRunner.RunAsync(experiment, model, options with { Progress = PlainProgress(output) }, cancellationToken);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Runs} runs ({result.Failed} failed, {result.Resumed} resumed) in {result.Elapsed.TotalSeconds:F1} s{(executor is null ? "" : " on the cluster")} → {result.OutputFolder}"));
            if (result.PlotError is not null)
            {
                error.WriteLine($"plots were not drawn: {result.PlotError}");
            }

            if (result.Failed > 0)
            {
                error.WriteLine($"{result.Failed} run(s) failed; their seeds and errors are in {BatchRunner.RunsFile} (status = failed)");
            }

            return DiploSimCommand.Ok;
        }
        catch (BatchException e)
        {
            return Fail(error, [.. e.Errors.Select(Relocate)], DiploSimCommand.InvalidBatch);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"interrupted: the finished runs are in {Path.GetFullPath(folder)}; run the same command with --resume to play the rest");
            return DiploSimCommand.Interrupted;
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// <c>--only RUN</c>: plays one run of the batch alone, with the seed, parameters and bot policies it has in the
    /// batch, and prints its rows of <c>turns.csv</c> (with the header), byte for byte as the batch writes them. Agent
    /// seats are played by their programs again, or with <c>--replay</c> (<paramref name="recordings"/>, the batch's
    /// output folder) from the batch's recording of the run.
    /// </summary>
    private static int ReplayOne(Experiment experiment, BatchModel model, int run, string? recordings, TextWriter output, TextWriter error)
    {
        var (plan, errors) = BatchPlan.Create(experiment, model);
        if (plan is null)
        {
            return Fail(error, errors, DiploSimCommand.InvalidBatch);
        }

        if (run < 0 || run >= plan.RunCount)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"--only {run}: the batch has runs 0 to {plan.RunCount - 1}"));
            return DiploSimCommand.InvalidBatch;
        }

        using var agents = !plan.HasAgents ? null
            : recordings is null ? AgentRoster.Playing(experiment.Agents, outputFolder: null) : AgentRoster.Replaying(Path.GetFullPath(recordings));
        var record = RunExecution.Execute(plan with { Agents = agents }, run);
        if (record.Failed)
        {
            error.WriteLine($"run {run} failed: {record.RunRow[BatchTables.Runs(plan).IndexOf("error")]}");
            return DiploSimCommand.FailedRun;
        }

        output.Write(BatchTables.Turns(plan).Header + "\n");
        foreach (var row in record.TurnRows)
        {
            output.Write(Csv.FormatRow(row) + "\n");
        }

        return DiploSimCommand.Ok;
    }

    /// <summary>On a terminal, a large batch is played only if the user says so.</summary>
    private static bool AskToPlay(BatchSize size) =>
        AnsiConsole.Confirm(Markup.Escape($"This batch is large: {size.Describe()}. Play it?"), defaultValue: false);

    /// <summary>The tokens after <c>batch</c> that belong to the experiment (not the target, not the command's own flags), with their 1-based columns.</summary>
    private static (List<string> Flags, List<int> Columns) ExperimentArguments(IReadOnlyList<string> tokens, string target)
    {
        var flags = new List<string>();
        var columns = new List<int>();
        var start = tokens.ToList().IndexOf("batch") + 1;
        var targetSeen = false;
        for (var i = start; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (ValuedCommandFlags.Contains(token))
            {
                i++;
            }
            else if (BareCommandFlags.Contains(token))
            {
                continue;
            }
            else if (ExperimentFlagNames.Contains(token))
            {
                flags.Add(token);
                columns.Add(i + 1);
                if (i + 1 < tokens.Count)
                {
                    flags.Add(tokens[++i]);
                    columns.Add(i + 1);
                }
            }
            else if (!targetSeen && token == target)
            {
                targetSeen = true;
            }
            else
            {
                flags.Add(token);
                columns.Add(i + 1);
            }
        }

        return (flags, columns);
    }

    /// <summary>An experiment file is YAML with a top-level <c>scenario</c> key; scenario files have none.</summary>
    private static bool IsExperimentFile(string target)
    {
        if (!File.Exists(target))
        {
            return false;
        }

        try
        {
            return ScenarioKey().IsMatch(File.ReadAllText(target));
        }
        catch (IOException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^scenario\s*:", RegexOptions.Multiline)]
    private static partial Regex ScenarioKey();

    [GeneratedRegex("[^A-Za-z0-9_.-]+")]
    private static partial Regex Unsafe();

    private static string Slug(string id) => Unsafe().Replace(id, "-");

    private static int Fail(TextWriter error, IReadOnlyCollection<BatchError> errors, int code)
    {
        DiploSimCommand.WriteProblems(error, errors);
        return code;
    }

    /// <summary>One line per tenth of the batch (every run in a small one), for logs and CI.</summary>
    private static Action<BatchProgress> PlainProgress(TextWriter output)
    {
        var lastStep = -1;
        return p =>
        {
            var step = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
            if (step == lastStep && p.Done < p.Total)
            {
                return;
            }

            lastStep = step;
            output.WriteLine(Describe(p));
        };
    }

    /// <summary>
    /// A line of progress. The percentage is rounded down, as the bar's own column rounds it, so that 99.6% is
    /// never shown as 100% before the last run; on a terminal the bar shows it and the text leaves it out.
    /// </summary>
    internal static string Describe(BatchProgress p, bool percentage = true)
    {
        var left = p.Remaining is { } remaining ? remaining.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) + " left" : "estimating time left";
        var failed = p.Failed > 0 ? string.Create(CultureInfo.InvariantCulture, $" · {p.Failed} failed") : "";
        var percent = percentage ? string.Create(CultureInfo.InvariantCulture, $" ({(long)p.Done * 100 / Math.Max(1, p.Total)}%)") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"runs {p.Done}/{p.Total}{percent} · {p.RunsPerSecond:F1} runs/s · {left}{failed}");
    }

    private static Task<BatchResult> WithProgressBar(Experiment experiment, BatchModel model, BatchOptions options, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting…", maxValue: 1);
                var result = await BatchRunner.RunAsync(experiment, model, options with
                {
                    Progress = p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = Markup.Escape(Describe(p, percentage: false));
                    },
                }, cancellationToken);
                task.Value = task.MaxValue;
                return result;
            });
}
