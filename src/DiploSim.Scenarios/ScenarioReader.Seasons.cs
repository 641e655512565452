using System.Globalization;
using DiploSim.Core;
using DiploSim.Core.Worlds;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>Seasons: the share of a year's flow of a sector, or of one pair's, that each quarter ships.</summary>
internal sealed partial class ScenarioReader
{
    private void ReadSeason(Fields f, WorldBuilder builder, HashSet<(Sector, string, string)> seen)
    {
        const string what = "a season";
        var sector = Vocabulary.Parse<Sector>(f.Require("sector", what, "a sector"), _d, "sector");
        (string From, string To)? pair = null;
        var paired = f.Has("from") || f.Has("to");
        if (paired)
        {
            if (!f.Has("from") || !f.Has("to"))
            {
                _d.Add(f.KeyNode(f.Has("from") ? "from" : "to")!, "a season names one side of a flow", f.Has("from") ? "'from' without 'to'" : "'to' without 'from'",
                    "both 'from' and 'to' (one flow), or neither (every flow of the sector)");
                paired = false;
            }
            else
            {
                pair = Pair(f, "from", "to", what);
            }
        }

        var shares = ReadShares(f.Require("shares", what, "four shares of the year, Q1 to Q4, summing to 1"));
        if (sector is not { } s || shares is null || (paired && pair is null))
        {
            return;
        }

        var key = (s, pair?.From ?? "", pair?.To ?? "");
        if (!seen.Add(key))
        {
            _d.Add(f.Get("sector")!, "duplicate season", pair is var (a, b) ? $"{Vocabulary.Name(s)} from {a} to {b}" : $"{Vocabulary.Name(s)} of every pair",
                "one season for a sector, and one for each of its flows");
            return;
        }

        builder.Season(s, shares, pair?.From, pair?.To);
    }

    /// <summary>Four numbers of at least <see cref="WorldBuilder.SeasonShareAtLeast"/> summing to 1 (within <see cref="WorldBuilder.SeasonSumTolerance"/>).</summary>
    private double[]? ReadShares(YamlNode? node)
    {
        if (node is null || Fields.AsList(node, _d, "'shares' of a season") is not { } items)
        {
            return null;
        }

        if (items.Count != 4)
        {
            _d.Add(node, "a season has the wrong number of shares", string.Create(CultureInfo.InvariantCulture, $"{items.Count}"), "four shares, Q1 to Q4");
            return null;
        }

        var shares = new double[4];
        var ok = true;
        for (var q = 0; q < 4; q++)
        {
            var share = Fields.AsNumber(items[q], _d, string.Create(CultureInfo.InvariantCulture, $"the Q{q + 1} share of a season"), min: 0, max: 1);
            if (share is not { } x)
            {
                ok = false;
            }
            else if (x < WorldBuilder.SeasonShareAtLeast)
            {
                _d.Add(items[q], string.Create(CultureInfo.InvariantCulture, $"the Q{q + 1} share of a season is below {WorldBuilder.SeasonShareAtLeast}"),
                    x.ToString(CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"a share of at least {WorldBuilder.SeasonShareAtLeast} (a quarter that ships nothing has no yearly rate to come back to)"));
                ok = false;
            }
            else
            {
                shares[q] = x;
            }
        }

        if (ok && Math.Abs(shares.Sum() - 1) > WorldBuilder.SeasonSumTolerance)
        {
            _d.Add(node, "a season's shares do not sum to 1", shares.Sum().ToString("0.####", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"four shares summing to 1 (within {WorldBuilder.SeasonSumTolerance})"));
            ok = false;
        }

        return ok ? shares : null;
    }
}
