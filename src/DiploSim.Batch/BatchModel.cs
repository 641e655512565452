using System.Collections.Immutable;
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
public sealed record BatchModel(Scenario Scenario, Func<ModelParameters, ulong, WorldState>? WorldFactory = null)
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
    ImmutableArray<BatchCondition> Conditions = default)
{
    /// <summary>The actors whose bots decide moves (those not passive), in id order.</summary>
    public ImmutableArray<string> MovingActors => Bots.IsDefault ? ActorIds : [.. Bots.Where(b => b.Moves).Select(b => b.Actor)];

    /// <summary>Whether the experiment chose bot policies (then the per-run table has a <c>bot_ACTOR</c> column per actor).</summary>
    public bool RecordsBots => !Experiment.Bots.IsDefaultOrEmpty;

    public int RunCount => Points.Length * Experiment.Repetitions;

    /// <summary>Run indices go point by point: run = point × repetitions + repetition.</summary>
    public RunSpec Run(int index) =>
        new(index, index % Experiment.Repetitions, Points[index / Experiment.Repetitions], RunSeeds.Derive(Experiment.Seed, index));

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
            errors.Add(new BatchError(null, "use either a factorial sweep or Latin-hypercube sampling, not both"));
        }

        foreach (var axis in sweep.Factorial.IsDefault ? [] : sweep.Factorial)
        {
            if (axis.Values.IsDefaultOrEmpty)
            {
                errors.Add(new BatchError(axis.Location, $"zero runs: {axis.Name} has no values"));
            }
        }

        if (sweep.Hypercube is { Samples: < 1 })
        {
            errors.Add(new BatchError(null, "zero runs: latinHypercube needs at least one sample"));
        }

        var names = (sweep.Factorial.IsDefault ? [] : sweep.Factorial.Select(a => a.Name))
            .Concat(sweep.Sets.IsDefault ? [] : sweep.Sets.SelectMany(s => s.Values.Select(v => v.Name)))
            .Concat(sweep.Hypercube?.Ranges.Select(r => r.Name) ?? []);
        foreach (var name in names.Distinct())
        {
            if (model.BaseParameters.With(name, 0).Error is { } error)
            {
                errors.Add(new BatchError(null, error));
            }
        }

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

        var (bots, botErrors) = BotPolicies.Resolve(experiment.Bots.IsDefault ? [] : experiment.Bots, model.Scenario.World);
        errors.AddRange(botErrors);

        var conditions = ImmutableArray.CreateBuilder<BatchCondition>();
        foreach (var request in experiment.Conditions.IsDefault ? [] : experiment.Conditions)
        {
            if (conditions.Any(c => c.Name == request.Name) || !BatchCondition.IsValidName(request.Name))
            {
                errors.Add(new BatchError(request.Location, BatchCondition.IsValidName(request.Name)
                    ? $"condition '{request.Name}' is given twice"
                    : BatchCondition.InvalidNameMessage(request.Name)));
                continue;
            }

            var (condition, conditionErrors) = BatchCondition.Compile(request, model.Scenario.World);
            errors.AddRange(conditionErrors);
            if (condition is not null)
            {
                conditions.Add(condition);
            }
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
        return (new BatchPlan(experiment, model, turns, points, parameterNames, metrics,
            [.. model.Scenario.World.Actors.Select(a => a.Id)],
            [.. plotMetrics.Where(p => metrics.Any(m => m.Name == p.Name))], bots, conditions.ToImmutable()), errors);
    }
}
