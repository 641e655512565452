using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core.State;

namespace DiploSim.Batch;

/// <summary>
/// How the bots play in an experiment, as written: for one actor (its id) or for every seat (<c>all</c>), a
/// policy (<c>doctrine</c> or <c>passive</c>; null keeps the policy set for all) and overrides of the
/// doctrine's temperature and risk appetite (null keeps the scenario's). With the policy <c>agent</c>, <paramref name="Agent"/>
/// names the program of the agents file that plays the seat.
/// </summary>
public sealed record BotSetting(string Actor, string? Policy, double? Temperature = null, double? RiskAppetite = null, SourceLocation? Location = null, string? Agent = null);

/// <summary>The policy one seat follows in a run.</summary>
/// <param name="Actor">The actor's id.</param>
/// <param name="Policy"><c>doctrine</c> (Core's bot) or <c>passive</c> (no moves at all).</param>
/// <param name="Temperature">The doctrine's temperature for this seat, if overridden.</param>
/// <param name="RiskAppetite">The doctrine's risk appetite for this seat, if overridden.</param>
/// <param name="Agent">With the policy <c>agent</c>: the agent of the agents file that plays the seat.</param>
public sealed record ActorPolicy(string Actor, string Policy, double? Temperature, double? RiskAppetite, string? Agent = null)
{
    /// <summary>Whether the seat's bot decides moves.</summary>
    public bool Moves => Policy == BotPolicies.Doctrine;

    /// <summary>
    /// The policy as one cell: <c>doctrine</c>, <c>passive</c>, or with overrides
    /// <c>doctrine;temperature=0.5;riskAppetite=0.8</c>.
    /// </summary>
    public string Describe() =>
        (Agent is { } agent ? BotPolicies.Agent + ":" + agent : Policy)
        + (Temperature is { } t ? ";temperature=" + t.ToString("R", CultureInfo.InvariantCulture) : "")
        + (RiskAppetite is { } r ? ";riskAppetite=" + r.ToString("R", CultureInfo.InvariantCulture) : "");
}

/// <summary>
/// The bot policies an experiment can choose. <c>doctrine</c> (the default) is Core's <see cref="Core.Bots.Bot"/>
/// with the actor's doctrine; <c>passive</c> leaves the seat without moves (it answers no proposal either).
/// Temperature and risk appetite overrides change the actor's <see cref="Doctrine"/> in the turn-0 world, so
/// they are part of the world every run starts from and replay exactly.
/// </summary>
public static class BotPolicies
{
    public const string All = "all";
    public const string Doctrine = "doctrine";
    public const string Passive = "passive";

    /// <summary>A program plays the seat over the agent protocol (docs/agents.md); set as <c>{ agent: NAME }</c>.</summary>
    public const string Agent = "agent";

    public static ImmutableArray<string> Names { get; } = [Doctrine, Passive];

    public static bool IsKnown(string policy) => Names.Contains(policy);

    public static string UnknownMessage(string policy) =>
        $"unknown bot policy '{policy}'; expected one of: {string.Join(", ", Names)}";

    /// <summary>Checks a temperature override; null if it is fine.</summary>
    public static string? CheckTemperature(double value) =>
        double.IsFinite(value) && value >= 0 ? null : $"a bot's temperature must be a number of at least 0, got {Format(value)}";

    /// <summary>Checks a risk-appetite override; null if it is fine.</summary>
    public static string? CheckRiskAppetite(double value) =>
        double.IsFinite(value) && value is >= 0 and <= 1 ? null : $"a bot's risk appetite must be between 0 and 1, got {Format(value)}";

    /// <summary>
    /// Every actor's policy: the scenario's doctrine, then the settings for <c>all</c>, then each actor's own
    /// (later settings win, field by field). Unknown actors and policies are reported with their place.
    /// </summary>
    public static (ImmutableArray<ActorPolicy> Policies, IReadOnlyList<BatchError> Errors) Resolve(IEnumerable<BotSetting> settings, WorldState world)
    {
        var ids = world.Actors.Select(a => a.Id).ToArray();
        var errors = new List<BatchError>();
        var policies = ids.ToDictionary(id => id, id => new ActorPolicy(id, Doctrine, null, null), StringComparer.Ordinal);
        var ordered = settings.Where(s => s.Actor == All).Concat(settings.Where(s => s.Actor != All));
        foreach (var setting in ordered)
        {
            if (setting.Policy is { } p && !IsKnown(p) && !(p == Agent && setting.Agent is not null))
            {
                errors.Add(new BatchError(setting.Location, UnknownMessage(p)));
                continue;
            }

            if (setting.Temperature is { } t && CheckTemperature(t) is { } te)
            {
                errors.Add(new BatchError(setting.Location, te));
            }

            if (setting.RiskAppetite is { } r && CheckRiskAppetite(r) is { } re)
            {
                errors.Add(new BatchError(setting.Location, re));
            }

            IEnumerable<string> targets;
            if (setting.Actor == All)
            {
                targets = ids;
            }
            else if (ids.Contains(setting.Actor, StringComparer.Ordinal))
            {
                targets = [setting.Actor];
            }
            else
            {
                errors.Add(new BatchError(setting.Location,
                    $"bots: unknown actor '{setting.Actor}'; expected '{All}' or one of this scenario's actors: {string.Join(", ", ids)}"));
                continue;
            }

            foreach (var id in targets)
            {
                var current = policies[id];
                var policy = setting.Policy ?? current.Policy;
                policies[id] = new ActorPolicy(id, policy,
                    setting.Temperature ?? current.Temperature, setting.RiskAppetite ?? current.RiskAppetite,
                    policy == Agent ? setting.Agent ?? current.Agent : null);
            }
        }

        return ([.. ids.Select(id => policies[id])], errors);
    }

    /// <summary>The world with the doctrines' overrides applied; the same world if there are none.</summary>
    public static WorldState Apply(WorldState world, ImmutableArray<ActorPolicy> policies)
    {
        if (policies.IsDefaultOrEmpty || policies.All(p => p.Temperature is null && p.RiskAppetite is null))
        {
            return world;
        }

        var actors = world.Actors.ToBuilder();
        foreach (var policy in policies)
        {
            var i = world.IndexOf(policy.Actor);
            if (i < 0 || (policy.Temperature is null && policy.RiskAppetite is null))
            {
                continue;
            }

            var doctrine = actors[i].Doctrine;
            actors[i] = actors[i] with
            {
                Doctrine = doctrine with
                {
                    Temperature = policy.Temperature ?? doctrine.Temperature,
                    RiskAppetite = policy.RiskAppetite ?? doctrine.RiskAppetite,
                },
            };
        }

        return world with { Actors = actors.MoveToImmutable() };
    }

    /// <summary>Whether every seat plays its scenario's doctrine unchanged (what <c>Simulation.Play</c> does).</summary>
    public static bool AllDefault(ImmutableArray<ActorPolicy> policies) =>
        policies.IsDefaultOrEmpty || policies.All(p => p.Moves && p.Temperature is null && p.RiskAppetite is null);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// A bot setting varied by a sweep, named <c>bots.ACTOR.FIELD</c>: ACTOR is an actor id or <c>all</c>, FIELD is
/// <c>policy</c> (values are policy names), <c>temperature</c> or <c>riskAppetite</c> (numbers). A point's value
/// is one more <see cref="BotSetting"/> on top of the experiment's <c>bots</c> section, so the usual order holds:
/// <c>all</c> before each actor, and at the same level the swept value wins.
/// </summary>
public sealed record BotFactor(string Actor, string Field)
{
    public const string Prefix = "bots.";
    public const string Policy = "policy";
    public const string Temperature = "temperature";
    public const string RiskAppetite = "riskAppetite";

    public static ImmutableArray<string> Fields { get; } = [Policy, Temperature, RiskAppetite];

    /// <summary>The canonical name, e.g. <c>bots.RUS.policy</c>; also the table column.</summary>
    public string Name => Prefix + Actor + "." + Field;

    /// <summary>Whether the values are policy names rather than numbers.</summary>
    public bool IsPolicy => Field == Policy;

    /// <summary>Whether a written parameter name means a bot setting (it starts with <c>bots.</c>).</summary>
    public static bool IsBotName(string written) => written.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads <c>bots.ACTOR.FIELD</c>; the prefix and the field are case-insensitive, the actor is kept as written
    /// (it is checked against the scenario when the batch is planned).
    /// </summary>
    public static (BotFactor? Factor, string? Error) Parse(string written)
    {
        var parts = written.Split('.');
        if (parts.Length != 3 || !IsBotName(written) || parts[1].Trim().Length == 0)
        {
            return (null, $"expected a bot setting 'bots.ACTOR.FIELD' (ACTOR an actor id or '{BotPolicies.All}', FIELD one of {string.Join(", ", Fields)}), got '{written}'");
        }

        var field = Fields.FirstOrDefault(f => string.Equals(f, parts[2].Trim(), StringComparison.OrdinalIgnoreCase));
        return field is null
            ? (null, $"unknown bot setting '{parts[2]}' in '{written}'; expected one of: {string.Join(", ", Fields)}")
            : (new BotFactor(parts[1].Trim(), field), null);
    }

    /// <summary>Checks one value of this setting; null if it is fine.</summary>
    public string? Check(ParameterValue value)
    {
        if (IsPolicy)
        {
            return value.Text is null ? $"{Name} takes a policy ({string.Join(", ", BotPolicies.Names)}), not a number"
                : BotPolicies.IsKnown(value.Text) ? null : $"{Name}: {BotPolicies.UnknownMessage(value.Text)}";
        }

        if (value.Text is not null)
        {
            return $"{Name} takes a number, got '{value.Text}'";
        }

        var problem = Field == Temperature ? BotPolicies.CheckTemperature(value.Value) : BotPolicies.CheckRiskAppetite(value.Value);
        return problem is null ? null : $"{Name}: {problem}";
    }

    /// <summary>The value as a bot setting, for the policies of one point.</summary>
    public BotSetting Setting(ParameterValue value) => Field switch
    {
        Policy => new BotSetting(Actor, value.Text, Location: value.Location),
        Temperature => new BotSetting(Actor, null, Temperature: value.Value, Location: value.Location),
        _ => new BotSetting(Actor, null, RiskAppetite: value.Value, Location: value.Location),
    };

    /// <summary>
    /// The value a run used when a point does not set this one: the seat's policy, or its doctrine's value after
    /// the overrides. For <c>all</c>, the value every seat shares, or empty (NaN) if the seats differ.
    /// </summary>
    public object Effective(ImmutableArray<ActorPolicy> policies, WorldState world)
    {
        var seats = policies.Where(p => Actor == BotPolicies.All || p.Actor == Actor).ToList();
        if (IsPolicy)
        {
            var names = seats.Select(p => p.Policy).Distinct().ToList();
            return names.Count == 1 ? names[0] : "";
        }

        var values = seats.Select(p => Field == Temperature
            ? p.Temperature ?? world.Actor(p.Actor).Doctrine.Temperature
            : p.RiskAppetite ?? world.Actor(p.Actor).Doctrine.RiskAppetite).Distinct().ToList();
        return values.Count == 1 ? values[0] : double.NaN;
    }
}
