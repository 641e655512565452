using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core.State;

namespace DiploSim.Core;

/// <summary>The catalogue of moves.</summary>
public enum MoveKind
{
    SetTariff,
    SetSanction,
    ThreatenSecondarySanctions,
    ProposeAgreement,
    AnswerProposal,
    CounterProposal,
    WithdrawFromAgreement,
    OrderArms,
    DecideDelivery,
    BuyDiscountedCrude,
    SetPriceCapStance,
    HoldSummit,
    MakeStatement,
    Diversify,
    Invest,
    SetBlocMembership,
    GiveAid,
}

/// <summary>
/// A move by one actor in one turn. Moves cost political capital, are validated against the state
/// at the start of the turn, and resolve simultaneously: their effect never depends on arrival order.
/// </summary>
/// <param name="Actor">The actor making the move.</param>
public abstract record Move(string Actor)
{
    public abstract MoveKind Kind { get; }

    /// <summary>
    /// The policy this move sets, e.g. <c>IND|tariff|USA|energy</c>: two moves of one actor with the same
    /// key in one turn conflict, and only the first in canonical order stands.
    /// </summary>
    public abstract string PolicyKey { get; }

    /// <summary>A total, culture-invariant description of the move, used to order moves canonically.</summary>
    public string CanonicalText => string.Create(CultureInfo.InvariantCulture, $"{PolicyKey}|{Describe()}");

    /// <summary>A short sentence describing the move for news and logs.</summary>
    public abstract string Describe();

    protected static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    protected static string Pct(double value) => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

/// <summary>
/// Set the tariff <see cref="Move.Actor"/> levies on <paramref name="Target"/>'s goods in a sector, or all sectors when
/// <paramref name="Sector"/> is null: at once, or announced to take effect <paramref name="InTurns"/> turns on, as a
/// scenario's announced tariff (<see cref="TariffAnnouncementEffect"/>), so importers buy ahead of it until it lands.
/// </summary>
public sealed record SetTariff(string Actor, string Target, Sector? Sector, double Rate, int InTurns = 0) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.SetTariff;
    public override string PolicyKey => $"{Actor}|tariff|{Target}|{Sector?.Name() ?? "all"}";
    public override string Describe() => $"{Actor} {(InTurns > 0 ? "announces" : "sets")} a {Pct(Rate)} tariff on {(Sector is { } s ? s.Name() + " goods" : "all goods")} from {Target}"
        + (InTurns switch { 0 => "", 1 => ", to take effect next turn", _ => $", to take effect in {InTurns} turns" });
}

/// <summary>Impose, tighten or lift (level None) sanctions on a target in one domain.</summary>
public sealed record SetSanction(string Actor, string Target, SanctionDomain Domain, SanctionLevel Level) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.SetSanction;
    public override string PolicyKey => $"{Actor}|sanction|{Target}|{Domain}";
    public override string Describe() => Level == SanctionLevel.None
        ? $"{Actor} lifts its {Domain.ToString().ToLowerInvariant()} sanctions on {Target}"
        : $"{Actor} sets {Level.Name()} {Domain.ToString().ToLowerInvariant()} sanctions on {Target}";
}

/// <summary>Threaten (or withdraw the threat of) secondary sanctions on anyone dealing with a sanctioned target.</summary>
public sealed record ThreatenSecondarySanctions(string Actor, string Target, bool Active = true) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.ThreatenSecondarySanctions;
    public override string PolicyKey => $"{Actor}|secondary|{Target}";
    public override string Describe() => Active
        ? $"{Actor} threatens secondary sanctions on anyone dealing with {Target}"
        : $"{Actor} drops its threat of secondary sanctions over {Target}";
}

/// <summary>Propose an agreement to partners. The proposal id must be new; partners answer in this turn or the next.</summary>
public sealed record ProposeAgreement(string Actor, string ProposalId, AgreementKind Agreement, ImmutableArray<string> Partners, AgreementTerms Terms) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.ProposeAgreement;
    public override string PolicyKey => $"{Actor}|propose|{ProposalId}";
    public override string Describe() => $"{Actor} proposes a {Agreement.Describe()} to {string.Join(", ", Partners)}";
}

/// <summary>Accept or reject a proposal addressed to the actor.</summary>
public sealed record AnswerProposal(string Actor, string ProposalId, bool Accept) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.AnswerProposal;
    public override string PolicyKey => $"{Actor}|answer|{ProposalId}";
    public override string Describe() => $"{Actor} {(Accept ? "accepts" : "rejects")} proposal {ProposalId}";
}

/// <summary>Reject a proposal and propose the same agreement with other terms.</summary>
public sealed record CounterProposal(string Actor, string ProposalId, string NewProposalId, AgreementTerms Terms) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.CounterProposal;
    public override string PolicyKey => $"{Actor}|answer|{ProposalId}";
    public override string Describe() => $"{Actor} counters proposal {ProposalId} with {NewProposalId}";
}

/// <summary>Withdraw from an agreement in force.</summary>
public sealed record WithdrawFromAgreement(string Actor, string AgreementId) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.WithdrawFromAgreement;
    public override string PolicyKey => $"{Actor}|withdraw|{AgreementId}";
    public override string Describe() => $"{Actor} withdraws from agreement {AgreementId}";
}

/// <summary>Order an arms system from a seller, delivered after <paramref name="DeliveryTurns"/> turns.</summary>
public sealed record OrderArms(string Actor, string Seller, string System, double Value, int DeliveryTurns) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.OrderArms;
    public override string PolicyKey => $"{Actor}|order|{Seller}|{System}";
    public override string Describe() => $"{Actor} orders {System} from {Seller} (${F(Value)}bn)";
}

/// <summary>As seller, deliver a pending order on time, delay it or cancel it.</summary>
public sealed record DecideDelivery(string Actor, string DeliveryId, DeliveryDecision Decision) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.DecideDelivery;
    public override string PolicyKey => $"{Actor}|delivery|{DeliveryId}";
    public override string Describe() => $"{Actor} decides to {Decision.ToString().ToLowerInvariant()} delivery {DeliveryId}";
}

/// <summary>Buy discounted crude from an exporter (volume 0 ends the purchases).</summary>
public sealed record BuyDiscountedCrude(string Actor, string Seller, double VolumeMbd, double Discount) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.BuyDiscountedCrude;
    public override string PolicyKey => $"{Actor}|crude|{Seller}";
    public override string Describe() => VolumeMbd <= 0
        ? $"{Actor} stops buying discounted crude from {Seller}"
        : $"{Actor} buys {F(VolumeMbd)} mb/d of {Seller}'s crude at a {Pct(Discount)} discount";
}

/// <summary>Join (enforce) or defy the oil price cap.</summary>
public sealed record SetPriceCapStance(string Actor, bool Join) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.SetPriceCapStance;
    public override string PolicyKey => $"{Actor}|pricecap";
    public override string Describe() => Join ? $"{Actor} joins the oil price cap" : $"{Actor} defies the oil price cap";
}

/// <summary>Hold a summit with one or more partners (a group format when there are several).</summary>
public sealed record HoldSummit(string Actor, ImmutableArray<string> Partners) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.HoldSummit;
    public override string PolicyKey => $"{Actor}|summit|{string.Join(",", Partners.Order(StringComparer.Ordinal))}";
    public override string Describe() => $"{Actor} hosts a summit with {string.Join(", ", Partners)}";
}

/// <summary>A public statement of support, neutrality or condemnation about an actor.</summary>
public sealed record MakeStatement(string Actor, string About, Stance Stance) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.MakeStatement;
    public override string PolicyKey => $"{Actor}|statement|{About}";
    public override string Describe() => Stance switch
    {
        Stance.Support => $"{Actor} publicly backs {About}",
        Stance.Condemn => $"{Actor} publicly condemns {About}",
        _ => $"{Actor} declares itself neutral on {About}",
    };
}

/// <summary>Diversify away from a partner in a domain: slow, costly and lasting.</summary>
public sealed record Diversify(string Actor, string AwayFrom, DependenceDomain Domain) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.Diversify;
    public override string PolicyKey => $"{Actor}|diversify|{AwayFrom}|{Domain}";
    public override string Describe() => $"{Actor} starts diversifying its {Domain.ToString().ToLowerInvariant()} away from {AwayFrom}";
}

/// <summary>Invest in a domestic capacity, USD bn.</summary>
public sealed record Invest(string Actor, Capacity Capacity, double Amount) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.Invest;
    public override string PolicyKey => $"{Actor}|invest|{Capacity}";
    public override string Describe() => $"{Actor} invests ${F(Amount)}bn in {Capacity switch { Capacity.DefenceIndustry => "its defence industry", Capacity.ExportPromotion => "export promotion", _ => "payment rails" }}";
}

/// <summary>Join or leave a bloc.</summary>
public sealed record SetBlocMembership(string Actor, string Bloc, bool Join) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.SetBlocMembership;
    public override string PolicyKey => $"{Actor}|bloc|{Bloc}";
    public override string Describe() => Join ? $"{Actor} joins {Bloc}" : $"{Actor} leaves {Bloc}";
}

/// <summary>Give aid or investment to a partner, USD bn.</summary>
public sealed record GiveAid(string Actor, string Recipient, double Amount) : Move(Actor)
{
    public override MoveKind Kind => MoveKind.GiveAid;
    public override string PolicyKey => $"{Actor}|aid|{Recipient}";
    public override string Describe() => $"{Actor} gives ${F(Amount)}bn of aid and investment to {Recipient}";
}
