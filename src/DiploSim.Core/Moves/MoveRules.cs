using System.Globalization;
using DiploSim.Core.State;

namespace DiploSim.Core;

/// <summary>The political-capital cost of each move and its validation against a state.</summary>
public static class MoveRules
{
    /// <summary>Political capital the move costs.</summary>
    public static int Cost(Move move) => move switch
    {
        SetTariff => 1,
        SetSanction s => s.Level switch { SanctionLevel.None => 1, SanctionLevel.Comprehensive => 3, _ => 2 },
        ThreatenSecondarySanctions t => t.Active ? 2 : 1,
        ProposeAgreement => 1,
        AnswerProposal => 0,
        CounterProposal => 1,
        WithdrawFromAgreement => 2,
        OrderArms => 1,
        DecideDelivery d => d.Decision switch { DeliveryDecision.OnTime => 0, DeliveryDecision.Delay => 1, _ => 2 },
        BuyDiscountedCrude => 1,
        SetPriceCapStance => 1,
        HoldSummit h => h.Partners.Length > 1 ? 3 : 2,
        MakeStatement => 1,
        Diversify => 3,
        Invest => 2,
        SetBlocMembership => 3,
        GiveAid => 2,
        _ => 1,
    };

    /// <summary>
    /// Checks a move against the state at the start of the turn. Returns null when it is valid, else the reason.
    /// <paramref name="proposalsThisTurn"/> names proposals made in the same turn, which may be answered at once.
    /// </summary>
    public static string? Validate(WorldState world, Move move, IReadOnlyCollection<string>? proposalsThisTurn = null)
    {
        var a = world.IndexOf(move.Actor);
        if (a < 0)
        {
            return $"unknown actor '{move.Actor}'";
        }

        var actor = world.Actors[a];
        return move switch
        {
            SetTariff m => Target(world, m.Actor, m.Target)
                ?? (!double.IsFinite(m.Rate) || m.Rate < 0 || m.Rate > 2 ? string.Create(CultureInfo.InvariantCulture, $"tariff rate {m.Rate * 100:0.##}% is outside 0–200%") : null)
                ?? (m.InTurns is < 0 or > ShockLimits.AnnouncementTurns ? $"a tariff takes effect 0 to {ShockLimits.AnnouncementTurns} turns on, not {m.InTurns}" : null),
            SetSanction m => Target(world, m.Actor, m.Target)
                ?? (!Enum.IsDefined(m.Level) || !Enum.IsDefined(m.Domain) ? "unknown sanction level or domain" : null)
                ?? (world.Relation(m.Actor, m.Target).Sanction(m.Domain) == m.Level ? $"{m.Actor}'s {m.Domain.ToString().ToLowerInvariant()} sanctions on {m.Target} are already {m.Level.Name()}" : null),
            ThreatenSecondarySanctions m => Target(world, m.Actor, m.Target) ?? Threat(world, m),
            ProposeAgreement m => Proposal(world, m),
            AnswerProposal m => Answer(world, m.Actor, m.ProposalId, proposalsThisTurn),
            CounterProposal m => Answer(world, m.Actor, m.ProposalId, proposalsThisTurn)
                ?? NewId(world, m.NewProposalId)
                ?? Terms(m.Terms),
            WithdrawFromAgreement m => Withdraw(world, m),
            OrderArms m => Target(world, m.Actor, m.Seller) ?? Order(world, m),
            DecideDelivery m => Delivery(world, m),
            BuyDiscountedCrude m => Target(world, m.Actor, m.Seller) ?? Crude(world, actor, m),
            SetPriceCapStance m => actor.PriceCapMember == m.Join ? $"{m.Actor} {(m.Join ? "already enforces" : "is already outside")} the price cap" : null,
            HoldSummit m => Partners(world, m.Actor, m.Partners),
            MakeStatement m => Target(world, m.Actor, m.About),
            Diversify m => Target(world, m.Actor, m.AwayFrom) ?? Diversification(world, m),
            Invest m => Amount(m.Amount, actor.Gdp * 0.01, "investment"),
            SetBlocMembership m => Bloc(world, m),
            GiveAid m => Target(world, m.Actor, m.Recipient) ?? Amount(m.Amount, actor.Gdp * 0.005, "aid"),
            _ => $"unknown move {move.GetType().Name}",
        };
    }

    private static string? Target(WorldState world, string actor, string target)
    {
        if (!world.Has(target))
        {
            return $"unknown actor '{target}'";
        }

        return string.Equals(actor, target, StringComparison.Ordinal) ? $"{actor} cannot target itself" : null;
    }

    private static string? Partners(WorldState world, string actor, IReadOnlyList<string> partners)
    {
        if (partners.Count == 0)
        {
            return "no partners named";
        }

        if (partners.Distinct(StringComparer.Ordinal).Count() != partners.Count)
        {
            return "a partner is named twice";
        }

        foreach (var p in partners)
        {
            if (Target(world, actor, p) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string? Threat(WorldState world, ThreatenSecondarySanctions m)
    {
        var relation = world.Relation(m.Actor, m.Target);
        if (!m.Active)
        {
            return relation.SecondaryThreat ? null : $"{m.Actor} has no secondary-sanctions threat over {m.Target} to drop";
        }

        if (relation.SecondaryThreat)
        {
            return $"{m.Actor} already threatens secondary sanctions over {m.Target}";
        }

        return relation.Sanctions.All(l => l == SanctionLevel.None)
            ? $"{m.Actor} must sanction {m.Target} before threatening those who deal with it"
            : null;
    }

    private static string? NewId(WorldState world, string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "a proposal needs an id";
        }

        return world.Proposals.Any(p => p.Id == id) || world.Agreements.Any(g => g.Id == id)
            ? $"id '{id}' is already taken"
            : null;
    }

    private static string? Terms(AgreementTerms terms)
    {
        static bool Bad(double? v, double max) => v is { } x && (!double.IsFinite(x) || x < 0 || x > max);
        if (Bad(terms.TariffCeiling, 2))
        {
            return "the tariff ceiling must be between 0 and 200%";
        }

        if (Bad(terms.EnergyDiscount, 0.5))
        {
            return "the energy discount must be between 0 and 50%";
        }

        if (Bad(terms.MaxUsdShare, 1))
        {
            return "the dollar share must be between 0 and 1";
        }

        if (Bad(terms.EnergyVolumeMbd, 20))
        {
            return "the energy volume must be between 0 and 20 mb/d";
        }

        return Bad(terms.TradeTarget, 10_000) ? "the trade target must be between 0 and 10,000 USD bn" : null;
    }

    /// <summary>How many of a world's routes a refused corridor names.</summary>
    private const int RoutesNamed = 6;

    private static string? Proposal(WorldState world, ProposeAgreement m)
    {
        if (NewId(world, m.ProposalId) is { } idError)
        {
            return idError;
        }

        if (Partners(world, m.Actor, m.Partners) is { } partnersError)
        {
            return partnersError;
        }

        if (!Enum.IsDefined(m.Agreement))
        {
            return "unknown agreement kind";
        }

        if (Terms(m.Terms) is { } termsError)
        {
            return termsError;
        }

        foreach (var p in m.Partners)
        {
            if (world.AgreementBetween(m.Actor, p, m.Agreement) is { } existing)
            {
                return $"a {m.Agreement.Describe()} between {m.Actor} and {p} is already in force ({existing.Id})";
            }
        }

        if (m.Agreement == AgreementKind.ConnectivityCorridor && !world.CorridorCanLink([m.Actor, .. m.Partners]))
        {
            // The routes a player could use instead, the first few of a long list.
            var routes = world.Global.Routes;
            var named = string.Join("; ", routes.Take(RoutesNamed).Select(r => $"{r.Name} ({string.Join(", ", r.Parties)})"));
            var more = routes.Length > RoutesNamed ? string.Create(CultureInfo.InvariantCulture, $"; and {routes.Length - RoutesNamed} more") : "";
            return $"no corridor route links {string.Join(" and ", [m.Actor, .. m.Partners])} in this scenario; its routes: {named}{more}";
        }

        if (m.Agreement == AgreementKind.EnergyContract)
        {
            if (m.Partners.Length != 1)
            {
                return "an energy contract has exactly one supplier and one buyer";
            }

            if (m.Terms.EnergyVolumeMbd is not > 0)
            {
                return "an energy contract needs a volume in mb/d";
            }

            if (m.Terms.Supplier is { } s && s != m.Actor && s != m.Partners[0])
            {
                return $"the supplier {s} is not a party";
            }
        }

        return null;
    }

    private static string? Answer(WorldState world, string actor, string proposalId, IReadOnlyCollection<string>? proposalsThisTurn)
    {
        var proposal = world.Proposals.FirstOrDefault(p => p.Id == proposalId);
        if (proposal is null)
        {
            return proposalsThisTurn is not null && proposalsThisTurn.Contains(proposalId)
                ? null
                : $"no pending proposal '{proposalId}'";
        }

        if (proposal.Proposer == actor)
        {
            return $"{actor} cannot answer its own proposal";
        }

        if (!proposal.Parties.Contains(actor))
        {
            return $"proposal '{proposalId}' is not addressed to {actor}";
        }

        return proposal.AcceptedBy.Contains(actor) ? $"{actor} has already accepted '{proposalId}'" : null;
    }

    private static string? Withdraw(WorldState world, WithdrawFromAgreement m)
    {
        var agreement = world.Agreements.FirstOrDefault(g => g.Id == m.AgreementId);
        if (agreement is null)
        {
            return $"no agreement '{m.AgreementId}'";
        }

        if (!agreement.Parties.Contains(m.Actor))
        {
            return $"{m.Actor} is not a party to '{m.AgreementId}'";
        }

        return agreement.InForce ? null : $"'{m.AgreementId}' is no longer in force";
    }

    private static string? Order(WorldState world, OrderArms m)
    {
        if (string.IsNullOrWhiteSpace(m.System))
        {
            return "name the system ordered";
        }

        if (!double.IsFinite(m.Value) || m.Value <= 0 || m.Value > 50)
        {
            return "an order's value must be between 0 and 50 USD bn";
        }

        if (m.DeliveryTurns is < 1 or > 40)
        {
            return "delivery must be due in 1 to 40 turns";
        }

        if (world.Actor(m.Seller).DefenceIndustry < 0.2)
        {
            return $"{m.Seller} has no arms industry to sell from";
        }

        if (world.Relation(m.Actor, m.Seller).Sanction(SanctionDomain.Technology) >= SanctionLevel.Sectoral)
        {
            return $"{m.Actor}'s own technology sanctions on {m.Seller} forbid the purchase";
        }

        return world.Relation(m.Seller, m.Actor).Sanction(SanctionDomain.Technology) >= SanctionLevel.Sectoral
            ? $"{m.Seller}'s export controls on {m.Actor} forbid the sale"
            : null;
    }

    private static string? Delivery(WorldState world, DecideDelivery m)
    {
        var delivery = world.Deliveries.FirstOrDefault(d => d.Id == m.DeliveryId);
        if (delivery is null)
        {
            return $"no pending delivery '{m.DeliveryId}'";
        }

        if (delivery.Seller != m.Actor)
        {
            return $"{m.Actor} is not the seller of '{m.DeliveryId}'";
        }

        return Enum.IsDefined(m.Decision) ? null : "unknown delivery decision";
    }

    private static string? Crude(WorldState world, ActorState actor, BuyDiscountedCrude m)
    {
        var seller = world.Actor(m.Seller);
        if (!double.IsFinite(m.VolumeMbd) || !double.IsFinite(m.Discount) || m.VolumeMbd < 0 || m.Discount < 0 || m.Discount > 0.5)
        {
            return "volume must be non-negative and the discount between 0 and 50%";
        }

        if (m.VolumeMbd == 0)
        {
            return world.Relation(m.Actor, m.Seller).Crude is null ? $"{m.Actor} buys no discounted crude from {m.Seller}" : null;
        }

        if (seller.NetOilImports >= 0)
        {
            return $"{m.Seller} is not a net oil exporter";
        }

        if (actor.NetOilImports <= 0)
        {
            return $"{m.Actor} is not a net oil importer";
        }

        var most = Math.Min(actor.NetOilImports, -seller.NetOilImports);
        if (m.VolumeMbd > most)
        {
            return string.Create(CultureInfo.InvariantCulture, $"volume {m.VolumeMbd:0.##} mb/d exceeds what can be traded ({most:0.##} mb/d)");
        }

        if (world.Relation(m.Actor, m.Seller).Sanction(SanctionDomain.Energy) >= SanctionLevel.Sectoral)
        {
            return $"{m.Actor}'s own energy sanctions on {m.Seller} forbid the purchase";
        }

        var capBinds = actor.PriceCapMember
            && world.Global.CappedExporters.Contains(m.Seller)
            && world.Global.OilPrice * (1 - m.Discount) > world.Global.PriceCap;
        return capBinds
            ? string.Create(CultureInfo.InvariantCulture, $"{m.Actor} enforces the ${world.Global.PriceCap:0.##}/bbl price cap and cannot buy {m.Seller}'s crude above it")
            : null;
    }

    private static string? Diversification(WorldState world, Diversify m)
    {
        if (m.Domain == DependenceDomain.Payments && m.AwayFrom != world.Global.ReserveIssuer)
        {
            return $"payments can only be diversified away from the dollar's issuer, {world.Global.ReserveIssuer}";
        }

        var relation = world.Relation(m.Actor, m.AwayFrom);
        if (relation.DiversifyingTurns[(int)m.Domain] > 0)
        {
            return $"{m.Actor} is already diversifying its {m.Domain.ToString().ToLowerInvariant()} away from {m.AwayFrom}";
        }

        return relation.Diversification[(int)m.Domain] >= 1 ? "that diversification is complete" : null;
    }

    private static string? Amount(double amount, double max, string what) =>
        !double.IsFinite(amount) || amount <= 0 || amount > max
            ? string.Create(CultureInfo.InvariantCulture, $"{what} must be more than 0 and at most {max:0.##} USD bn")
            : null;

    private static string? Bloc(WorldState world, SetBlocMembership m)
    {
        var bloc = world.Global.Blocs.FirstOrDefault(b => b.Name == m.Bloc);
        if (bloc is null)
        {
            return $"unknown bloc '{m.Bloc}'";
        }

        var member = bloc.Members.Contains(m.Actor);
        return member == m.Join ? $"{m.Actor} is {(member ? "already" : "not")} a member of {m.Bloc}" : null;
    }
}
