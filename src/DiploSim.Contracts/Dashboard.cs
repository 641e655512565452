using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace DiploSim.Contracts;

/// <summary>
/// The rest of a player's dashboard, beside <see cref="CountryView"/>: the country's trade by partner and sector, its
/// energy bill, its arms dependency and the deliveries it waits for or owes, and the agreements it is party to with
/// their compliance. Read from the world at the start of the current turn.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.CountryLedger")]
public sealed record CountryLedger(
    string Country,
    int Turn,
    ImmutableArray<TradeLine> Trade,
    EnergyAccount Energy,
    ImmutableArray<ArmsSupplier> ArmsSuppliers,
    ImmutableArray<DeliveryView> Deliveries,
    ImmutableArray<AgreementView> Agreements);

/// <summary>Trade with one partner in one sector, USD bn/yr. Only lines with some trade are listed.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.TradeLine")]
public sealed record TradeLine(string Partner, string Sector, double Exports, double Imports);

/// <summary>The country's oil balance and what it costs.</summary>
/// <param name="Bill">The energy bill of the last turn, USD bn/yr.</param>
/// <param name="BillShareOfGdp">The bill as a share of GDP.</param>
/// <param name="NetOilImportsMbd">Net oil imports, mb/d (negative for an exporter).</param>
/// <param name="OilPrice">The world oil price, USD/bbl.</param>
/// <param name="DiscountedCrude">Discounted crude bought from sellers, one line per seller.</param>
[GenerateSerializer, Immutable, Alias("diplosim.EnergyAccount")]
public sealed record EnergyAccount(
    double Bill,
    double BillShareOfGdp,
    double NetOilImportsMbd,
    double OilPrice,
    bool PriceCapMember,
    ImmutableArray<CrudePurchase> DiscountedCrude);

/// <summary>Discounted crude bought from <paramref name="Seller"/>.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.CrudePurchase")]
public sealed record CrudePurchase(string Seller, double VolumeMbd, double Discount);

/// <summary>A supplier's share of the country's arms imports (only suppliers with a share are listed, largest first).</summary>
[GenerateSerializer, Immutable, Alias("diplosim.ArmsSupplier")]
public sealed record ArmsSupplier(string Supplier, double Share);

/// <summary>A pending arms delivery the country buys or sells.</summary>
/// <param name="Status">A name of Core's <c>DeliveryStatus</c>: <c>OnTime</c> or <c>Delayed</c>.</param>
[GenerateSerializer, Immutable, Alias("diplosim.DeliveryView")]
public sealed record DeliveryView(string Id, string Buyer, string Seller, string System, double Value, int DueTurn, string Status);

/// <summary>An agreement the country is party to, in force or withdrawn, and how well it is kept.</summary>
/// <param name="Kind">A name of Core's <c>AgreementKind</c>.</param>
/// <param name="Status">A name of Core's <c>AgreementStatus</c>: <c>InForce</c> or <c>Withdrawn</c>.</param>
/// <param name="Progress">Progress towards the agreement's goals, 0–1.</param>
/// <param name="Breaches">Times a party broke its terms; a breach that goes on from turn to turn counts once.</param>
/// <param name="LastBreachedBy">The party that breached it last, if any.</param>
/// <param name="InBreach">Whether that party is still breaking it.</param>
[GenerateSerializer, Immutable, Alias("diplosim.AgreementView")]
public sealed record AgreementView(
    string Id,
    string Kind,
    ImmutableArray<string> Parties,
    AgreementTermsData Terms,
    int SignedTurn,
    string Status,
    double Progress,
    int Breaches,
    string? LastBreachedBy,
    bool InBreach);

/// <summary>
/// The relations between every pair of actors: public knowledge, for the network view, the teacher's console and the
/// classroom screen; each link carries the tariffs in force both ways, and <see cref="Announced"/> are the tariffs
/// announced and not yet in force.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.RelationsMap")]
public sealed record RelationsMap(int Turn, ImmutableArray<ActorNode> Actors, ImmutableArray<RelationLink> Links, ImmutableArray<AnnouncedTariff> Announced);

/// <summary>An actor of the network, sized by its GDP (USD bn/yr).</summary>
[GenerateSerializer, Immutable, Alias("diplosim.ActorNode")]
public sealed record ActorNode(string Id, string Name, double Gdp);

/// <summary>The tie between two actors (<paramref name="A"/> before <paramref name="B"/> in ordinal order).</summary>
/// <param name="TrustAB">A's trust in B, −100..100.</param>
/// <param name="TrustBA">B's trust in A, −100..100.</param>
/// <param name="Trade">Bilateral trade, both directions, USD bn/yr.</param>
/// <param name="TariffsAB">
/// The tariffs in force that A levies on B's goods, one rate per sector in the order of Core's <c>Sector</c> (0.25 =
/// 25%): public, as tariffs are, for the classroom screen.
/// </param>
/// <param name="TariffsBA">The tariffs in force that B levies on A's goods, in the same order.</param>
[GenerateSerializer, Immutable, Alias("diplosim.RelationLink")]
public sealed record RelationLink(string A, string B, double TrustAB, double TrustBA, double Trade, ImmutableArray<double> TariffsAB, ImmutableArray<double> TariffsBA);

/// <summary>
/// The model's preview of one move's direct effect: the country's indicators one turn ahead with the move against the
/// same turn without it (no other moves, no shocks). <see cref="Refusal"/> is set, and nothing else is, when the move is
/// malformed or invalid.
/// </summary>
/// <param name="Target">The other actor the move is about, if any: the trust and trade lines are about it.</param>
/// <param name="Capital">The political capital the country has this turn.</param>
[GenerateSerializer, Immutable, Alias("diplosim.MovePreview")]
public sealed record MovePreview(
    string? Description,
    int Cost,
    int Capital,
    string? Target,
    ImmutableArray<IndicatorEffect> Effects,
    string? Refusal)
{
    public static MovePreview Invalid(string reason, int cost = 0, int capital = 0) => new(null, cost, capital, null, [], reason);
}

/// <summary>One indicator one turn ahead without and with the move.</summary>
/// <param name="Indicator">
/// <c>gdp</c>, <c>stability</c>, <c>utility</c>, the score components (<c>prosperity</c>, <c>security</c>,
/// <c>energySecurity</c>, <c>autonomy</c>, <c>influence</c>, <c>goals</c>), and when the move has a target
/// <c>trustOfTarget</c> (the target's trust in the country) and <c>tradeWithTarget</c> (bilateral, USD bn/yr).
/// </param>
[GenerateSerializer, Immutable, Alias("diplosim.IndicatorEffect")]
public sealed record IndicatorEffect(string Indicator, double Without, double With)
{
    [JsonIgnore]
    public double Change => With - Without;
}
