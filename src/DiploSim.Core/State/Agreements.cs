using System.Collections.Immutable;

namespace DiploSim.Core.State;

/// <summary>
/// What the parties of an agreement commit to. Every field is optional; each agreement kind reads the
/// ones that apply to it, and compliance is checked against them every turn.
/// </summary>
/// <param name="TariffCeiling">The highest tariff a party may levy on another party's goods.</param>
/// <param name="TradeTarget">Bilateral trade the parties aim for, USD bn per year (a goal, tracked for the debrief).</param>
/// <param name="EnergyVolumeMbd">Crude the seller (the first party) supplies to the others, mb/d.</param>
/// <param name="EnergyDiscount">Discount on that crude, fraction of the world price.</param>
/// <param name="MaxUsdShare">The dollar share of settlement the parties move towards.</param>
/// <param name="Supplier">For an energy contract, the party that supplies the crude (default: the larger net exporter).</param>
public sealed record AgreementTerms(
    double? TariffCeiling = null,
    double? TradeTarget = null,
    double? EnergyVolumeMbd = null,
    double? EnergyDiscount = null,
    double? MaxUsdShare = null,
    string? Supplier = null)
{
    public static readonly AgreementTerms None = new();
}

/// <summary>An agreement between two or more actors.</summary>
/// <param name="Id">Unique id within the world.</param>
/// <param name="Kind">What kind of agreement it is.</param>
/// <param name="Parties">Its parties, proposer first (for an energy contract, the seller first).</param>
/// <param name="Terms">Its terms.</param>
/// <param name="SignedTurn">The turn it entered into force.</param>
/// <param name="Status">In force or withdrawn from.</param>
/// <param name="Progress">0–1: how far a slow agreement (corridor, co-production, civil nuclear) has been built.</param>
/// <param name="Breaches">Times a party was found breaking it; a breach that goes on from turn to turn counts once.</param>
/// <param name="LastBreachedBy">The party last found in breach, if any.</param>
/// <param name="InBreach">
/// Whether <paramref name="LastBreachedBy"/> was still breaking it at the end of the last turn resolved. A breach is
/// charged (its partners' trust) and reported when it begins, not again for each turn it goes on.
/// </param>
public sealed record Agreement(
    string Id,
    AgreementKind Kind,
    ImmutableArray<string> Parties,
    AgreementTerms Terms,
    int SignedTurn,
    AgreementStatus Status,
    double Progress,
    int Breaches,
    string? LastBreachedBy,
    bool InBreach = false)
{
    public bool InForce => Status == AgreementStatus.InForce;

    public bool Binds(string a, string b) => InForce && Parties.Contains(a) && Parties.Contains(b);
}

/// <summary>A proposal waiting for its addressees' answers. It lapses at the end of the turn after it was made.</summary>
/// <param name="Turn">The turn in which it was made.</param>
/// <param name="AcceptedBy">Partners that have accepted so far.</param>
public sealed record Proposal(
    string Id,
    string Proposer,
    AgreementKind Kind,
    ImmutableArray<string> Parties,
    AgreementTerms Terms,
    int Turn,
    ImmutableArray<string> AcceptedBy)
{
    public IEnumerable<string> Partners => Parties.Where(p => !string.Equals(p, Proposer, StringComparison.Ordinal));
}

/// <summary>A pending arms delivery from a seller to a buyer.</summary>
public sealed record ArmsDelivery(
    string Id,
    string Buyer,
    string Seller,
    string System,
    double Value,
    int DueTurn,
    DeliveryStatus Status);

/// <summary>A bloc such as BRICS or the G7 and its members.</summary>
public sealed record Bloc(string Name, ImmutableArray<string> Members);
