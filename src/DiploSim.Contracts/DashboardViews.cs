using System.Collections.Immutable;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Contracts;

/// <summary>Reads the dashboard's ledger and the network of relations from Core's world state.</summary>
public static class DashboardViews
{
    /// <summary>Trade below this (USD bn/yr) is left out of the sector lines and the network's edges.</summary>
    public const double TradeFloor = 0.05;

    /// <summary>Arms shares below this are left out of the supplier list.</summary>
    public const double ShareFloor = 0.005;

    /// <summary>A seat's view of its country: indicators, relations with every other actor and the proposals that involve it.</summary>
    public static CountryView View(WorldState w, string country, bool botPlaying, ImmutableArray<MoveOrder> draft)
    {
        ArgumentNullException.ThrowIfNull(w);
        var a = w.Actor(country);
        return new CountryView(
            country,
            a.Name,
            w.Turn,
            w.Date,
            a.Gdp,
            a.Growth,
            a.Stability,
            a.Capital,
            a.Scores.Utility,
            botPlaying,
            [.. w.Actors.Where(o => o.Id != country).Select(o => new RelationView(
                o.Id,
                w.Relation(country, o.Id).Trust,
                w.Relation(o.Id, country).Trust,
                w.Relation(country, o.Id).TotalExports,
                w.Relation(o.Id, country).TotalExports,
                w.Relation(country, o.Id).Tariffs,
                w.Relation(o.Id, country).Tariffs))],
            [.. w.Proposals.Where(p => p.Parties.Contains(country)).OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => new ProposalView(
                p.Id, p.Proposer, p.Kind.ToString(), p.Parties, MoveMapping.Terms(p.Terms), p.Turn, p.AcceptedBy))],
            draft,
            Announced(w));
    }

    /// <summary>
    /// The tariffs announced and not yet in force, soonest first: every pending announcement of the world (at most one
    /// per importer, exporter and goods), none once it has landed, been withdrawn or been replaced.
    /// </summary>
    public static ImmutableArray<AnnouncedTariff> Announced(WorldState w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return w.TariffAnnouncements.IsDefaultOrEmpty
            ? []
            : [.. w.TariffAnnouncements.Where(t => t.Pending)
                .OrderBy(t => t.EffectiveTurn).ThenBy(t => t.Importer, StringComparer.Ordinal).ThenBy(t => t.Exporter, StringComparer.Ordinal).ThenBy(t => t.Sector)
                .Select(t => new AnnouncedTariff(t.Importer, t.Exporter, t.Sector?.ToString(), t.Rate, t.EffectiveTurn))];
    }

    public static CountryLedger Ledger(WorldState w, string country)
    {
        ArgumentNullException.ThrowIfNull(w);
        var a = w.IndexOf(country);
        if (a < 0)
        {
            throw new ArgumentException($"unknown actor '{country}'", nameof(country));
        }

        var actor = w.Actors[a];
        var sectors = Enum.GetValues<Sector>();
        var trade = ImmutableArray.CreateBuilder<TradeLine>();
        var arms = new List<ArmsSupplier>();
        var crude = ImmutableArray.CreateBuilder<CrudePurchase>();
        for (var b = 0; b < w.Count; b++)
        {
            if (b == a)
            {
                continue;
            }

            var outward = w.Relation(a, b);
            var inward = w.Relation(b, a);
            foreach (var s in sectors)
            {
                var exports = outward.Exports[(int)s];
                var imports = inward.Exports[(int)s];
                if (exports + imports >= TradeFloor)
                {
                    trade.Add(new TradeLine(w.Actors[b].Id, s.ToString(), exports, imports));
                }
            }

            if (outward.ArmsShare >= ShareFloor)
            {
                arms.Add(new ArmsSupplier(w.Actors[b].Id, outward.ArmsShare));
            }

            if (outward.Crude is { } deal)
            {
                crude.Add(new CrudePurchase(w.Actors[b].Id, deal.VolumeMbd, deal.Discount));
            }
        }

        var energy = new EnergyAccount(
            actor.Economy.EnergyBill,
            actor.Gdp > 0 ? actor.Economy.EnergyBill / actor.Gdp : 0,
            actor.NetOilImports,
            w.Global.OilPrice,
            actor.PriceCapMember,
            crude.ToImmutable());

        return new CountryLedger(
            country,
            w.Turn,
            trade.ToImmutable(),
            energy,
            [.. arms.OrderByDescending(x => x.Share).ThenBy(x => x.Supplier, StringComparer.Ordinal)],
            [.. w.Deliveries.Where(d => d.Buyer == country || d.Seller == country).OrderBy(d => d.DueTurn).ThenBy(d => d.Id, StringComparer.Ordinal)
                .Select(d => new DeliveryView(d.Id, d.Buyer, d.Seller, d.System, d.Value, d.DueTurn, d.Status.ToString()))],
            [.. w.Agreements.Where(g => g.Parties.Contains(country)).OrderBy(g => g.SignedTurn).ThenBy(g => g.Id, StringComparer.Ordinal)
                .Select(g => new AgreementView(g.Id, g.Kind.ToString(), g.Parties, MoveMapping.Terms(g.Terms), g.SignedTurn, g.Status.ToString(), g.Progress, g.Breaches, g.LastBreachedBy, g.InBreach))]);
    }

    public static RelationsMap Network(WorldState w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var links = ImmutableArray.CreateBuilder<RelationLink>();
        for (var a = 0; a < w.Count; a++)
        {
            for (var b = a + 1; b < w.Count; b++)
            {
                var ab = w.Relation(a, b);
                var ba = w.Relation(b, a);
                links.Add(new RelationLink(w.Actors[a].Id, w.Actors[b].Id, ab.Trust, ba.Trust, ab.TotalExports + ba.TotalExports, ab.Tariffs, ba.Tariffs));
            }
        }

        return new RelationsMap(w.Turn, [.. w.Actors.Select(x => new ActorNode(x.Id, x.Name, x.Gdp))], links.ToImmutable(), Announced(w));
    }
}
