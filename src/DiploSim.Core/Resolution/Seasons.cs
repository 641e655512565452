using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>
/// Seasons (<see cref="FlowSeason"/>): a flow with a season ships its yearly rate times its quarter's multiplier. The
/// trade phase takes the last quarter's multiplier off before trade adjusts, so tariffs, sanctions and the adjustment
/// move the yearly rate as in a world without seasons, and puts this quarter's on after a purchase halt has taken its
/// share, so the halt withholds its share of what the quarter ships. A world at turn 0 holds yearly rates.
/// </summary>
internal static class Seasons
{
    /// <summary>Before trade adjusts: each flow with a season back to its yearly rate.</summary>
    public static void Remove(WorldDraft draft)
    {
        if (draft.Turn > 0 && Quarter(draft, draft.Turn - 1) is { } quarter)
        {
            Scale(draft, quarter, divide: true);
        }
    }

    /// <summary>After trade adjusts and halts hold: each flow with a season at what this turn's quarter ships.</summary>
    public static void Apply(WorldDraft draft)
    {
        if (Quarter(draft, draft.Turn) is { } quarter)
        {
            Scale(draft, quarter, divide: false);
        }
    }

    /// <summary>The calendar quarter (1–4) whose flows resolving <paramref name="turn"/> gives; null without seasons or quarters.</summary>
    private static int? Quarter(WorldDraft draft, int turn) =>
        draft.Global.Seasons.IsDefaultOrEmpty || draft.Source.TurnsPerYear != 4 ? null : ((draft.Source.StartQuarter - 1 + turn) % 4) + 1;

    private static void Scale(WorldDraft draft, int quarter, bool divide)
    {
        for (var a = 0; a < draft.N; a++)
        {
            for (var b = 0; b < draft.N; b++)
            {
                if (a == b)
                {
                    continue;
                }

                var r = draft.Rel(a, b);
                var exports = r.Exports;
                for (var s = 0; s < Domain.SectorCount; s++)
                {
                    if (Of(draft.Global.Seasons, draft.Actors[a].Id, draft.Actors[b].Id, (Sector)s) is { } season)
                    {
                        var m = season.Multiplier(quarter);
                        exports = exports.SetItem(s, divide ? exports[s] / m : exports[s] * m);
                    }
                }

                if (exports != r.Exports)
                {
                    draft.SetRel(a, b, r with { Exports = exports });
                }
            }
        }
    }

    /// <summary>The season of a flow: the pair's own for the sector, or else the sector's, or none.</summary>
    private static FlowSeason? Of(System.Collections.Immutable.ImmutableArray<FlowSeason> seasons, string exporter, string importer, Sector sector)
    {
        FlowSeason? all = null;
        foreach (var season in seasons)
        {
            if (season.Sector != sector)
            {
                continue;
            }

            if (season.Exporter is null)
            {
                all = season;
            }
            else if (season.Exporter == exporter && season.Importer == importer)
            {
                return season;
            }
        }

        return all;
    }
}
