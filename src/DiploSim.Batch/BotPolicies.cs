using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core.State;

namespace DiploSim.Batch;

/// <summary>
/// How the bots play in an experiment, as written: for one actor (its id) or for every seat (<c>all</c>), a
/// policy (<c>doctrine</c> or <c>passive</c>; null keeps the policy set for all) and overrides of the
/// doctrine's temperature and risk appetite (null keeps the scenario's).
/// </summary>
public sealed record BotSetting(string Actor, string? Policy, double? Temperature = null, double? RiskAppetite = null, SourceLocation? Location = null);

/// <summary>The policy one seat follows in every run of a batch.</summary>
/// <param name="Actor">The actor's id.</param>
/// <param name="Policy"><c>doctrine</c> (Core's bot) or <c>passive</c> (no moves at all).</param>
/// <param name="Temperature">The doctrine's temperature for this seat, if overridden.</param>
/// <param name="RiskAppetite">The doctrine's risk appetite for this seat, if overridden.</param>
public sealed record ActorPolicy(string Actor, string Policy, double? Temperature, double? RiskAppetite)
{
    /// <summary>Whether the seat's bot decides moves.</summary>
    public bool Moves => Policy == BotPolicies.Doctrine;

    /// <summary>
    /// The policy as one cell: <c>doctrine</c>, <c>passive</c>, or with overrides
    /// <c>doctrine;temperature=0.5;riskAppetite=0.8</c>.
    /// </summary>
    public string Describe() =>
        Policy
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
            if (setting.Policy is { } p && !IsKnown(p))
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
                policies[id] = new ActorPolicy(id, setting.Policy ?? current.Policy,
                    setting.Temperature ?? current.Temperature, setting.RiskAppetite ?? current.RiskAppetite);
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
