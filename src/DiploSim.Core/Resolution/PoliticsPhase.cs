using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>
/// Phase 8: trust follows reciprocity (hostile moves lower it, agreements and summits raise it), reacts to
/// third parties (a's trust in b falls when b deepens ties with a's rival), and decays towards its baseline.
/// Agreements are checked against their terms and breaches cost trust. Tension and stability move;
/// political capital refills.
/// </summary>
internal static class PoliticsPhase
{
    /// <param name="wholeTurn">
    /// False for a bot's look at its own utility (<see cref="TurnResolver.Ahead"/> for one actor): world tension,
    /// stability and political capital, which no score reads, are then left as they were.
    /// </param>
    public static void Apply(WorldDraft draft, TurnJournal journal, bool wholeTurn = true)
    {
        CheckCompliance(draft, journal);

        var n = draft.N;
        var p = draft.Parameters;
        Span<double> delta = n * n <= MaxOnStack ? stackalloc double[n * n] : new double[n * n];
        delta.Clear();
        var tension = 0.0;
        foreach (var e in journal.Events)
        {
            var (reaction, ties, hostility) = Reaction(e);
            if (e.Actor != e.Target)
            {
                delta[(e.Target * n) + e.Actor] += reaction;
                if (e.Kind is EventKind.Summit or EventKind.AgreementSigned)
                {
                    delta[(e.Actor * n) + e.Target] += reaction;
                }
            }

            tension += hostility;
            if (ties > 0)
            {
                ThirdParties(draft, delta, e.Actor, e.Target, ties);
                ThirdParties(draft, delta, e.Target, e.Actor, ties);
            }
        }

        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (a == b)
                {
                    continue;
                }

                var r = draft.Rel(a, b);
                var trust = r.Trust + delta[(a * n) + b];
                trust += p.TrustDecay * (r.Reference.Trust - trust);
                trust = Math.Clamp(trust, -100, 100);
                if (!WorldDraft.Same(trust, r.Trust))
                {
                    draft.SetTrust(a, b, trust);
                }
            }
        }

        if (!wholeTurn)
        {
            return;
        }

        var g = draft.Global;
        var newTension = g.Tension + tension + (0.05 * (g.ReferenceTension - g.Tension));
        draft.Global = g with { Tension = Math.Clamp(newTension, 0, 100) };

        for (var a = 0; a < n; a++)
        {
            UpdateStability(draft, a, journal);
        }
    }

    /// <summary>Trust changes of at most this many pairs (a world of up to 32 actors) are summed on the stack.</summary>
    private const int MaxOnStack = 1024;

    /// <summary>The target's change of trust in the actor, how much the event deepens their ties, and its effect on tension.</summary>
    private static (double Reaction, double Ties, double Tension) Reaction(DiplomaticEvent e) => e.Kind switch
    {
        EventKind.TariffChange => (e.Magnitude > 0 ? -30 * e.Magnitude : -20 * e.Magnitude, 0, e.Magnitude > 0 ? 5 * e.Magnitude : 0),
        EventKind.SanctionChange => (e.Magnitude > 0 ? -8 * e.Magnitude : -5 * e.Magnitude, 0, e.Magnitude > 0 ? 1.5 * e.Magnitude : 0.5 * e.Magnitude),
        EventKind.SecondaryThreat => (-6, 0, 1),
        EventKind.Summit => (5, 1, -0.3),
        EventKind.Support => (4, 0.5, 0),
        EventKind.Condemn => (-6, 0, 0.5),
        EventKind.AgreementSigned => (6 * e.Magnitude, e.Ties, -0.3 * e.Magnitude),
        EventKind.Withdrawal => (-10, 0, 1),
        EventKind.Breach => (0, 0, 0.5),
        EventKind.ArmsOrder => (2, 1, 0),
        EventKind.DeliveryDelayed => (-4 * e.Magnitude, 0, 0),
        EventKind.DeliveryCancelled => (-12, 0, 0.5),
        EventKind.CrudePurchase => (2, 1, 0),
        EventKind.Diversification => (-3, 0, 0),
        EventKind.Aid => (Math.Min(8, 2 + e.Magnitude), 0.5, 0),
        EventKind.BlocJoined => (2, 0.5, 0),
        EventKind.BlocLeft => (-3, 0, 0.3),
        _ => (0, 0, 0),
    };

    /// <summary>Every third party z that regards <paramref name="partner"/> as a rival trusts <paramref name="actor"/> less.</summary>
    private static void ThirdParties(WorldDraft draft, Span<double> delta, int actor, int partner, double ties)
    {
        var n = draft.N;
        for (var z = 0; z < n; z++)
        {
            if (z == actor || z == partner)
            {
                continue;
            }

            var rivalry = -draft.Rel(z, partner).Trust;
            if (rivalry > 20)
            {
                delta[(z * n) + actor] -= draft.Parameters.ThirdPartyEffect * ties * rivalry / 100;
            }
        }
    }

    private static void CheckCompliance(WorldDraft draft, TurnJournal journal)
    {
        for (var k = 0; k < draft.Agreements.Count; k++)
        {
            var agreement = draft.Agreements[k];
            if (!agreement.InForce)
            {
                continue;
            }

            var breacher = Breacher(draft, agreement, journal);
            if (breacher is null)
            {
                if (agreement.InBreach)
                {
                    draft.Agreements[k] = agreement with { InBreach = false };
                }

                continue;
            }

            // A breach that goes on (a tariff left above the ceiling, a sanction kept) was charged and reported when it began.
            if (agreement.InBreach && agreement.LastBreachedBy == breacher)
            {
                continue;
            }

            draft.Agreements[k] = agreement with { Breaches = agreement.Breaches + 1, LastBreachedBy = breacher, InBreach = true };
            var b = draft.IndexOf(breacher);
            foreach (var party in agreement.Parties)
            {
                if (party == breacher)
                {
                    continue;
                }

                var i = draft.IndexOf(party);
                draft.SetTrust(i, b, Math.Clamp(draft.Rel(i, b).Trust - draft.Parameters.BreachPenalty, -100, 100));
                journal.Event(EventKind.Breach, b, i);
            }

            journal.Breaches.Add(new AgreementBreach(agreement.Id, agreement.Kind, breacher, agreement.Parties));
            if (journal.WriteNews)
            {
                journal.Report("agreement", $"{breacher} breaches the {agreement.Kind.Describe()}", $"{Because(draft, agreement, b)} Its partners' trust in {breacher} falls.", [.. agreement.Parties]);
            }
        }
    }

    /// <summary>What the party at <paramref name="b"/> did that breaks the agreement, for the news.</summary>
    private static string Because(WorldDraft draft, Agreement agreement, int b) => agreement.Kind switch
    {
        // A partnership is broken by sanctions or by a public condemnation (Breaks): say which.
        AgreementKind.StrategicPartnership or AgreementKind.Logistics when !agreement.Parties.Any(p => p != draft.Actors[b].Id && draft.Rel(b, draft.IndexOf(p)).Sanctions.Any(level => level > SanctionLevel.None))
            => "It has condemned its partner in public.",
        AgreementKind.FreeTrade => "It levies a tariff above the agreed ceiling.",
        AgreementKind.EnergyContract => "The contracted crude is not flowing.",
        AgreementKind.DefenceCoProduction => "It restricts technology to, or cancels deliveries for, its partner.",
        AgreementKind.LocalCurrencySettlement => "It has imposed financial sanctions on its partner.",
        _ => "It has imposed sanctions on its partner.",
    };

    /// <summary>The party that breaks the agreement's terms this turn, or null when all comply.</summary>
    private static string? Breacher(WorldDraft draft, Agreement agreement, TurnJournal journal)
    {
        var parties = agreement.Parties;
        for (var x = 0; x < parties.Length; x++)
        {
            var i = draft.IndexOf(parties[x]);
            for (var y = 0; y < parties.Length; y++)
            {
                var j = draft.IndexOf(parties[y]);
                if (i != j && Breaks(draft, agreement, journal, i, j))
                {
                    return draft.Actors[i].Id;
                }
            }
        }

        return null;
    }

    /// <summary>Whether party i breaks the agreement towards party j.</summary>
    private static bool Breaks(WorldDraft draft, Agreement agreement, TurnJournal journal, int i, int j)
    {
        var r = draft.Rel(i, j);
        switch (agreement.Kind)
        {
            case AgreementKind.FreeTrade:
                // While the cuts phase in, a tariff above the ceiling breaks the agreement only if it was raised.
                var ceiling = agreement.Terms.TariffCeiling + 1e-9;
                var phasing = agreement.Progress < 1 - 1e-9;
                var before = draft.Source.Relation(r.From, r.To).Tariffs;
                for (var s = 0; s < r.Tariffs.Length; s++)
                {
                    if (r.Tariffs[s] > ceiling && (!phasing || r.Tariffs[s] > before[s] + 1e-9) && !draft.Actors[i].KeepsOutOfFreeTrade(s))
                    {
                        return true;
                    }
                }

                return false;
            case AgreementKind.LocalCurrencySettlement:
                return r.Sanction(SanctionDomain.Finance) > SanctionLevel.None;
            case AgreementKind.DefenceCoProduction:
                return r.Sanction(SanctionDomain.Technology) > SanctionLevel.None || Happened(journal, EventKind.DeliveryCancelled, i, j);
            case AgreementKind.EnergyContract:
                return r.Sanction(SanctionDomain.Energy) > SanctionLevel.None
                    || (agreement.Terms.Supplier == draft.Actors[i].Id && EnergyShortfall(draft, agreement, i, j));
            case AgreementKind.StrategicPartnership or AgreementKind.Logistics:
                foreach (var level in r.Sanctions)
                {
                    if (level > SanctionLevel.None)
                    {
                        return true;
                    }
                }

                return Happened(journal, EventKind.Condemn, i, j);
            default:
                return r.Sanctions[(int)SanctionDomain.Trade] >= SanctionLevel.Sectoral;
        }
    }

    private static bool Happened(TurnJournal journal, EventKind kind, int actor, int target)
    {
        foreach (var e in journal.Events)
        {
            if (e.Kind == kind && e.Actor == actor && e.Target == target)
            {
                return true;
            }
        }

        return false;
    }

    private static bool EnergyShortfall(WorldDraft draft, Agreement agreement, int supplier, int buyer)
    {
        var contracted = agreement.Terms.EnergyVolumeMbd!.Value * TradePhase.MbdToBnPerDollar * draft.Global.OilPrice * (1 - (agreement.Terms.EnergyDiscount ?? 0));
        return draft.Rel(supplier, buyer).Exports[(int)Sector.Energy] < 0.7 * contracted && agreement.SignedTurn < draft.Turn;
    }

    private static void UpdateStability(WorldDraft draft, int a, TurnJournal journal)
    {
        var p = draft.Parameters;
        var actor = draft.Actors[a];
        var previous = draft.Source.Actors[a].Economy;
        var prices = ((actor.Economy.EnergyBill - previous.EnergyBill) + (actor.Economy.TariffCost - previous.TariffCost)) / actor.Gdp * 100;
        var growthGap = (actor.Growth - actor.TrendGrowth) * 100;
        var stability = actor.Stability
            + (p.StabilityGrowthEffect * growthGap)
            - (p.StabilityPriceEffect * prices)
            + journal.Prestige[a]
            + (0.1 * (actor.Reference.Stability - actor.Stability));
        stability = Math.Clamp(stability, 0, 100);
        var capital = Math.Min(actor.CapitalCap, actor.Capital - journal.Spent[a] + actor.CapitalPerTurn);
        draft.Actors[a] = actor with { Stability = stability, Capital = capital };
        if (journal.WriteNews && stability < 30 && actor.Stability >= 30)
        {
            journal.Report("politics", $"Unrest grows in {actor.Id}", "Approval has fallen below 30: weak growth and rising prices are taking their toll.", actor.Id);
        }
    }
}
