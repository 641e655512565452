using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>Phase 3: accepted policy moves take effect — tariffs, sanctions, caps, blocs, arms orders, crude purchases, summits.</summary>
internal static class PolicyPhase
{
    public static void Apply(WorldDraft draft, List<Move> accepted, TurnJournal journal)
    {
        foreach (var move in accepted)
        {
            // A country's tariff move on goods it has announced a tariff for replaces the announcement: the last word
            // stands, as it would for two tariffs set in turn (a scenario's shocks leave announcements to their file).
            if (move is SetTariff t && draft.TariffAnnouncements.Count > 0
                && FrontRunning.Withdraw(draft, new TariffWithdrawalEffect(t.Actor, t.Target, t.Sector)) > 0 && journal.WriteNews)
            {
                journal.Report(
                    "trade",
                    $"{t.Actor} replaces the tariff it had announced on {(t.Sector is { } s ? s.Name() + " goods" : "goods")} from {t.Target}",
                    "What importers bought ahead of it comes back out of their purchases over the next turns.",
                    t.Actor,
                    t.Target);
            }

            ApplyMove(draft, move, journal, announce: true);
        }
    }

    /// <summary>Applies one validated policy move (also used by shocks that set a policy).</summary>
    public static void ApplyMove(WorldDraft draft, Move move, TurnJournal journal, bool announce)
    {
        announce &= journal.WriteNews;
        var a = draft.IndexOf(move.Actor);
        switch (move)
        {
            case SetTariff { InTurns: > 0 } m:
                {
                    FrontRunning.Announce(draft, new TariffAnnouncementEffect(m with { InTurns = 0 }, m.InTurns));
                    if (announce)
                    {
                        journal.Report(
                            "trade",
                            Capitalise(m.Describe()),
                            $"Importers in {m.Actor} buy {m.Target}'s goods ahead of it until it lands, and less for a while after; it can still be changed before then.",
                            m.Actor,
                            m.Target);
                    }

                    break;
                }

            case SetTariff m:
                {
                    var t = draft.IndexOf(m.Target);
                    var r = draft.Rel(a, t);
                    var tariffs = r.Tariffs.ToBuilder();
                    var before = Mean(r.Tariffs);
                    for (var s = 0; s < Domain.SectorCount; s++)
                    {
                        if (m.Sector is null || (int)m.Sector == s)
                        {
                            tariffs[s] = m.Rate;
                        }
                    }

                    draft.SetRel(a, t, r with { Tariffs = tariffs.MoveToImmutable() });
                    var delta = (m.Sector is null ? m.Rate - before : (m.Rate - r.Tariffs[(int)m.Sector]) / Domain.SectorCount);
                    journal.Event(EventKind.TariffChange, a, t, delta);
                    if (announce)
                    {
                        var why = delta >= 0
                            ? $"Importers in {m.Actor} pay the tariff in full, so {m.Target}'s goods get dearer there and sales fall — sharply over the following year."
                            : $"{m.Target}'s goods get cheaper in {m.Actor}; trade between them should recover over the coming turns.";
                        journal.Report("trade", Capitalise(m.Describe()), why, m.Actor, m.Target);
                    }

                    break;
                }

            case SetSanction m:
                {
                    var t = draft.IndexOf(m.Target);
                    var r = draft.Rel(a, t);
                    var steps = (int)m.Level - (int)r.Sanction(m.Domain);
                    draft.SetRel(a, t, r with { Sanctions = r.Sanctions.SetItem((int)m.Domain, m.Level) });
                    journal.Event(EventKind.SanctionChange, a, t, steps);
                    if (announce)
                    {
                        var why = steps > 0
                            ? $"Trade between them shrinks; part of what {m.Target} can no longer sell there will find other buyers, at a discount."
                            : $"Trade between {m.Actor} and {m.Target} can recover.";
                        journal.Report("sanctions", Capitalise(m.Describe()), why, m.Actor, m.Target);
                    }

                    break;
                }

            case ThreatenSecondarySanctions m:
                {
                    var t = draft.IndexOf(m.Target);
                    draft.SetRel(a, t, draft.Rel(a, t) with { SecondaryThreat = m.Active });
                    if (m.Active)
                    {
                        journal.Event(EventKind.SecondaryThreat, a, t);
                    }

                    if (announce)
                    {
                        journal.Report("sanctions", Capitalise(m.Describe()), $"Buyers of {m.Target}'s goods who settle in dollars now risk penalties; some will buy less.", m.Actor, m.Target);
                    }

                    break;
                }

            case OrderArms m:
                {
                    var s = draft.IndexOf(m.Seller);
                    var id = string.Create(CultureInfo.InvariantCulture, $"{m.Actor}-{m.Seller}-{draft.Turn}-{draft.Deliveries.Count}");
                    var at = draft.Deliveries.FindIndex(d => string.CompareOrdinal(d.Id, id) > 0);
                    draft.Deliveries.Insert(at < 0 ? draft.Deliveries.Count : at, new ArmsDelivery(id, m.Actor, m.Seller, m.System, m.Value, draft.Turn + m.DeliveryTurns, DeliveryStatus.OnTime));
                    ShiftArmsShare(draft, a, s, m.Value / (m.Value + (4 * Math.Max(0.1, draft.Actors[a].ArmsImportNeed))));
                    journal.Event(EventKind.ArmsOrder, a, s, m.Value);
                    if (announce)
                    {
                        journal.Report("defence", Capitalise(m.Describe()), $"Delivery is due in {m.DeliveryTurns} turns; {m.Actor}'s dependence on {m.Seller} for arms grows.", m.Actor, m.Seller);
                    }

                    break;
                }

            case DecideDelivery m:
                {
                    var k = draft.Deliveries.FindIndex(d => d.Id == m.DeliveryId);
                    var d = draft.Deliveries[k];
                    var buyer = draft.IndexOf(d.Buyer);
                    switch (m.Decision)
                    {
                        case DeliveryDecision.Delay:
                            draft.Deliveries[k] = d with { DueTurn = d.DueTurn + 2, Status = DeliveryStatus.Delayed };
                            journal.Event(EventKind.DeliveryDelayed, a, buyer);
                            journal.Report("defence", $"{d.Seller} delays the {d.System} for {d.Buyer}", $"The delivery slips by two turns; {d.Buyer} questions {d.Seller}'s reliability.", d.Seller, d.Buyer);
                            break;
                        case DeliveryDecision.Cancel:
                            draft.Deliveries.RemoveAt(k);
                            journal.Event(EventKind.DeliveryCancelled, a, buyer, d.Value);
                            journal.Report("defence", $"{d.Seller} cancels the {d.System} for {d.Buyer}", $"A ${d.Value:0.#}bn order will not arrive; {d.Buyer}'s trust in {d.Seller} falls sharply.", d.Seller, d.Buyer);
                            break;
                        default:
                            draft.Deliveries[k] = d with { Status = DeliveryStatus.OnTime };
                            break;
                    }

                    break;
                }

            case BuyDiscountedCrude m:
                {
                    var s = draft.IndexOf(m.Seller);
                    var r = draft.Rel(a, s);
                    draft.SetRel(a, s, r with { Crude = m.VolumeMbd > 0 ? new CrudeDeal(m.VolumeMbd, m.Discount) : null });
                    if (m.VolumeMbd > 0)
                    {
                        journal.Event(EventKind.CrudePurchase, a, s, m.VolumeMbd);
                    }

                    if (announce)
                    {
                        journal.Report("energy", Capitalise(m.Describe()), m.VolumeMbd > 0
                            ? $"Cheaper crude lowers {m.Actor}'s import bill; those who sanction {m.Seller} take it badly."
                            : $"{m.Actor} will pay the world price for the crude it replaces.", m.Actor, m.Seller);
                    }

                    break;
                }

            case SetPriceCapStance m:
                draft.Actors[a] = draft.Actors[a] with { PriceCapMember = m.Join };
                if (announce)
                {
                    journal.Report("energy", Capitalise(m.Describe()), m.Join
                        ? $"{m.Actor}'s importers may no longer buy capped crude above ${draft.Global.PriceCap:0.##}/bbl."
                        : $"{m.Actor} will buy capped crude at any price, and risks the cap coalition's displeasure.", m.Actor);
                }

                break;
            case HoldSummit m:
                {
                    var members = m.Partners.Select(draft.IndexOf).Prepend(a).ToArray();
                    foreach (var i in members)
                    {
                        foreach (var j in members)
                        {
                            if (i < j)
                            {
                                journal.Event(EventKind.Summit, i, j);
                                draft.Contact(ContactKind.Summit, i, j);
                            }
                        }

                        journal.Prestige[i] += i == a ? 0.5 : 0.3;
                    }

                    if (announce)
                    {
                        var format = m.Partners.Length > 1 ? "a summit in a group format" : "a bilateral summit";
                        journal.Report("diplomacy", Capitalise(m.Describe()), $"{format[0..1].ToUpperInvariant()}{format[1..]}: trust among the participants rises, and their rivals watch closely.", [m.Actor, .. m.Partners]);
                    }

                    break;
                }

            case MakeStatement m:
                {
                    var t = draft.IndexOf(m.About);
                    if (m.Stance != Stance.Neutral)
                    {
                        journal.Event(m.Stance == Stance.Support ? EventKind.Support : EventKind.Condemn, a, t);
                        draft.Contact(m.Stance == Stance.Support ? ContactKind.Support : ContactKind.Condemn, a, t);
                    }

                    if (announce)
                    {
                        journal.Report("diplomacy", Capitalise(m.Describe()), m.Stance switch
                        {
                            Stance.Support => $"Words cost little, but {m.About} will remember them — and so will its rivals.",
                            Stance.Condemn => $"{m.About}'s trust in {m.Actor} falls, and world tension rises a little.",
                            _ => $"{m.Actor} keeps its options open.",
                        }, m.Actor, m.About);
                    }

                    break;
                }

            case Diversify m:
                {
                    var t = draft.IndexOf(m.AwayFrom);
                    var r = draft.Rel(a, t);
                    draft.SetRel(a, t, r with { DiversifyingTurns = r.DiversifyingTurns.SetItem((int)m.Domain, draft.Parameters.BuildTurns) });
                    journal.Event(EventKind.Diversification, a, t);
                    if (announce)
                    {
                        journal.Report("strategy", Capitalise(m.Describe()), $"Over the next {draft.Parameters.BuildTurns} turns {m.Actor} relies less on {m.AwayFrom}; the change is slow but it lasts.", m.Actor, m.AwayFrom);
                    }

                    break;
                }

            case Invest m:
                {
                    var actor = draft.Actors[a];
                    var scale = m.Amount / (0.01 * actor.Gdp);
                    draft.Actors[a] = m.Capacity switch
                    {
                        Capacity.DefenceIndustry => actor with { DefenceIndustry = Math.Min(1, actor.DefenceIndustry + (0.05 * scale)) },
                        Capacity.ExportPromotion => actor with { ExportPromotion = Math.Min(1, actor.ExportPromotion + ExportPromotionAdded(draft, a, m.Amount)) },
                        _ => actor with { PaymentRails = Math.Min(1, actor.PaymentRails + (0.2 * scale)) },
                    };
                    journal.Investment[a] += m.Amount;
                    if (announce)
                    {
                        journal.Report("economy", Capitalise(m.Describe()), "The spending weighs a little on growth now and builds capacity for later.", m.Actor);
                    }

                    break;
                }

            case SetBlocMembership m:
                {
                    var blocs = draft.Global.Blocs;
                    var k = blocs.IndexOf(blocs.First(b => b.Name == m.Bloc));
                    var bloc = blocs[k];
                    var members = m.Join ? bloc.Members.Add(m.Actor).Sort(StringComparer.Ordinal) : bloc.Members.Remove(m.Actor);
                    draft.Global = draft.Global with { Blocs = blocs.SetItem(k, bloc with { Members = members }) };
                    foreach (var member in bloc.Members.Where(x => x != m.Actor))
                    {
                        journal.Event(m.Join ? EventKind.BlocJoined : EventKind.BlocLeft, a, draft.IndexOf(member));
                    }

                    if (announce)
                    {
                        journal.Report("diplomacy", Capitalise(m.Describe()), m.Join ? $"{m.Actor} gains standing with {m.Bloc}'s members." : $"{m.Bloc}'s members take the exit as a slight.", m.Actor);
                    }

                    break;
                }

            case GiveAid m:
                {
                    var t = draft.IndexOf(m.Recipient);
                    journal.AidGiven[a] += m.Amount;
                    journal.AidReceived[t] += m.Amount;
                    journal.Prestige[a] += 0.3;
                    journal.Event(EventKind.Aid, a, t, m.Amount);
                    if (announce)
                    {
                        journal.Report("economy", Capitalise(m.Describe()), $"{m.Recipient}'s economy gets a lift and its trust in {m.Actor} grows.", m.Actor, m.Recipient);
                    }

                    break;
                }

            default:
                break;
        }
    }

    /// <summary>Moves a fraction <paramref name="weight"/> of buyer a's arms imports towards seller s.</summary>
    internal static void ShiftArmsShare(WorldDraft draft, int a, int s, double weight)
    {
        weight = Math.Clamp(weight, 0, 1);
        for (var j = 0; j < draft.N; j++)
        {
            if (j == a)
            {
                continue;
            }

            var r = draft.Rel(a, j);
            var share = (r.ArmsShare * (1 - weight)) + (j == s ? weight : 0);
            draft.SetRel(a, j, r with { ArmsShare = share });
        }
    }

    private static double Mean(ImmutableArray<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>
    /// The export-promotion capacity an investment of <paramref name="amount"/> adds to actor <paramref name="a"/>:
    /// as much as lifts its non-energy exports' long-run level by <see cref="ModelParameters.ExportPromotionReturn"/>
    /// a year per dollar, so the return does not depend on how much of its output it exports. None where promotion lifts
    /// nothing (no non-energy exports, or <see cref="ModelParameters.ExportPromotionEffect"/> 0).
    /// </summary>
    internal static double ExportPromotionAdded(WorldDraft draft, int a, double amount)
    {
        var p = draft.Parameters;
        var exports = 0.0;
        for (var b = 0; b < draft.N; b++)
        {
            if (b != a)
            {
                exports += draft.Rel(a, b).TotalExports - draft.Rel(a, b).Exports[(int)Sector.Energy];
            }
        }

        // Exports scale with 1 + effect · capacity, so a dollar of exports more needs (1 + effect · capacity) / (effect · exports) of it.
        var lift = p.ExportPromotionEffect * exports;
        return lift > 0 ? p.ExportPromotionReturn * amount * (1 + (p.ExportPromotionEffect * draft.Actors[a].ExportPromotion)) / lift : 0;
    }

    internal static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
