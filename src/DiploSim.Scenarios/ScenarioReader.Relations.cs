using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Core.Worlds;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>The directed relations: trade, tariffs, sanctions, trust and settlement.</summary>
internal sealed partial class ScenarioReader
{
    private void ReadTrade(Fields f, WorldBuilder builder)
    {
        const string what = "a trade flow";
        var pair = Pair(f, "from", "to", what);
        if (f.Require("exports", what, "a mapping of sector to USD bn per year") is not { } node
            || Fields.Open(node, _d, "the exports of a trade flow", Vocabulary.Names<Sector>().ToArray()) is not { } exports)
        {
            return;
        }

        foreach (var sector in Domain.Sectors)
        {
            var value = exports.Number(sector.Name(), "a trade flow's exports", min: 0, max: WorldLimits.Flow);
            if (pair is var (a, b) && value is { } v)
            {
                builder.Exports(a, b, sector, v);
            }
        }

        // A negative flow is reported by the range check above; say so plainly too.
    }

    private ImmutableArray<T?>? EnumOneOrMany<T>(Fields f, string one, string many, string what) where T : struct, Enum
    {
        if (f.Has(one) && f.Has(many))
        {
            _d.Add(f.Get(many)!, $"{what} names both '{one}' and '{many}'", "both", "one of them");
            return null;
        }

        if (f.Get(one) is { } single)
        {
            return Vocabulary.Parse<T>(single, _d, one) is { } v ? [v] : null;
        }

        if (f.Get(many) is { } list && Fields.AsList(list, _d, $"'{many}' of {what}") is { } items)
        {
            var values = items.Select(i => Vocabulary.Parse<T>(i, _d, one)).ToArray();
            return values.Any(v => v is null) ? null : [.. values];
        }

        return [null];
    }

    private void ReadTariff(Fields f, WorldBuilder builder)
    {
        const string what = "a tariff";
        var pair = Pair(f, "importer", "exporter", what);
        var sectors = EnumOneOrMany<Sector>(f, "sector", "sectors", what);
        var rate = f.Number("rate", what, required: true, min: 0, max: 2);
        var measured = f.Number("flowsMeasuredAt", what, min: 0, max: 2);
        if (pair is var (a, b) && sectors is { } ss && rate is { } r)
        {
            foreach (var s in ss)
            {
                builder.Tariff(a, b, s, r, measured);
            }
        }
    }

    private void ReadSanction(Fields f, WorldBuilder builder)
    {
        const string what = "a sanction";
        var pair = Pair(f, "imposer", "target", what);
        var domains = f.Has("domain") || f.Has("domains") ? EnumOneOrMany<SanctionDomain>(f, "domain", "domains", what) : null;
        if (!f.Has("domain") && !f.Has("domains"))
        {
            f.Require("domain", what, $"one of {string.Join(", ", Vocabulary.Names<SanctionDomain>())}");
        }

        var level = Vocabulary.Parse<SanctionLevel>(f.Require("level", what, "a sanction level"), _d, "sanction level");
        if (pair is var (a, b) && domains is { } ds && level is { } l)
        {
            foreach (var d in ds)
            {
                builder.Sanction(a, b, d!.Value, l);
            }
        }
    }

    private void ReadTrust(Fields f, WorldBuilder builder)
    {
        const string what = "a trust figure";
        var pair = Pair(f, "from", "to", what);
        var value = f.Number("value", what, required: true, min: -100, max: 100);
        var back = f.Number("back", what, min: -100, max: 100);
        if (pair is var (a, b) && value is { } v)
        {
            builder.Trust(a, b, v);
            if (back is { } bv)
            {
                builder.Trust(b, a, bv);
            }
        }
    }

    private void ReadSettlement(Fields f, WorldBuilder builder)
    {
        const string what = "a settlement mix";
        var share = f.Number("usdShare", what, required: true, min: 0, max: 1);
        if (Actors(f, "between", what, 2) is not { } pair || share is not { } s)
        {
            return;
        }

        if (pair.Length != 2)
        {
            _d.Add(f.Get("between")!, $"'between' of {what} names the wrong number of actors", pair.Length.ToString(CultureInfo.InvariantCulture), "exactly two");
            return;
        }

        builder.Settlement(pair[0], pair[1], s);
    }
}
