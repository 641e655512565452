using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Core.Worlds;
using DiploSim.Scenarios;

namespace DiploSim.Batch;

/// <summary>
/// What a batch plays: a scenario and, optionally, a factory that rebuilds its turn-0 world from parameters and a
/// seed (e.g. by loading the scenario file again with overrides). Without a factory, overrides replace the world's
/// <see cref="WorldState.Parameters"/> and the world is calibrated again and reseeded.
/// </summary>
/// <param name="Sources">The files the scenario was read from, hashed (the manifest records them and a resume checks them).</param>
public sealed record BatchModel(Scenario Scenario, Func<ModelParameters, ulong, WorldState>? WorldFactory = null, ImmutableArray<SourceFile> Sources = default)
{
    /// <summary>The parameters overrides apply to: the scenario's own.</summary>
    public ModelParameters BaseParameters => Scenario.World.Parameters;

    /// <summary>How overrides reach the model, as written in the manifest.</summary>
    public string OverrideMode => WorldFactory is null ? "state" : "factory";

    /// <summary>
    /// The turn-0 world of one run. Without a factory the scenario's world takes the parameters and is calibrated
    /// again, so that the turn-0 references the model measures change against follow the new parameters.
    /// </summary>
    public WorldState Build(ModelParameters parameters, ulong seed) =>
        WorldFactory is { } factory ? factory(parameters, seed) : WorldBuilder.Calibrate(Scenario.World with { Parameters = parameters }).WithSeed(seed);

    /// <summary>The library's baseline world (india-russia-summit-2025.yaml) with bots on every seat and no shocks.</summary>
    public static BatchModel Baseline(int turns = 40) =>
        new(new Scenario("baseline", "Baseline", "", turns, BaselineScenario.World(), ShockScript.Empty),
            (parameters, seed) => BaselineScenario.World(seed, parameters));
}

/// <summary>One run of a batch: its index, repetition, parameter point and seed.</summary>
public sealed record RunSpec(int Run, int Repetition, ParameterPoint Point, ulong Seed);

/// <summary>An experiment checked against a scenario: everything a run needs, fixed before any run starts.</summary>
public sealed record BatchPlan(
    Experiment Experiment,
    BatchModel Model,
    int Turns,
    ImmutableArray<ParameterPoint> Points,
    ImmutableArray<string> ParameterNames,
    ImmutableArray<Metric> Metrics,
    ImmutableArray<string> ActorIds,
    ImmutableArray<Metric> Plots,
    ImmutableArray<ActorPolicy> Bots = default,
    ImmutableArray<BatchCondition> Conditions = default,
    ImmutableArray<ImmutableArray<ActorPolicy>> PointBots = default)
{
    /// <summary>The agent programs (or their recordings) that play the seats set to <c>{ agent: NAME }</c>; null when none is.</summary>
    public AgentRoster? Agents { get; init; }

    /// <summary>Whether any seat of any run is played by an agent.</summary>
    public bool HasAgents => (PointBots.IsDefault ? [Bots.IsDefault ? [] : Bots] : PointBots.AsEnumerable()).Any(p => p.Any(b => b.Agent is not null));

    /// <summary>Every seat's policy at a point: the experiment's <c>bots</c> section with the point's bot settings on top.</summary>
    public ImmutableArray<ActorPolicy> BotsAt(ParameterPoint point) =>
        PointBots.IsDefault ? (Bots.IsDefault ? [] : Bots) : PointBots[point.Index];

    /// <summary>The actors whose bots decide moves at a point (those not passive), in id order.</summary>
    public ImmutableArray<string> MovingActors(ParameterPoint point) =>
        BotsAt(point) is { IsEmpty: false } bots ? [.. bots.Where(b => b.Moves).Select(b => b.Actor)] : ActorIds;

    /// <summary>
    /// Whether the experiment chose bot policies, in its <c>bots</c> section or by sweeping a bot setting (then the
    /// per-run table has a <c>bot_ACTOR</c> column per actor).
    /// </summary>
    public bool RecordsBots => !Experiment.Bots.IsDefaultOrEmpty || ParameterNames.Any(n => ParameterCatalog.Bot(n) is not null);

    /// <summary>
    /// The cells of the parameter columns at a point, in <see cref="ParameterNames"/> order: the model parameter's
    /// value (the scenario's where the point does not set it), the point's bot setting, or the setting the seats
    /// had without it.
    /// </summary>
    public object[] ParameterCells(ParameterPoint point)
    {
        var parameters = RunExecution.Parameters(Model.BaseParameters, point);
        return [.. ParameterNames.Select(name => point.Values.FirstOrDefault(v => v.Name == name) is { } value
            ? value.Cell
            : ParameterCatalog.Bot(name) is { } bot
                ? bot.Effective(BotsAt(point), Model.Scenario.World)
                : parameters.Get(name) ?? double.NaN)];
    }

    /// <summary>The most runs one batch can have: run indices are 32-bit integers in every table.</summary>
    public const int MaxRuns = int.MaxValue;

    public int RunCount => Points.Length * Experiment.Repetitions;

    /// <summary>How big the batch's tables will be, estimated before any run from the columns and the run count.</summary>
    public BatchSize Size()
    {
        var turnRows = (long)RunCount * Turns;
        var turnSchema = BatchTables.Turns(this);
        var runSchema = BatchTables.Runs(this);
        var csv = (turnRows * BatchSize.RowBytes(turnSchema)) + ((long)RunCount * BatchSize.RowBytes(runSchema));
        var memory = (turnRows * BatchSize.RowMemory(turnSchema)) + ((long)RunCount * BatchSize.RowMemory(runSchema));
        return new BatchSize(RunCount, Turns, turnRows, csv, memory);
    }

    /// <summary>
    /// Run indices go point by point: run = point × repetitions + repetition. A run's seed derives from its index,
    /// or with common random numbers from its repetition, so that repetition r has the same seed at every point.
    /// </summary>
    public RunSpec Run(int index) =>
        new(index, index % Experiment.Repetitions, Points[index / Experiment.Repetitions], SeedOf(index));

    /// <summary>The seed of a run: <see cref="RunSeeds.Derive"/> of the master seed and the run's index, or its repetition with common random numbers.</summary>
    public ulong SeedOf(int index) =>
        RunSeeds.Derive(Experiment.Seed, Experiment.CommonRandomNumbers ? index % Experiment.Repetitions : index);

    /// <summary>Checks an experiment against a scenario; every problem is reported, located where possible.</summary>
    public static (BatchPlan? Plan, IReadOnlyList<BatchError> Errors) Create(Experiment experiment, BatchModel model)
    {
        var errors = new List<BatchError>();
        if (experiment.Repetitions < 1)
        {
            errors.Add(new BatchError(null, "zero runs: repetitions must be at least 1"));
        }

        var turns = experiment.Turns ?? model.Scenario.Turns;
        if (turns < 1)
        {
            errors.Add(new BatchError(null, $"zero turns: the experiment must play at least one turn (got {turns})"));
        }

        var sweep = experiment.Sweep;
        if (sweep.Hypercube is not null && !sweep.Factorial.IsDefaultOrEmpty)
        {
            errors.Add(new BatchError(null, $"use either a factorial sweep or sampling ({sweep.Hypercube.Key}), not both"));
        }

        foreach (var axis in sweep.Factorial.IsDefault ? [] : sweep.Factorial)
        {
            if (axis.Count == 0)
            {
                errors.Add(new BatchError(axis.Location, $"zero runs: {axis.Name} has no values"));
            }
        }

        if (sweep.Hypercube is { Samples: < 1 } empty)
        {
            errors.Add(new BatchError(null, $"zero runs: {empty.Key} needs at least one sample"));
        }

        if (sweep.Hypercube is { Method: not SamplingMethod.LatinHypercube } design)
        {
            if (!sweep.Sets.IsDefaultOrEmpty)
            {
                errors.Add(new BatchError(null, $"{design.Key} samples its ranges alone, for its indices: it cannot be crossed with named sets"));
            }

            if (design.Ranges.IsDefaultOrEmpty)
            {
                errors.Add(new BatchError(null, $"{design.Key} needs at least one range"));
            }

            if (design.Method == SamplingMethod.Morris && (design.Levels < 2 || design.Levels % 2 != 0))
            {
                errors.Add(new BatchError(null, $"morris: levels must be an even number of at least 2, got {design.Levels}"));
            }
        }

        errors.AddRange(CheckSweep(sweep, model.Scenario.World));

        var requests = experiment.Metrics.IsDefaultOrEmpty
            ? MetricCatalog.Defaults.Select(m => new MetricRequest(m)).ToImmutableArray()
            : experiment.Metrics;
        var (metrics, metricErrors) = MetricCatalog.Resolve(requests, model.Scenario.World);
        errors.AddRange(metricErrors);

        var plotRequests = experiment.Plots.IsDefaultOrEmpty ? MetricCatalog.DefaultPlots : experiment.Plots;
        var (plotMetrics, plotErrors) = MetricCatalog.Resolve(plotRequests.Select(p => new MetricRequest(p)), model.Scenario.World);
        if (!experiment.Plots.IsDefaultOrEmpty)
        {
            errors.AddRange(plotErrors);
            errors.AddRange(plotMetrics.Where(p => !metrics.Any(m => m.Name == p.Name))
                .Select(p => new BatchError(null, $"plot '{p.Name}' is not among the recorded metrics")));
        }

        var settings = experiment.Bots.IsDefault ? [] : experiment.Bots;
        var (bots, botErrors) = BotPolicies.Resolve(settings, model.Scenario.World);
        errors.AddRange(botErrors);

        var conditions = ImmutableArray.CreateBuilder<BatchCondition>();
        var shockIds = model.Scenario.Script is ScenarioShockScript script ? script.Shocks.Select(s => s.Shock.Id).ToList() : [];
        foreach (var request in experiment.Conditions.IsDefault ? [] : experiment.Conditions)
        {
            if (conditions.Any(c => c.Name == request.Name) || !BatchCondition.IsValidName(request.Name))
            {
                errors.Add(new BatchError(request.Location, BatchCondition.IsValidName(request.Name)
                    ? $"condition '{request.Name}' is given twice"
                    : BatchCondition.InvalidNameMessage(request.Name)));
                continue;
            }

            var (condition, conditionErrors) = BatchCondition.Compile(request, model.Scenario.World, shockIds);
            errors.AddRange(conditionErrors);
            if (condition is not null)
            {
                conditions.Add(condition);
            }
        }

        // Counted before anything is expanded: a sweep or repetitions too large for the run index are refused here,
        // not by an overflow later.
        var pointCount = SweepExpansion.Count(sweep);
        var runCount = SweepExpansion.Multiply(pointCount, Math.Max(1, experiment.Repetitions));
        if (runCount > MaxRuns)
        {
            errors.Add(new BatchError(null, string.Create(CultureInfo.InvariantCulture,
                $"the batch would have {runCount:N0} runs ({pointCount:N0} parameter points × {experiment.Repetitions:N0} repetitions); at most {MaxRuns:N0} runs can be played in one batch")));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var points = SweepExpansion.Points(sweep, experiment.Seed);
        if (points.Length == 0)
        {
            return (null, [new BatchError(null, "zero runs: the sweep has no parameter points")]);
        }

        var parameterNames = points.SelectMany(p => p.Values.Select(v => v.Name)).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        var pointBots = points
            .Select(p => BotPolicies.Resolve(
                settings.Concat(p.Values.Select(v => ParameterCatalog.Bot(v.Name)?.Setting(v)).OfType<BotSetting>()),
                model.Scenario.World).Policies)
            .ToImmutableArray();
        return (new BatchPlan(experiment, model, turns, points, parameterNames, metrics,
            [.. model.Scenario.World.Actors.Select(a => a.Id)],
            [.. plotMetrics.Where(p => metrics.Any(m => m.Name == p.Name))], bots, conditions.ToImmutable(), pointBots), errors);
    }

    /// <summary>
    /// Every swept parameter is a model parameter or a bot setting of an actor the scenario has (or <c>all</c>),
    /// and every value fits it: numbers within range, policy names the batch knows, no range of policies.
    /// </summary>
    private static IEnumerable<BatchError> CheckSweep(ParameterSweep sweep, WorldState world)
    {
        var axes = sweep.Factorial.IsDefault ? [] : sweep.Factorial;
        var ranges = sweep.Hypercube?.Ranges ?? [];
        var values = axes.SelectMany(a => a.Levels.Select(v => v with { Location = a.Location }))
            .Concat((sweep.Sets.IsDefault ? [] : sweep.Sets).SelectMany(s => s.Values))
            .Concat(ranges.SelectMany(r => new[] { new ParameterValue(r.Name, r.Low, Location: r.Location), new ParameterValue(r.Name, r.High, Location: r.Location) }))
            .ToList();

        var actors = world.Actors.Select(a => a.Id).ToArray();
        foreach (var named in values.GroupBy(v => v.Name))
        {
            var at = named.First().Location;
            if (ParameterCatalog.Bot(named.Key) is { } bot)
            {
                if (bot.Actor != BotPolicies.All && !actors.Contains(bot.Actor, StringComparer.Ordinal))
                {
                    yield return new BatchError(at,
                        $"{bot.Name}: unknown actor '{bot.Actor}'; expected '{BotPolicies.All}' or one of this scenario's actors: {string.Join(", ", actors)}");
                    continue;
                }
            }
            else if (BotFactor.IsBotName(named.Key))
            {
                yield return new BatchError(at, BotFactor.Parse(named.Key).Error!);
                continue;
            }
            else if (ModelParameters.CanonicalName(named.Key) is null)
            {
                yield return new BatchError(at, ParameterCatalog.UnknownMessage(named.Key));
                continue;
            }

            if (ranges.Any(r => r.Name == named.Key) && ParameterCatalog.IsText(named.Key))
            {
                yield return new BatchError(at, ParameterSpec.NoRangeMessage(named.Key));
            }
            else if (named.Select(ParameterCatalog.Check).FirstOrDefault(e => e is not null) is { } problem)
            {
                yield return new BatchError(at, problem);
            }
        }
    }
}

/// <summary>
/// The size of a batch, estimated before it starts: runs × turns rows in <c>turns</c>, the bytes of the CSV tables,
/// and the memory the rows take while the batch runs (every row is held until the end, to write the sorted
/// tables, the Parquet copies and the summary).
/// </summary>
/// <param name="Runs">Runs in the batch.</param>
/// <param name="Turns">Turns per run.</param>
/// <param name="TurnRows">Rows of <c>turns</c>: runs × turns.</param>
/// <param name="CsvBytes">Estimated bytes of <c>turns.csv</c> and <c>runs.csv</c>.</param>
/// <param name="MemoryBytes">Estimated memory held by the rows at the end of the batch.</param>
public sealed record BatchSize(long Runs, int Turns, long TurnRows, long CsvBytes, long MemoryBytes)
{
    /// <summary>Above this estimated memory a batch asks to be confirmed (<c>--yes</c>) before it starts: 4 GiB.</summary>
    public const long DefaultConfirmAbove = 4L << 30;

    // Typical widths in CSV: a double in round-trip form is 17-19 characters, a seed 18-19, a state hash 16.
    internal static long RowBytes(TableSchema schema) => schema.Columns.Sum(c => c.Kind switch
    {
        ColumnKind.Int32 or ColumnKind.NullableInt32 => 6L,
        ColumnKind.Int64 => 20L,
        ColumnKind.Double => 19L,
        _ => 17L,
    });

    // A row is an object[] (24 bytes and 8 per cell) of boxed values (24 bytes each; strings are mostly shared or short).
    internal static long RowMemory(TableSchema schema) => 24L + (schema.Columns.Length * 32L);

    /// <summary>"1,000,000,000 runs × 40 turns = 40,000,000,000 turn rows: about 65 TB of CSV, 120 TB of memory".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Runs:N0} runs × {Turns:N0} turns = {TurnRows:N0} turn rows: about {Bytes(CsvBytes)} of CSV and {Bytes(MemoryBytes)} of memory while it runs");

    /// <summary>Bytes in the largest unit that keeps the number at or above 1 (binary units, written kB, MB, GB, TB, PB).</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes") : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }
}
