using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>Phase 10: news for every material change, the indicators that moved, the scores and the state hash.</summary>
internal static class NewsPhase
{
    public static TurnOutcome Compose(WorldState before, WorldState after, TurnJournal journal, ResolveOptions options)
    {
        var changes = ImmutableArray.CreateBuilder<IndicatorChange>();
        if (options.WriteNews)
        {
            Indicators(before, after, changes, journal);
        }

        var scores = after.Actors.Select(a => new ActorScore(a.Id, a.Scores)).ToImmutableArray();
        var hash = options.ComputeHash ? StateHash.Compute(after) : string.Empty;
        return new TurnOutcome(
            before.Turn,
            before.Date,
            [.. journal.MoveResults],
            [.. journal.Shocks],
            [.. journal.News],
            changes.ToImmutable(),
            scores,
            hash,
            [.. journal.Signed],
            [.. journal.Breaches]);
    }

    private static void Indicators(WorldState before, WorldState after, ImmutableArray<IndicatorChange>.Builder changes, TurnJournal journal)
    {
        void Add(string subject, string indicator, double x, double y, double epsilon)
        {
            if (Math.Abs(y - x) > epsilon)
            {
                changes.Add(new IndicatorChange(subject, indicator, x, y));
            }
        }

        Add("world", "oilPrice", before.Global.OilPrice, after.Global.OilPrice, 1e-6);
        Add("world", "tension", before.Global.Tension, after.Global.Tension, 1e-6);
        Add("world", "dollarShare", before.Global.DollarShare, after.Global.DollarShare, 1e-9);
        for (var i = 0; i < after.Count; i++)
        {
            var (x, y) = (before.Actors[i], after.Actors[i]);
            Add(y.Id, "gdp", x.Gdp, y.Gdp, 1e-6);
            Add(y.Id, "growth", x.Growth, y.Growth, 1e-9);
            Add(y.Id, "stability", x.Stability, y.Stability, 1e-6);
            Add(y.Id, "militaryCapability", x.MilitaryCapability, y.MilitaryCapability, 1e-6);
            Add(y.Id, "energyBill", x.Economy.EnergyBill, y.Economy.EnergyBill, 1e-6);
            Add(y.Id, "capital", x.Capital, y.Capital, 0);
            Add(y.Id, "utility", x.Scores.Utility, y.Scores.Utility, 1e-6);
            for (var j = 0; j < after.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                Add($"{y.Id}->{after.Actors[j].Id}", "trust", before.Relation(i, j).Trust, after.Relation(i, j).Trust, 0.05);
                if (i < j)
                {
                    var t0 = before.Relation(i, j).TotalExports + before.Relation(j, i).TotalExports;
                    var t1 = after.Relation(i, j).TotalExports + after.Relation(j, i).TotalExports;
                    Add($"{y.Id}-{after.Actors[j].Id}", "trade", t0, t1, 1e-6);
                    if (t0 > 1 && Math.Abs((t1 / t0) - 1) >= 0.1)
                    {
                        journal.Report(
                            "trade",
                            string.Create(CultureInfo.InvariantCulture, $"{y.Id}–{after.Actors[j].Id} trade {(t1 > t0 ? "surges" : "slumps")} {Math.Abs((t1 / t0) - 1) * 100:0}%"),
                            string.Create(CultureInfo.InvariantCulture, $"Two-way trade moves from ${t0:0.#}bn to ${t1:0.#}bn a year as tariffs, sanctions and deals take effect."),
                            y.Id,
                            after.Actors[j].Id);
                    }
                }
            }
        }
    }
}
