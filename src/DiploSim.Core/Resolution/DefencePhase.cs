using System.Collections.Immutable;
using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>
/// Phase 7: deliveries that fall due arrive or slip (sellers under technology sanctions slip at random,
/// drawn from the seeded generator); diversification drives shift dependence; slow agreements are built;
/// co-production builds the buyer's defence industry; settlement moves away from the dollar.
/// </summary>
internal static class DefencePhase
{
    public static void Apply(WorldDraft draft, TurnJournal journal)
    {
        var p = draft.Parameters;
        var rng = draft.Source.Rng.Stream(draft.Turn, RngPurpose.Defence);

        // Deliveries are kept in id order, so draws follow a fixed order.
        for (var index = 0; index < draft.Deliveries.Count; index++)
        {
            var delivery = draft.Deliveries[index];
            if (delivery.DueTurn > draft.Turn)
            {
                continue;
            }

            var seller = draft.IndexOf(delivery.Seller);
            var buyer = draft.IndexOf(delivery.Buyer);
            var chance = p.SanctionSlipChance * TechnologySanctionSeverity(draft, seller);
            if (chance > 0 && rng.NextDouble() < chance)
            {
                draft.Deliveries[index] = delivery with { DueTurn = draft.Turn + 1, Status = DeliveryStatus.Delayed };
                journal.Event(EventKind.DeliveryDelayed, seller, buyer, 0.5);
                if (journal.WriteNews)
                {
                    journal.Report("defence", $"{delivery.System} for {delivery.Buyer} slips again", $"Sanctions on {delivery.Seller}'s suppliers and banks hold up the delivery; it is now due next turn at the earliest.", delivery.Seller, delivery.Buyer);
                }

                continue;
            }

            draft.Deliveries.RemoveAt(index--);
            draft.SetMilitaryCapability(buyer, Math.Min(100, draft.Actors[buyer].MilitaryCapability + (0.4 * delivery.Value)));
            if (journal.WriteNews)
            {
                journal.Report("defence", $"{delivery.Seller} delivers {delivery.System} to {delivery.Buyer}", $"A ${delivery.Value:0.#}bn delivery arrives{(delivery.Status == DeliveryStatus.Delayed ? ", late" : " on time")}; {delivery.Buyer}'s military capability rises.", delivery.Seller, delivery.Buyer);
            }
        }

        for (var a = 0; a < draft.N; a++)
        {
            // Capability drifts towards the level its own industry sustains.
            var actor = draft.Actors[a];
            var sustained = actor.Reference.MilitaryCapability * (actor.DefenceIndustry / Math.Max(0.01, actor.Reference.DefenceIndustry));
            var capability = actor.MilitaryCapability + (0.02 * (sustained - actor.MilitaryCapability));
            if (!WorldDraft.Same(capability, actor.MilitaryCapability))
            {
                draft.SetMilitaryCapability(a, capability);
            }

            for (var b = 0; b < draft.N; b++)
            {
                if (a != b)
                {
                    Diversify(draft, a, b);
                }
            }
        }

        BuildAgreements(draft);
        UpdateDollarShare(draft);
    }

    /// <summary>0–1: how hard the technology sanctions others impose on an actor bite.</summary>
    public static double TechnologySanctionSeverity(WorldDraft draft, int actor)
    {
        var worst = 0;
        for (var d = 0; d < draft.N; d++)
        {
            if (d != actor)
            {
                worst = Math.Max(worst, (int)draft.Rel(d, actor).Sanction(SanctionDomain.Technology));
            }
        }

        return worst / 3.0;
    }

    private static void Diversify(WorldDraft draft, int a, int b)
    {
        var r = draft.Rel(a, b);
        if (r.DiversifyingTurns[0] == 0 && r.DiversifyingTurns[1] == 0 && r.DiversifyingTurns[2] == 0)
        {
            return;
        }

        var step = 0.5 / draft.Parameters.BuildTurns;
        var progress = r.Diversification.ToBuilder();
        var turns = r.DiversifyingTurns.ToBuilder();
        for (var d = 0; d < Domain.DependenceDomainCount; d++)
        {
            if (turns[d] > 0)
            {
                turns[d]--;
                progress[d] = Math.Min(1, progress[d] + step);
            }
        }

        draft.SetRel(a, b, r with { Diversification = progress.MoveToImmutable(), DiversifyingTurns = turns.MoveToImmutable() });

        if (r.DiversifyingTurns[(int)DependenceDomain.Defence] > 0)
        {
            // Arms imports move from b to a's other suppliers, in proportion to their shares.
            var moved = r.ArmsShare * 0.06;
            var others = 0.0;
            for (var c = 0; c < draft.N; c++)
            {
                others += c != a && c != b ? draft.Rel(a, c).ArmsShare : 0;
            }

            for (var c = 0; c < draft.N; c++)
            {
                if (c == a)
                {
                    continue;
                }

                var rc = draft.Rel(a, c);
                var share = c == b ? rc.ArmsShare - moved : rc.ArmsShare + (others > 0 ? moved * rc.ArmsShare / others : 0);
                draft.SetRel(a, c, rc with { ArmsShare = share });
            }
        }

        if (r.DiversifyingTurns[(int)DependenceDomain.Payments] > 0)
        {
            for (var c = 0; c < draft.N; c++)
            {
                if (c != a)
                {
                    SetUsdShare(draft, a, c, draft.Rel(a, c).UsdShare - 0.02);
                }
            }
        }
    }

    /// <summary>The next equal step of a free-trade agreement's tariff cuts; its progress is the share of the steps taken.</summary>
    private static void PhaseIn(WorldDraft draft, int k, int[] parties)
    {
        var agreement = draft.Agreements[k];
        if (agreement.SignedTurn == draft.Turn)
        {
            return; // its first step was taken as it entered into force
        }

        var stages = MovePhase.FreeTradeStages(draft);
        var left = (int)Math.Round((1 - agreement.Progress) * stages);
        if (left <= 0)
        {
            draft.Agreements[k] = agreement with { Progress = 1 };
            return;
        }

        foreach (var i in parties)
        {
            foreach (var j in parties)
            {
                if (i != j)
                {
                    MovePhase.StepTowardsCeiling(draft, i, j, agreement.Terms.TariffCeiling ?? AgreementDefaults.TariffCeiling, left);
                }
            }
        }

        draft.Agreements[k] = agreement with { Progress = Math.Min(1, agreement.Progress + (1.0 / stages)) };
    }

    private static void BuildAgreements(WorldDraft draft)
    {
        var step = 1.0 / Math.Max(1, draft.Parameters.BuildTurns);
        for (var k = 0; k < draft.Agreements.Count; k++)
        {
            var agreement = draft.Agreements[k];
            if (!agreement.InForce)
            {
                continue;
            }

            if (agreement.Progress >= 1 && agreement.Kind != AgreementKind.LocalCurrencySettlement)
            {
                continue;
            }

            var idx = new int[agreement.Parties.Length];
            for (var x = 0; x < idx.Length; x++)
            {
                idx[x] = draft.IndexOf(agreement.Parties[x]);
            }

            if (agreement.Kind == AgreementKind.FreeTrade)
            {
                PhaseIn(draft, k, idx);
                continue;
            }

            if (agreement.Progress < 1)
            {
                draft.Agreements[k] = agreement with { Progress = Math.Min(1, agreement.Progress + step) };
                if (agreement.Kind == AgreementKind.DefenceCoProduction)
                {
                    // Co-production builds the industry of every party below the strongest.
                    var strongest = idx.Max(i => draft.Actors[i].DefenceIndustry);
                    foreach (var i in idx)
                    {
                        var actor = draft.Actors[i];
                        if (actor.DefenceIndustry < strongest)
                        {
                            draft.Actors[i] = actor with { DefenceIndustry = Math.Min(strongest, actor.DefenceIndustry + 0.005) };
                        }
                    }
                }
            }

            if (agreement.Kind == AgreementKind.LocalCurrencySettlement)
            {
                var target = agreement.Terms.MaxUsdShare ?? 0.1;
                foreach (var i in idx)
                {
                    foreach (var j in idx)
                    {
                        if (i < j)
                        {
                            var share = draft.Rel(i, j).UsdShare;
                            SetUsdShare(draft, i, j, share + (0.25 * (Math.Min(share, target) - share)));
                        }
                    }
                }
            }
        }
    }

    private static void SetUsdShare(WorldDraft draft, int a, int b, double share)
    {
        share = Math.Clamp(share, 0, 1);
        SetUsdShareFrom(draft, a, b, share);
        SetUsdShareFrom(draft, b, a, share);
    }

    /// <summary>One direction's dollar share; a settlement agreement that has reached its share holds it turn after turn, and the record then stays.</summary>
    private static void SetUsdShareFrom(WorldDraft draft, int from, int to, double share)
    {
        if (!WorldDraft.Same(share, draft.Rel(from, to).UsdShare))
        {
            draft.SetUsdShare(from, to, share);
        }
    }

    private static void UpdateDollarShare(WorldDraft draft)
    {
        double weighted = 0, total = 0;
        for (var a = 0; a < draft.N; a++)
        {
            for (var b = 0; b < draft.N; b++)
            {
                if (a != b)
                {
                    var r = draft.Rel(a, b);
                    weighted += r.UsdShare * r.TotalExports;
                    total += r.TotalExports;
                }
            }
        }

        if (total > 0)
        {
            draft.SetDollarShare(weighted / total);
        }
    }
}
