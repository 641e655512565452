using System.Collections.Immutable;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Batch;

/// <summary>A metric resolved against a world: its column name, how to read it from the state after a turn, and its unit (for axes and docs).</summary>
public sealed record Metric(string Name, Func<WorldState, double> Read, string Unit = "");

/// <summary>
/// The metrics a batch can record, an open catalogue over the whole state: every actor's indicators and scores,
/// the world's indicators, and for any pair of actors their trade, directional and sector flows, trust, tariffs,
/// sanctions, discounted crude and agreements in force. A kind written bare (<c>gdp</c>, <c>trust</c>) means every
/// actor or every pair; with ids (<c>gdp_IND</c>, <c>trust_IND_USA</c>, <c>exports_IND_USA_pharma</c>) just one.
/// The world indicators are written as in the tables (<c>oil_price</c>); the scenario triggers' spelling
/// (<c>oilPrice</c>) names the same metric.
/// </summary>
public static class MetricCatalog
{
    private sealed record ActorKind(Func<ActorState, double> Read, string Unit);

    private sealed record GlobalKind(Func<WorldState, double> Read, string Unit, string TriggerName);

    /// <summary>A metric of a directed pair, optionally of one sector or sanction domain (its <c>Part</c>).</summary>
    private sealed record PairKind(Func<WorldState, string, string, int?, double> Read, string Unit, ImmutableArray<string> Parts, bool PartRequired, bool Symmetric);

    private static readonly ImmutableSortedDictionary<string, ActorKind> ActorMetrics =
        new Dictionary<string, ActorKind>
        {
            ["gdp"] = new(a => a.Gdp, "USD bn/yr"),
            ["growth"] = new(a => a.Growth, "annualised, fraction"),
            ["stability"] = new(a => a.Stability, "0–100"),
            ["utility"] = new(a => a.Scores.Utility, "score, 0–100"),
            ["prosperity"] = new(a => a.Scores.Prosperity, "score, 0–100"),
            ["security"] = new(a => a.Scores.Security, "score, 0–100"),
            ["energy_security"] = new(a => a.Scores.EnergySecurity, "score, 0–100"),
            ["autonomy"] = new(a => a.Scores.Autonomy, "score, 0–100"),
            ["influence"] = new(a => a.Scores.Influence, "score, 0–100"),
            ["goals"] = new(a => a.Scores.Goals, "score, 0–100"),
            ["capital"] = new(a => a.Capital, "political capital"),
            ["military"] = new(a => a.MilitaryCapability, "index, 0–100"),
            ["exports"] = new(a => a.Economy.Exports, "USD bn/yr"),
            ["imports"] = new(a => a.Economy.Imports, "USD bn/yr"),
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private static readonly ImmutableSortedDictionary<string, GlobalKind> GlobalMetrics =
        new Dictionary<string, GlobalKind>
        {
            ["oil_price"] = new(s => s.Global.OilPrice, "USD/bbl", "oilPrice"),
            ["oil_supply"] = new(s => s.Global.OilSupply, "mb/d", "oilSupply"),
            ["tension"] = new(s => s.Global.Tension, "0–100", "tension"),
            ["dollar_share"] = new(s => s.Global.DollarShare, "share of settlement, 0–1", "dollarShare"),
            ["agreements"] = new(s => s.Agreements.Count(a => a.InForce), "agreements in force", "agreements"),
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private static readonly ImmutableArray<string> Sectors = [.. Enum.GetNames<Sector>().Select(n => n.ToLowerInvariant())];

    private static readonly ImmutableArray<string> Domains = [.. Enum.GetNames<SanctionDomain>().Select(n => n.ToLowerInvariant())];

    private const string Trade = "trade";

    private static readonly ImmutableSortedDictionary<string, PairKind> PairMetrics =
        new Dictionary<string, PairKind>
        {
            [Trade] = new((s, a, b, sector) => Flow(s, a, b, sector) + Flow(s, b, a, sector), "USD bn/yr", Sectors, false, true),
            ["exports"] = new(Flow, "USD bn/yr", Sectors, false, false),
            ["imports"] = new((s, a, b, sector) => Flow(s, b, a, sector), "USD bn/yr", Sectors, false, false),
            ["trust"] = new((s, a, b, _) => s.Relation(a, b).Trust, "trust, −100..100", [], false, false),
            ["tariff"] = new(Tariff, "tariff rate (0.25 = 25%)", Sectors, false, false),
            ["sanction"] = new((s, a, b, domain) => (int)s.Relation(a, b).Sanctions[domain!.Value], "sanction level, 0–3", Domains, true, false),
            ["crude"] = new((s, a, b, _) => s.Relation(a, b).Crude?.VolumeMbd ?? 0, "discounted crude, mb/d", [], false, false),
            ["agreements"] = new((s, a, b, _) => s.Agreements.Count(x => x.Binds(a, b)), "agreements in force", [], false, true),
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>What is recorded when an experiment names no metrics.</summary>
    public static ImmutableArray<string> Defaults { get; } =
        ["gdp", "growth", "stability", "utility", "oil_price", "tension", "dollar_share", Trade];

    /// <summary>What is plotted when an experiment names no plots (those of them that are recorded).</summary>
    public static ImmutableArray<string> DefaultPlots { get; } = ["oil_price", "tension", "growth", "utility"];

    /// <summary>Score components recorded per run for every actor, as <c>score_utility_IND</c> and so on.</summary>
    public static ImmutableArray<string> ScoreComponents { get; } =
        ["prosperity", "security", "energy_security", "autonomy", "influence", "goals", "utility"];

    /// <summary>The catalogue's kinds with their units, for docs and help: actor, world and pair metrics.</summary>
    public static IEnumerable<(string Kind, string Per, string Unit)> Kinds =>
        ActorMetrics.Select(k => (k.Key, "actor", k.Value.Unit))
            .Concat(GlobalMetrics.Select(k => (k.Key, "world", k.Value.Unit)))
            .Concat(PairMetrics.Select(k => (k.Key, "pair", k.Value.Unit)));

    /// <summary>Whether a name has the form of a metric, before the actors are known.</summary>
    public static bool IsKnownForm(string name) =>
        Global(name) is not null || ActorMetrics.ContainsKey(name) || PairMetrics.ContainsKey(name)
        || ActorMetrics.Keys.Concat(PairMetrics.Keys).Any(k => name.StartsWith(k + "_", StringComparison.Ordinal));

    public static string UnknownMessage(string name) =>
        $"unknown metric '{name}'; expected one of: {string.Join(", ", GlobalMetrics.Keys)}, "
        + $"an actor metric ({string.Join(", ", ActorMetrics.Keys)}) alone or as e.g. gdp_IND, "
        + $"or a pair metric ({string.Join(", ", PairMetrics.Keys)}) alone or as e.g. trade_IND_RUS, exports_IND_USA_pharma, sanction_USA_RUS_finance";

    /// <summary>Resolves requested metrics against a world's actors, in the order asked, without duplicates.</summary>
    public static (ImmutableArray<Metric> Metrics, IReadOnlyList<BatchError> Errors) Resolve(IEnumerable<MetricRequest> requests, WorldState world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var ids = world.Actors.Select(a => a.Id).ToArray();
        var metrics = new List<Metric>();
        var errors = new List<BatchError>();
        void Add(Metric m)
        {
            if (!metrics.Any(x => x.Name == m.Name))
            {
                metrics.Add(m);
            }
        }

        foreach (var request in requests)
        {
            var name = request.Name;
            if (Global(name) is { } global)
            {
                Add(new Metric(global.Key, global.Value.Read, global.Value.Unit));
            }
            else if (ActorMetrics.TryGetValue(name, out var actorKind))
            {
                foreach (var id in ids)
                {
                    Add(ActorMetric(name, id, actorKind));
                }
            }
            else if (PairMetrics.TryGetValue(name, out var pairKind))
            {
                foreach (var (a, b) in Pairs(ids, pairKind.Symmetric))
                {
                    foreach (var part in pairKind.PartRequired ? pairKind.Parts : [null!])
                    {
                        Add(PairMetric(name, pairKind, a, b, part));
                    }
                }
            }
            else if (ActorMetrics.Keys.Where(k => name.StartsWith(k + "_", StringComparison.Ordinal)).OrderByDescending(k => k.Length)
                         .FirstOrDefault(k => ids.Contains(name[(k.Length + 1)..], StringComparer.Ordinal)) is { } kind)
            {
                Add(ActorMetric(kind, name[(kind.Length + 1)..], ActorMetrics[kind]));
            }
            else if (Pair(name, ids) is { } pair)
            {
                Add(PairMetric(pair.Kind, PairMetrics[pair.Kind], pair.A, pair.B, pair.Part));
            }
            else
            {
                errors.Add(new BatchError(request.Location, IsKnownForm(name)
                    ? $"metric '{name}' names an actor, pair, sector or sanction domain this scenario does not have; actors: {string.Join(", ", ids)}; "
                      + $"sectors: {string.Join(", ", Sectors)}; domains (for sanction, required): {string.Join(", ", Domains)}"
                    : UnknownMessage(name)));
            }
        }

        return ([.. metrics], errors);
    }

    /// <summary>Whether a name is a world metric, in the tables' spelling (<c>oil_price</c>) or the triggers' (<c>oilPrice</c>).</summary>
    public static bool IsWorldMetric(string name) => Global(name) is not null;

    /// <summary>A world metric by its table name (<c>oil_price</c>) or its trigger name (<c>oilPrice</c>).</summary>
    private static KeyValuePair<string, GlobalKind>? Global(string name) =>
        GlobalMetrics.FirstOrDefault(g => g.Key == name || g.Value.TriggerName == name) is { Key: not null } found ? found : null;

    /// <summary><c>KIND_A_B</c> or <c>KIND_A_B_PART</c> for a pair kind, two different actors and (where the kind takes one) a sector or domain.</summary>
    private static (string Kind, string A, string B, string? Part)? Pair(string name, string[] ids)
    {
        foreach (var (kind, pairKind) in PairMetrics.OrderByDescending(k => k.Key.Length))
        {
            if (!name.StartsWith(kind + "_", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = name[(kind.Length + 1)..];
            foreach (var a in ids.Where(a => rest.StartsWith(a + "_", StringComparison.Ordinal)))
            {
                var tail = rest[(a.Length + 1)..];
                foreach (var b in ids.Where(b => b != a && (tail == b || tail.StartsWith(b + "_", StringComparison.Ordinal))))
                {
                    var part = tail == b ? null : tail[(b.Length + 1)..];
                    if ((part is null && !pairKind.PartRequired) || (part is not null && pairKind.Parts.Contains(part)))
                    {
                        return (kind, a, b, part);
                    }
                }
            }
        }

        return null;
    }

    private static IEnumerable<(string A, string B)> Pairs(string[] ids, bool symmetric)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            for (var j = symmetric ? i + 1 : 0; j < ids.Length; j++)
            {
                if (i != j)
                {
                    yield return (ids[i], ids[j]);
                }
            }
        }
    }

    private static Metric ActorMetric(string kind, string id, ActorKind metric) =>
        new($"{kind}_{id}", s => metric.Read(s.Actor(id)), metric.Unit);

    private static Metric PairMetric(string kind, PairKind metric, string a, string b, string? part)
    {
        var index = part is null ? (int?)null : metric.Parts.IndexOf(part);
        return new Metric(part is null ? $"{kind}_{a}_{b}" : $"{kind}_{a}_{b}_{part}", s => metric.Read(s, a, b, index), metric.Unit);
    }

    /// <summary>What <paramref name="from"/> sends <paramref name="to"/>, USD bn/yr: all sectors, or one.</summary>
    private static double Flow(WorldState state, string from, string to, int? sector)
    {
        var relation = state.Relation(from, to);
        return sector is { } s ? relation.Exports[s] : relation.TotalExports;
    }

    /// <summary>
    /// The tariff <paramref name="levier"/> levies on goods from <paramref name="on"/>: one sector's rate, or the
    /// average over sectors weighted by what <paramref name="on"/> sends at turn 0 (the plain mean if it sent nothing).
    /// </summary>
    private static double Tariff(WorldState state, string levier, string on, int? sector)
    {
        var tariffs = state.Relation(levier, on).Tariffs;
        if (sector is { } s)
        {
            return tariffs[s];
        }

        var weights = state.Relation(on, levier).Reference.Exports;
        var total = weights.Sum();
        return total > 0 ? tariffs.Select((t, i) => t * weights[i]).Sum() / total : tariffs.Average();
    }
}
