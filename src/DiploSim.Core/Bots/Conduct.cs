using DiploSim.Core.State;

namespace DiploSim.Core.Bots;

/// <summary>
/// The rules of conduct a bot keeps on top of its doctrine, so that it plays as a foreign ministry would: it
/// does not put a refused proposal again within a year unless the other side has warmed to it, nor one the other
/// side's doctrine says it never accepts, it meets and speaks with a cadence that follows trust, it never breaks an
/// agreement it is party to through its own moves
/// (judged against the agreements in force after this turn's acceptances), and it levies tariffs and trade
/// sanctions only where there is trade.
/// </summary>
public static class Conduct
{
    /// <summary>Exports below this, USD bn a year, count as no trade in a sector.</summary>
    public const double TradedSector = 0.05;

    /// <summary>How much warmer (trust points) the other side must be before a refused proposal is put again early.</summary>
    public const double ChangedCircumstances = 15;

    /// <summary>Turns between two statements by the same actor about the same other.</summary>
    public const int StatementInterval = 2;

    /// <summary>Turns a refused proposal cools off for: a year.</summary>
    public static int CoolingOff(WorldState world) => Math.Max(1, world.TurnsPerYear);

    /// <summary>Turns between two summits of the same pair: a year, as the India–Russia annual summits.</summary>
    public static int SummitInterval(WorldState world) => Math.Max(1, world.TurnsPerYear);

    /// <summary>
    /// Whether <paramref name="proposer"/> may put a proposal of <paramref name="kind"/> to <paramref name="partner"/> now:
    /// none of that kind is on the table between them, the partner's doctrine does not say it never accepts one
    /// (<see cref="NeverAccepts"/>), and none was refused within the cooling-off period unless the partner has warmed
    /// to it since.
    /// </summary>
    public static bool MayPropose(WorldState world, string proposer, string partner, AgreementKind kind)
    {
        if (NeverAccepts(world, partner, proposer, kind))
        {
            return false;
        }

        foreach (var pending in world.Proposals)
        {
            if (pending.Kind == kind && pending.Parties.Contains(proposer) && pending.Parties.Contains(partner))
            {
                return false;
            }
        }

        if (world.LastRefusal(partner, proposer, kind) is not { } refusal || world.Turn - refusal.Turn >= CoolingOff(world))
        {
            return true;
        }

        return world.Relation(partner, proposer).Trust >= refusal.Trust + ChangedCircumstances;
    }

    /// <summary>
    /// Whether <paramref name="partner"/>'s doctrine has a red line against accepting an agreement of
    /// <paramref name="kind"/> from <paramref name="proposer"/>. Such a stance is public (the US's visa fees of 2025;
    /// every country's briefing lists every red line), so no government keeps asking for what it will be refused.
    /// </summary>
    public static bool NeverAccepts(WorldState world, string partner, string proposer, AgreementKind kind)
    {
        var p = world.IndexOf(partner);
        return p >= 0 && world.Actors[p].Doctrine.RedLines.Any(line => line.Kind == MoveKind.AnswerProposal && line.Agreement == kind
            && (line.Target is null || string.Equals(line.Target, proposer, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Whether <paramref name="actor"/> would hold a summit with <paramref name="partner"/>: no summit of the pair within a
    /// year, no open hostility, and its turn to host when the partner seeks summits too (hosts alternate by year, as
    /// Moscow and New Delhi do), so the two do not both call one in the same turn.
    /// </summary>
    public static bool MaySummit(WorldState world, string actor, string partner) =>
        Hosts(world, actor, partner)
        && world.Relation(actor, partner).Trust >= 0
        && world.Relation(partner, actor).Trust >= -10
        && !Hostile(world, partner, actor)
        && (world.LastContact(ContactKind.Summit, actor, partner, eitherWay: true) is not { } last || world.Turn - last >= SummitInterval(world));

    private static bool Hosts(WorldState world, string actor, string partner)
    {
        var other = world.IndexOf(partner);
        if (other < 0 || !world.Actors[other].Doctrine.Favoured.Contains(MoveKind.HoldSummit))
        {
            return true;
        }

        var year = world.Turn / Math.Max(1, world.TurnsPerYear);
        var first = string.CompareOrdinal(actor, partner) < 0;
        return (year % 2 == 0) == first;
    }

    /// <summary>Whether <paramref name="actor"/> would publicly back <paramref name="about"/>: it trusts it, is not under its heavy tariffs or sanctions, and has not just said so.</summary>
    public static bool MayBack(WorldState world, string actor, string about) =>
        world.Relation(actor, about).Trust >= 20
        && !Hostile(world, about, actor)
        && (world.LastContact(ContactKind.Support, actor, about) is not { } last || world.Turn - last >= StatementInterval);

    /// <summary>Whether <paramref name="actor"/> would publicly condemn <paramref name="about"/> now: not again within <see cref="StatementInterval"/> turns.</summary>
    public static bool MayCondemn(WorldState world, string actor, string about) =>
        world.LastContact(ContactKind.Condemn, actor, about) is not { } last || world.Turn - last >= StatementInterval;

    /// <summary>Whether <paramref name="from"/> treats <paramref name="to"/> with hostility: a tariff above 25% on any of its goods, or any sanction.</summary>
    public static bool Hostile(WorldState world, string from, string to)
    {
        var relation = world.Relation(from, to);
        foreach (var t in relation.Tariffs)
        {
            if (t > 0.25)
            {
                return true;
            }
        }

        foreach (var level in relation.Sanctions)
        {
            if (level > SanctionLevel.None)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The lowest tariff ceiling <paramref name="actor"/> owes <paramref name="partner"/> under free-trade agreements
    /// in force or accepted this turn (an agreement accepted without a ceiling gets the default one it enters into force with);
    /// <see cref="double.PositiveInfinity"/> when none binds them.
    /// </summary>
    public static double TariffCeiling(WorldState world, string actor, string partner, IReadOnlyList<Proposal> accepting)
    {
        var ceiling = double.PositiveInfinity;
        foreach (var agreement in world.Agreements)
        {
            if (agreement.Kind == AgreementKind.FreeTrade && agreement.Binds(actor, partner))
            {
                ceiling = Math.Min(ceiling, agreement.Terms.TariffCeiling ?? Resolution.AgreementDefaults.TariffCeiling);
            }
        }

        for (var i = 0; i < accepting.Count; i++)
        {
            var proposal = accepting[i];
            if (proposal.Kind == AgreementKind.FreeTrade && proposal.Parties.Contains(actor) && proposal.Parties.Contains(partner))
            {
                ceiling = Math.Min(ceiling, proposal.Terms.TariffCeiling ?? Resolution.AgreementDefaults.TariffCeiling);
            }
        }

        return ceiling;
    }

    /// <summary>
    /// Whether a move of the bot would break an agreement it is party to, in force or accepted this turn:
    /// the same terms the politics phase checks every turn (a tariff above a free-trade ceiling; sanctions against
    /// a partner in the domain the agreement protects; a public condemnation of a strategic or logistics partner;
    /// a cancelled delivery to a co-production partner).
    /// </summary>
    public static bool BreachesOwnAgreement(WorldState world, Move move, IReadOnlyList<Proposal> accepting)
    {
        switch (move)
        {
            case SetTariff m:
                // A sector the actor keeps out of its agreements has no ceiling.
                return m.Rate > TariffCeiling(world, m.Actor, m.Target, accepting) + 1e-9 && !world.Actor(m.Actor).KeepsOutOfFreeTrade(m.Sector);
            case SetSanction m when m.Level > SanctionLevel.None:
                foreach (var kind in Bound(world, m.Actor, m.Target, accepting))
                {
                    if (kind switch
                    {
                        AgreementKind.FreeTrade => false,
                        AgreementKind.LocalCurrencySettlement => m.Domain == SanctionDomain.Finance,
                        AgreementKind.DefenceCoProduction => m.Domain == SanctionDomain.Technology,
                        AgreementKind.EnergyContract => m.Domain == SanctionDomain.Energy,
                        AgreementKind.StrategicPartnership or AgreementKind.Logistics => true,
                        _ => m.Domain == SanctionDomain.Trade && m.Level >= SanctionLevel.Sectoral,
                    })
                    {
                        return true;
                    }
                }

                return false;
            case MakeStatement { Stance: Stance.Condemn } m:
                return Bound(world, m.Actor, m.About, accepting).Any(k => k is AgreementKind.StrategicPartnership or AgreementKind.Logistics);
            case DecideDelivery { Decision: DeliveryDecision.Cancel } m:
                var delivery = world.Deliveries.FirstOrDefault(d => d.Id == m.DeliveryId);
                return delivery is not null && Bound(world, m.Actor, delivery.Buyer, accepting).Contains(AgreementKind.DefenceCoProduction);
            default:
                return false;
        }
    }

    /// <summary>Kinds of agreement binding two actors now or from this turn's acceptances.</summary>
    private static IEnumerable<AgreementKind> Bound(WorldState world, string a, string b, IReadOnlyList<Proposal> accepting)
    {
        foreach (var agreement in world.Agreements)
        {
            if (agreement.Binds(a, b))
            {
                yield return agreement.Kind;
            }
        }

        foreach (var proposal in accepting)
        {
            if (proposal.Parties.Contains(a) && proposal.Parties.Contains(b))
            {
                yield return proposal.Kind;
            }
        }
    }
}
