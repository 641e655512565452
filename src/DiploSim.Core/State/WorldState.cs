using System.Collections.Immutable;

namespace DiploSim.Core.State;

/// <summary>State shared by every actor.</summary>
/// <param name="OilPrice">World oil price, USD/bbl.</param>
/// <param name="ReferenceOilPrice">The oil price at turn 0.</param>
/// <param name="OilSupply">World oil supply, mb/d.</param>
/// <param name="ReferenceOilSupply">World oil supply at turn 0, mb/d.</param>
/// <param name="SupplyShock">Supply added (+) or taken off (−) the market by shocks, mb/d, cumulative.</param>
/// <param name="ExpectedSupplyLoss">
/// Supply the market expects to lose but has not lost, mb/d (0 or more): the price is set as if the world had the
/// lower of its supply and its turn-0 supply less this. It fades as the loss does not come.
/// </param>
/// <param name="DemandShock">
/// World oil demand above turn 0 that the market has yet to meet, mb/d: added (+) or taken away (−) by shocks. The
/// price is set as if supply were this much lower; it fades as the rest of the market, producers and demand alike,
/// responds (<see cref="ModelParameters.OilShockHalfLife"/>).
/// </param>
/// <param name="DollarShare">The dollar's share of settlement across all modelled trade.</param>
/// <param name="Tension">Global tension index, 0–100.</param>
/// <param name="ReferenceTension">The tension index the world relaxes towards.</param>
/// <param name="PriceCap">The oil price cap, USD/bbl.</param>
/// <param name="CappedExporters">Exporters whose crude the cap applies to.</param>
/// <param name="ReserveIssuer">The actor that issues the dollar.</param>
/// <param name="Blocs">Blocs and their members, in name order.</param>
public sealed record GlobalState(
    double OilPrice,
    double ReferenceOilPrice,
    double OilSupply,
    double ReferenceOilSupply,
    double SupplyShock,
    double DollarShare,
    double Tension,
    double ReferenceTension,
    double PriceCap,
    ImmutableArray<string> CappedExporters,
    string ReserveIssuer,
    ImmutableArray<Bloc> Blocs,
    double ExpectedSupplyLoss = 0,
    double DemandShock = 0)
{
    // Also written in place, by the turn's draft in a copy it made itself that turn (WorldDraft.SetDollarShare).
    private double _dollarShare = DollarShare;

    /// <summary>The dollar's share of settlement across all modelled trade.</summary>
    public double DollarShare { get => _dollarShare; init => _dollarShare = value; }

    internal void WriteDollarShare(double share) => _dollarShare = share;

    /// <summary>
    /// The routes a connectivity corridor can follow, in name order (<see cref="CorridorRoute"/>). Empty: the world
    /// names none, and a corridor may link any partners, as before model version 11.
    /// </summary>
    public ImmutableArray<CorridorRoute> Routes { get; init; } = [];

    /// <summary>
    /// The seasons of flows that ship unevenly over the year (<see cref="FlowSeason"/>), by sector, then exporter and
    /// importer. Empty: every flow ships its yearly rate every quarter, as before model version 13.
    /// </summary>
    public ImmutableArray<FlowSeason> Seasons { get; init; } = [];

    /// <summary>
    /// How much of the oil market's usual cushion against shocks is missing, from 0 (a normal market) to 1 (no
    /// producer offsets a shock: OPEC's spare capacity spent or held back, stocks low): the price responds to the same
    /// imbalance up to <see cref="ModelParameters.OilTightMarketFactor"/> times as much (model version 14). It is the
    /// tightness this turn's price is set under; the market rebuilds its cushion as it makes up its imbalances, so it
    /// halves every <see cref="ModelParameters.OilShockHalfLife"/> years. 0: the market of version 13.
    /// </summary>
    public double OilTightness { get; init; }
}

/// <summary>
/// A season: the share of a year's flow of <see cref="Sector"/> that each calendar quarter ships, for every pair or for
/// the flow from <see cref="Exporter"/> to <see cref="Importer"/> alone (which then takes precedence). A world's flows are
/// yearly rates that tariffs, sanctions and trade's adjustment move; a quarter with a season ships its rate times four
/// times its share, so the four quarters of a year with nothing happening average the yearly rate. It applies only
/// when a turn is a quarter.
/// </summary>
/// <param name="Sector">The sector whose flows it shapes.</param>
/// <param name="Shares">Shares of the year's flow in Q1, Q2, Q3 and Q4, each from 0.001 to 1, summing to 1 (scaled to 1 exactly).</param>
/// <param name="Exporter">With <paramref name="Importer"/>, the one flow it shapes; null: every flow of the sector.</param>
/// <param name="Importer">The importer of that flow; null with <paramref name="Exporter"/>.</param>
public sealed record FlowSeason(Sector Sector, ImmutableArray<double> Shares, string? Exporter = null, string? Importer = null)
{
    /// <summary>What a quarter (1–4) ships against the yearly rate: four times its share of the year.</summary>
    public double Multiplier(int quarter) => 4 * Shares[quarter - 1] / Shares.Sum();
}

/// <summary>
/// A route a connectivity corridor can follow between its <see cref="Parties"/>, such as the International North–South
/// Transport Corridor between India and Russia: a corridor is a project on a route, and where no route is named
/// (across the Atlantic, say, where ships already sail direct) there is nothing for one to build.
/// </summary>
/// <param name="Name">The route's name, as news and refusals give it.</param>
/// <param name="Parties">The actors the route links, in code order (two or more).</param>
public sealed record CorridorRoute(string Name, ImmutableArray<string> Parties)
{
    /// <summary>Whether the route links every one of <paramref name="parties"/>.</summary>
    public bool Links(ReadOnlySpan<string> parties)
    {
        foreach (var party in parties)
        {
            if (!Parties.Contains(party, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// A purchase halt in force (<see cref="PurchaseHaltEffect"/>): <see cref="Buyer"/> does not buy <see cref="Share"/> of
/// what it would import of <see cref="Sector"/> from <see cref="Seller"/>, through the turn before <see cref="UntilTurn"/>.
/// </summary>
/// <param name="UntilTurn">The first turn in which the halt no longer holds (<see cref="int.MaxValue"/>: until replaced).</param>
/// <param name="Withheld">
/// What the halt kept off the flow in the last turn, USD bn a year: the seller's exports are what trade would give less
/// this, so the flow is back to where trade took it as soon as the halt lifts.
/// </param>
public sealed record PurchaseHalt(string Buyer, string Seller, Sector Sector, double Share, int UntilTurn, double Withheld);

/// <summary>
/// A purchase in force of a good other than crude (<see cref="PurchaseEffect"/>): <see cref="Buyer"/> buys
/// <see cref="Volume"/> a year of <see cref="Good"/> from <see cref="Seller"/> at <see cref="UnitValue"/>.
/// </summary>
/// <param name="Volume">Million tonnes a year (bcm a year for pipeline gas), above 0.</param>
/// <param name="UnitValue">USD a tonne (USD per thousand m³ for pipeline gas).</param>
public sealed record GoodsPurchase(string Buyer, string Seller, Good Good, double Volume, double UnitValue)
{
    /// <summary>What the purchase is worth, USD bn a year: volume times unit value (millions of units times USD, over 1,000).</summary>
    public double Value => Volume * UnitValue / 1000;
}

/// <summary>
/// A tariff announced before it takes effect (<see cref="TariffAnnouncementEffect"/>), and what importers have bought
/// ahead of it. While it is <see cref="Pending"/>, each turn the trade phase adds to <see cref="Importer"/>'s imports from
/// <see cref="Exporter"/> of each sector it covers <see cref="ModelParameters.FrontRunShare"/> of what the tariff is
/// expected to cut from them in its first year; once it has landed or been withdrawn, what was bought ahead comes back
/// out of those imports in equal parts over as many turns as it was bought in. A tariff cut announced ahead works the
/// other way: importers put purchases off until it lands, and buy them after.
/// </summary>
/// <param name="Sector">The sector the tariff is on; null: every sector.</param>
/// <param name="Rate">The tariff it sets when it lands.</param>
/// <param name="EffectiveTurn">The turn it lands in, after that turn's shocks.</param>
/// <param name="Pending">Whether it is still to land: importers are buying ahead of it.</param>
/// <param name="Turns">While pending, the turns importers have bought ahead in; after, the turns left to draw the goods down over.</param>
/// <param name="Stock">By sector, what importers bought ahead and have not yet drawn down, USD bn a year summed over the turns (negative: purchases put off).</param>
/// <param name="Moved">By sector, what this announcement added to (+) or took off (−) the flow in the last turn, USD bn a year: the trade phase takes it back before trade adjusts.</param>
public sealed record TariffAnnouncement(
    string Importer,
    string Exporter,
    Sector? Sector,
    double Rate,
    int EffectiveTurn,
    bool Pending,
    int Turns,
    ImmutableArray<double> Stock,
    ImmutableArray<double> Moved);

/// <summary>A shock that fired, and in which turn.</summary>
public sealed record FiredShock(string ShockId, int Turn);

/// <summary>Kinds of diplomatic contact the world remembers for a while.</summary>
public enum ContactKind
{
    /// <summary><see cref="Contact.Actor"/> held a summit with <see cref="Contact.Other"/>.</summary>
    Summit,

    /// <summary><see cref="Contact.Actor"/> publicly backed <see cref="Contact.Other"/>.</summary>
    Support,

    /// <summary><see cref="Contact.Actor"/> publicly condemned <see cref="Contact.Other"/>.</summary>
    Condemn,

    /// <summary><see cref="Contact.Actor"/> refused (or let lapse) a proposal from <see cref="Contact.Other"/>.</summary>
    Refusal,
}

/// <summary>
/// A diplomatic contact of the last <see cref="WorldState.ContactTurns"/> turns. Conduct has a cadence because the
/// world remembers it: a refused proposal is not put again during its cooling-off period, summits and statements
/// between the same pair are spaced out.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">Who did it (for a refusal, who refused).</param>
/// <param name="Other">Towards whom (for a refusal, the proposer).</param>
/// <param name="Turn">The turn it happened in.</param>
/// <param name="Agreement">For a refusal, the kind of agreement refused.</param>
/// <param name="Trust">For a refusal, the refuser's trust in the proposer then.</param>
public sealed record Contact(ContactKind Kind, string Actor, string Other, int Turn, AgreementKind? Agreement = null, double Trust = 0);

/// <summary>
/// The whole world at the start of a turn. Actors are sorted by id (ordinal) and relations are stored
/// row-major, <c>Relations[from * n + to]</c>; the diagonal holds empty self-relations.
/// </summary>
/// <param name="Turn">Turns resolved so far.</param>
/// <param name="StartYear">Calendar year of turn 0.</param>
/// <param name="StartQuarter">Calendar quarter (1–4) of turn 0 when a turn is a quarter.</param>
/// <param name="TurnsPerYear">Turns per year (4 = quarterly).</param>
/// <param name="Rng">The seeded generator.</param>
/// <param name="FiredShocks">Every shock that has fired, in the order it fired.</param>
/// <param name="Contacts">Summits, statements and refusals of the last <see cref="ContactTurns"/> turns, oldest first.</param>
public sealed record WorldState(
    int Turn,
    int StartYear,
    int StartQuarter,
    int TurnsPerYear,
    ImmutableArray<ActorState> Actors,
    ImmutableArray<RelationState> Relations,
    ImmutableArray<Agreement> Agreements,
    ImmutableArray<Proposal> Proposals,
    ImmutableArray<ArmsDelivery> Deliveries,
    GlobalState Global,
    ModelParameters Parameters,
    Rng Rng,
    ImmutableArray<FiredShock> FiredShocks,
    ImmutableArray<Contact> Contacts)
{
    /// <summary>Purchase halts in force, in the order they were first imposed.</summary>
    public ImmutableArray<PurchaseHalt> PurchaseHalts { get; init; } = [];

    /// <summary>
    /// Purchases in force of goods other than crude (<see cref="GoodsPurchase"/>), in the order they were first made.
    /// Empty: energy is crude at the oil price, as before model version 15.
    /// </summary>
    public ImmutableArray<GoodsPurchase> Purchases { get; init; } = [];

    /// <summary>
    /// Tariffs announced ahead of their effect and not yet landed, and those whose early purchases are still being drawn
    /// down, in the order they were announced (model version 15). Empty: no tariff is announced ahead, as before.
    /// </summary>
    public ImmutableArray<TariffAnnouncement> TariffAnnouncements { get; init; } = [];

    /// <summary>How many turns the world remembers a <see cref="Contact"/>.</summary>
    public const int ContactMemory = 8;

    /// <summary>
    /// How many turns this world remembers a <see cref="Contact"/>: <see cref="ContactMemory"/>, or a whole year when a
    /// year has more turns, since refusals cool off and summits are spaced by a year.
    /// </summary>
    public int ContactTurns => Math.Max(ContactMemory, TurnsPerYear);

    /// <summary>The last turn in which a contact of this kind went from <paramref name="actor"/> to <paramref name="other"/> (either way when <paramref name="eitherWay"/>), or null.</summary>
    public int? LastContact(ContactKind kind, string actor, string other, bool eitherWay = false, AgreementKind? agreement = null)
    {
        int? last = null;
        foreach (var c in Contacts)
        {
            var forward = string.Equals(c.Actor, actor, StringComparison.Ordinal) && string.Equals(c.Other, other, StringComparison.Ordinal);
            var backward = eitherWay && string.Equals(c.Actor, other, StringComparison.Ordinal) && string.Equals(c.Other, actor, StringComparison.Ordinal);
            if (c.Kind == kind && (forward || backward) && (agreement is null || c.Agreement == agreement))
            {
                last = c.Turn;
            }
        }

        return last;
    }

    /// <summary>The most recent refusal by <paramref name="refuser"/> of a proposal of <paramref name="kind"/> from <paramref name="proposer"/>, or null.</summary>
    public Contact? LastRefusal(string refuser, string proposer, AgreementKind kind)
    {
        Contact? last = null;
        foreach (var c in Contacts)
        {
            if (c.Kind == ContactKind.Refusal && c.Agreement == kind && string.Equals(c.Actor, refuser, StringComparison.Ordinal) && string.Equals(c.Other, proposer, StringComparison.Ordinal))
            {
                last = c;
            }
        }

        return last;
    }

    /// <summary>The same world with the generator seeded afresh.</summary>
    public WorldState WithSeed(ulong seed) => this with { Rng = new Rng(seed) };

    /// <summary>The last turn in which a shock fired, or null if it never has.</summary>
    public int? LastFired(string shockId)
    {
        int? last = null;
        foreach (var f in FiredShocks)
        {
            if (string.Equals(f.ShockId, shockId, StringComparison.Ordinal))
            {
                last = f.Turn;
            }
        }

        return last;
    }

    public int Count => Actors.Length;

    /// <summary>Index of an actor by id, or −1.</summary>
    public int IndexOf(string id)
    {
        for (var i = 0; i < Actors.Length; i++)
        {
            if (string.Equals(Actors[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public bool Has(string id) => IndexOf(id) >= 0;

    public ActorState Actor(string id) => Actors[IndexOf(id)];

    public RelationState Relation(int from, int to) => Relations[(from * Actors.Length) + to];

    public RelationState Relation(string from, string to) => Relation(IndexOf(from), IndexOf(to));

    /// <summary>Total trade (both directions) between two actors, USD bn per year.</summary>
    public double BilateralTrade(string a, string b)
    {
        var i = IndexOf(a);
        var j = IndexOf(b);
        return Relation(i, j).TotalExports + Relation(j, i).TotalExports;
    }

    /// <summary>The calendar label of a turn, e.g. <c>2026-Q1</c>.</summary>
    public string DateOf(int turn)
    {
        if (TurnsPerYear == 4)
        {
            var q = StartQuarter - 1 + turn;
            return $"{StartYear + (q / 4)}-Q{(q % 4) + 1}";
        }

        return TurnsPerYear == 1 ? $"{StartYear + turn}" : $"{StartYear + (turn / TurnsPerYear)}-T{(turn % TurnsPerYear) + 1}";
    }

    public string Date => DateOf(Turn);

    public bool InBloc(string actor, string bloc)
    {
        foreach (var b in Global.Blocs)
        {
            if (string.Equals(b.Name, bloc, StringComparison.Ordinal))
            {
                return b.Members.Contains(actor);
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a connectivity corridor can link <paramref name="parties"/>: one of the world's routes links them all,
    /// or the world names no routes.
    /// </summary>
    public bool CorridorCanLink(IEnumerable<string> parties) => CorridorCanLink([.. parties]);

    /// <inheritdoc cref="CorridorCanLink(IEnumerable{string})"/>
    public bool CorridorCanLink(params ReadOnlySpan<string> parties)
    {
        if (Global.Routes.IsEmpty)
        {
            return true;
        }

        foreach (var route in Global.Routes)
        {
            if (route.Links(parties))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Agreements in force of a kind between two actors.</summary>
    public Agreement? AgreementBetween(string a, string b, AgreementKind kind)
    {
        foreach (var agreement in Agreements)
        {
            if (agreement.Kind == kind && agreement.Binds(a, b))
            {
                return agreement;
            }
        }

        return null;
    }
}
