using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Agents;

namespace DiploSim.Batch;

/// <summary>Where something was written: a file (or the command line), a line and a column, all 1-based.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}({Line},{Column})";
}

/// <summary>A located problem with an experiment, found before any run starts.</summary>
public sealed record BatchError(SourceLocation? Location, string Message)
{
    public override string ToString() => Location is null ? Message : $"{Location}: {Message}";
}

/// <summary>Thrown when a batch cannot start (bad experiment, unwritable output, a resume that does not match).</summary>
public sealed class BatchException(IReadOnlyList<BatchError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<BatchError> Errors { get; } = errors;
}

/// <summary>
/// The values one parameter takes in a factorial sweep, in the order written: numbers, or for a bot's policy
/// (<c>bots.RUS.policy</c>) policy names in <paramref name="Texts"/> (see <see cref="OfTexts"/>).
/// </summary>
/// <param name="Location">Where the parameter is named.</param>
public sealed record ParameterAxis(string Name, ImmutableArray<double> Values, SourceLocation? Location = null, ImmutableArray<string> Texts = default)
{
    /// <summary>An axis of policy names, e.g. <c>bots.RUS.policy: [doctrine, passive]</c>.</summary>
    public static ParameterAxis OfTexts(string name, ImmutableArray<string> texts, SourceLocation? location = null) =>
        new(name, [], location, texts);

    public bool IsText => !Texts.IsDefault;

    public int Count => IsText ? Texts.Length : Values.IsDefault ? 0 : Values.Length;

    /// <summary>The axis's values, in order.</summary>
    public IEnumerable<ParameterValue> Levels =>
        IsText ? Texts.Select(t => ParameterValue.OfText(Name, t)) : Values.Select(v => new ParameterValue(Name, v));
}

/// <summary>A named set of parameter values, e.g. <c>high-diversion: { EnergyDiversion: 0.9 }</c>.</summary>
public sealed record NamedParameterSet(string Name, ImmutableArray<ParameterValue> Values);

/// <summary>One parameter's value: a number, or for a bot's policy (<c>bots.RUS.policy</c>) its name in <paramref name="Text"/>.</summary>
/// <param name="Location">Where the parameter is named, if it was read from a file or flags.</param>
public sealed record ParameterValue(string Name, double Value, string? Text = null, SourceLocation? Location = null)
{
    public static ParameterValue OfText(string name, string text, SourceLocation? location = null) => new(name, double.NaN, text, location);

    /// <summary>The value as a table cell: the text, or the number.</summary>
    public object Cell => Text ?? (object)Value;

    /// <summary>The value as written: the text, or the number in invariant round-trip form.</summary>
    public string Format() => Text ?? Value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A range sampled by Latin-hypercube sampling, [Low, High].</summary>
/// <param name="Location">Where the parameter is named.</param>
public sealed record ParameterRange(string Name, double Low, double High, SourceLocation? Location = null);

/// <summary>
/// A sampled sweep over ranges, seeded by <paramref name="Seed"/> (the master seed if null): Latin-hypercube
/// sampling (<paramref name="Samples"/> points), Saltelli's design for Sobol indices (<paramref name="Samples"/>
/// base samples, Samples × (k + 2) points) or Morris trajectories (<paramref name="Samples"/> trajectories of k + 1
/// points on a grid of <paramref name="Levels"/> levels), k being the number of ranges.
/// </summary>
public sealed record LatinHypercube(int Samples, ImmutableArray<ParameterRange> Ranges, ulong? Seed = null,
    SamplingMethod Method = SamplingMethod.LatinHypercube, int Levels = 4)
{
    /// <summary>The design's parameter points.</summary>
    public long Points => Method switch
    {
        SamplingMethod.Sobol => (long)Samples * (Ranges.Length + 2),
        SamplingMethod.Morris => (long)Samples * (Ranges.Length + 1),
        _ => Samples,
    };

    /// <summary>The experiment file's key for the method.</summary>
    public string Key => Method switch
    {
        SamplingMethod.Sobol => "sobol",
        SamplingMethod.Morris => "morris",
        _ => "latinHypercube",
    };
}

/// <summary>
/// Which parameters vary. Points are the named sets (or the scenario's own parameters if there are none)
/// crossed with either the factorial grid or the Latin-hypercube samples (never both). A parameter is a model
/// parameter (<c>TradeElasticity</c>) or a bot setting (<c>bots.RUS.policy</c>, <c>bots.all.temperature</c>,
/// <c>bots.CHN.riskAppetite</c>; see <see cref="BotFactor"/>).
/// </summary>
public sealed record ParameterSweep(
    ImmutableArray<ParameterAxis> Factorial,
    ImmutableArray<NamedParameterSet> Sets,
    LatinHypercube? Hypercube)
{
    public static ParameterSweep None { get; } = new([], [], null);
}

/// <summary>A metric to record, as written (<c>gdp</c>, <c>gdp_IND</c>, <c>trade_IND_RUS</c>, <c>oil_price</c>).</summary>
public sealed record MetricRequest(string Name, SourceLocation? Location = null);

/// <summary>
/// A batch experiment: what to run, how often, with which parameters and what to record.
/// </summary>
/// <param name="Scenario">The scenario reference (an id or a path); resolving it is the caller's job.</param>
/// <param name="Turns">Turns per run; null means the scenario's own length.</param>
/// <param name="Repetitions">Runs per parameter point, each with its own seed.</param>
/// <param name="Seed">The master seed every run's seed is derived from.</param>
/// <param name="Sweep">The parameters to vary.</param>
/// <param name="Metrics">Metrics recorded each turn (and their final values per run); empty means the defaults.</param>
/// <param name="Plots">Metrics plotted over turns; empty means the defaults.</param>
/// <param name="Workers">Runs in parallel; 0 means one per core.</param>
/// <param name="Output">The output folder, if the experiment names one.</param>
/// <param name="Bots">
/// Which policies the bots follow, per actor or for <c>all</c>; empty means every seat plays its doctrine. Bot
/// settings swept as parameters (<c>bots.RUS.policy</c>) come on top of these, point by point.
/// </param>
/// <param name="Conditions">Named conditions whose first turn and number of turns are recorded per run.</param>
/// <param name="CommonRandomNumbers">
/// Give repetition r the same seed at every parameter point, so that points are compared on the same draws of
/// chance (common random numbers); otherwise every run has a seed of its own.
/// </param>
public sealed record Experiment(
    string Scenario,
    int? Turns,
    int Repetitions,
    ulong Seed,
    ParameterSweep Sweep,
    ImmutableArray<MetricRequest> Metrics,
    ImmutableArray<string> Plots,
    int Workers = 0,
    string? Output = null,
    ImmutableArray<BotSetting> Bots = default,
    ImmutableArray<ConditionRequest> Conditions = default,
    bool CommonRandomNumbers = false)
{
    /// <summary>
    /// The most workers a batch may ask for: threads on one machine, chunks in flight on a cluster. More than a few per
    /// core only adds contention, and a mistyped <c>--workers 100000</c> once started 100,000 threads for a single run.
    /// </summary>
    public const int MaxWorkers = 1024;

    /// <summary>The agents file as written in the experiment (relative to it), if any.</summary>
    public string? AgentsFile { get; init; }

    /// <summary>The programs of the agents file, by name; a seat set to <c>{ agent: NAME }</c> is played by one.</summary>
    public ImmutableArray<AgentCommand> Agents { get; init; } = [];

    /// <summary>Negotiation rounds (messages only) before the moves of each turn, for agent seats (docs/agents.md).</summary>
    public int NegotiationRounds { get; init; }

    /// <summary>An experiment with no sweep: the scenario's parameters, repeated.</summary>
    public static Experiment Repeat(string scenario, int repetitions, ulong seed, int? turns = null) =>
        new(scenario, turns, repetitions, seed, ParameterSweep.None, [], []);
}
