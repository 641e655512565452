using System.Collections.Immutable;
using DiploSim.Core.State;

namespace DiploSim.Batch;

/// <summary>A metric resolved against a world: its column name and how to read it from the state after a turn.</summary>
public sealed record Metric(string Name, Func<WorldState, double> Read);

/// <summary>
/// The metrics a batch can record. An actor metric written bare (<c>gdp</c>) means every actor
/// (<c>gdp_CHN</c>, <c>gdp_EU</c>, …); with an actor id (<c>gdp_IND</c>) just that one. <c>trade</c> means
/// every pair's bilateral trade, <c>trade_IND_RUS</c> one pair. Global metrics: <c>oil_price</c>,
/// <c>oil_supply</c>, <c>tension</c>, <c>dollar_share</c>.
/// </summary>
public static class MetricCatalog
{
    private static readonly ImmutableSortedDictionary<string, Func<ActorState, double>> ActorMetrics =
        new Dictionary<string, Func<ActorState, double>>
        {
            ["gdp"] = a => a.Gdp,
            ["growth"] = a => a.Growth,
            ["stability"] = a => a.Stability,
            ["utility"] = a => a.Scores.Utility,
            ["prosperity"] = a => a.Scores.Prosperity,
            ["security"] = a => a.Scores.Security,
            ["energy_security"] = a => a.Scores.EnergySecurity,
            ["autonomy"] = a => a.Scores.Autonomy,
            ["influence"] = a => a.Scores.Influence,
            ["goals"] = a => a.Scores.Goals,
            ["capital"] = a => a.Capital,
            ["military"] = a => a.MilitaryCapability,
            ["exports"] = a => a.Economy.Exports,
            ["imports"] = a => a.Economy.Imports,
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private static readonly ImmutableSortedDictionary<string, Func<GlobalState, double>> GlobalMetrics =
        new Dictionary<string, Func<GlobalState, double>>
        {
            ["oil_price"] = g => g.OilPrice,
            ["oil_supply"] = g => g.OilSupply,
            ["tension"] = g => g.Tension,
            ["dollar_share"] = g => g.DollarShare,
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private const string Trade = "trade";

    /// <summary>What is recorded when an experiment names no metrics.</summary>
    public static ImmutableArray<string> Defaults { get; } =
        ["gdp", "growth", "stability", "utility", "oil_price", "tension", "dollar_share", Trade];

    /// <summary>What is plotted when an experiment names no plots (those of them that are recorded).</summary>
    public static ImmutableArray<string> DefaultPlots { get; } = ["oil_price", "tension", "growth", "utility"];

    /// <summary>Score components recorded per run for every actor, as <c>score_utility_IND</c> and so on.</summary>
    public static ImmutableArray<string> ScoreComponents { get; } =
        ["prosperity", "security", "energy_security", "autonomy", "influence", "goals", "utility"];

    /// <summary>Whether a name has the form of a metric, before the actors are known.</summary>
    public static bool IsKnownForm(string name) =>
        GlobalMetrics.ContainsKey(name) || ActorMetrics.ContainsKey(name) || name == Trade
        || name.StartsWith(Trade + "_", StringComparison.Ordinal)
        || ActorMetrics.Keys.Any(k => name.StartsWith(k + "_", StringComparison.Ordinal));

    public static string UnknownMessage(string name) =>
        $"unknown metric '{name}'; expected one of: {string.Join(", ", GlobalMetrics.Keys)}, "
        + $"an actor metric ({string.Join(", ", ActorMetrics.Keys)}) alone or as e.g. gdp_IND, or trade / trade_IND_RUS";

    /// <summary>Resolves requested metrics against a world's actors, in the order asked, without duplicates.</summary>
    public static (ImmutableArray<Metric> Metrics, IReadOnlyList<BatchError> Errors) Resolve(IEnumerable<MetricRequest> requests, WorldState world)
    {
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
            if (GlobalMetrics.TryGetValue(name, out var global))
            {
                Add(new Metric(name, s => global(s.Global)));
            }
            else if (ActorMetrics.TryGetValue(name, out var read))
            {
                foreach (var id in ids)
                {
                    Add(ActorMetric(name, id, read));
                }
            }
            else if (name == Trade)
            {
                for (var i = 0; i < ids.Length; i++)
                {
                    for (var j = i + 1; j < ids.Length; j++)
                    {
                        Add(TradeMetric(ids[i], ids[j]));
                    }
                }
            }
            else if (Pair(name, ids) is { } pair)
            {
                Add(TradeMetric(pair.A, pair.B));
            }
            else if (ActorMetrics.Keys.Where(k => name.StartsWith(k + "_", StringComparison.Ordinal)).OrderByDescending(k => k.Length).FirstOrDefault() is { } kind
                && ids.Contains(name[(kind.Length + 1)..], StringComparer.Ordinal))
            {
                Add(ActorMetric(kind, name[(kind.Length + 1)..], ActorMetrics[kind]));
            }
            else
            {
                errors.Add(new BatchError(request.Location, IsKnownForm(name)
                    ? $"metric '{name}' names an actor or pair this scenario does not have; actors: {string.Join(", ", ids)}"
                    : UnknownMessage(name)));
            }
        }

        return ([.. metrics], errors);
    }

    private static (string A, string B)? Pair(string name, string[] ids)
    {
        if (!name.StartsWith(Trade + "_", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = name[(Trade.Length + 1)..];
        foreach (var a in ids)
        {
            if (rest.StartsWith(a + "_", StringComparison.Ordinal) && ids.Contains(rest[(a.Length + 1)..], StringComparer.Ordinal) && rest[(a.Length + 1)..] != a)
            {
                return (a, rest[(a.Length + 1)..]);
            }
        }

        return null;
    }

    private static Metric ActorMetric(string kind, string id, Func<ActorState, double> read) =>
        new($"{kind}_{id}", s => read(s.Actor(id)));

    private static Metric TradeMetric(string a, string b) => new($"trade_{a}_{b}", s => s.BilateralTrade(a, b));
}
