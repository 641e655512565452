using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>Phase 1: shocks due this turn apply, in id order.</summary>
internal static class ShockPhase
{
    public static void Apply(WorldDraft draft, IReadOnlyList<Shock> shocks, TurnJournal journal)
    {
        if (shocks.Count == 0)
        {
            return;
        }

        foreach (var shock in shocks.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var notes = ImmutableArray.CreateBuilder<string>();
            var actors = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var effect in shock.Effects)
            {
                if (ApplyEffect(draft, effect, journal, actors) is { } note)
                {
                    notes.Add(note);
                }
            }

            draft.Fired(new FiredShock(shock.Id, draft.Turn));
            journal.Shocks.Add(new ShockReport(shock.Id, shock.Headline, notes.ToImmutable()));
            journal.Report("shock", shock.Headline, shock.Body, [.. actors]);
        }
    }

    private static string? ApplyEffect(WorldDraft draft, ShockEffect effect, TurnJournal journal, SortedSet<string> actors)
    {
        switch (effect)
        {
            case PolicyEffect p:
                {
                    var state = draft.Freeze(draft.Turn);
                    if (MoveRules.Validate(state, p.Policy) is { } reason)
                    {
                        return $"{p.Policy.Describe()}: {reason}";
                    }

                    actors.Add(p.Policy.Actor);
                    PolicyPhase.ApplyMove(draft, p.Policy, journal, announce: false);
                    return null;
                }

            case TariffAnnouncementEffect t:
                {
                    var state = draft.Freeze(draft.Turn);
                    if (MoveRules.Validate(state, t.Tariff) is { } reason)
                    {
                        return $"announced {t.Tariff.Describe()}: {reason}";
                    }

                    FrontRunning.Announce(draft, t);
                    actors.Add(t.Tariff.Actor);
                    actors.Add(t.Tariff.Target);
                    return null;
                }

            case TariffWithdrawalEffect w:
                {
                    var (i, j) = (draft.IndexOf(w.Actor), draft.IndexOf(w.Target));
                    if (i < 0 || j < 0 || i == j)
                    {
                        return $"tariff withdrawal names unknown actors {w.Actor}→{w.Target}";
                    }

                    actors.Add(w.Actor);
                    actors.Add(w.Target);
                    return FrontRunning.Withdraw(draft, w) > 0 ? null
                        : $"{w.Actor} has announced no tariff on {w.Target}{(w.Sector is { } s ? $"'s {s.ToString().ToLowerInvariant()}" : "")} that is still to take effect";
                }

            case OilSupplyEffect o:
                draft.Global = draft.Global with { SupplyShock = draft.Global.SupplyShock + o.DeltaMbd };
                return o.Producer is null ? null : CutProducerExports(draft, o.Producer, o.DeltaMbd, actors);
            case OilOutlookEffect o:
                draft.Global = draft.Global with { ExpectedSupplyLoss = Math.Max(0, draft.Global.ExpectedSupplyLoss - o.DeltaMbd) };
                return null;
            case OilDemandEffect o:
                draft.Global = draft.Global with { DemandShock = draft.Global.DemandShock + o.DeltaMbd };
                return null;
            case TrustEffect t:
                {
                    var (i, j) = (draft.IndexOf(t.From), draft.IndexOf(t.To));
                    if (i < 0 || j < 0 || i == j)
                    {
                        return $"trust effect names unknown actors {t.From}→{t.To}";
                    }

                    var r = draft.Rel(i, j);
                    draft.SetRel(i, j, r with { Trust = Math.Clamp(r.Trust + t.Delta, -100, 100) });
                    actors.Add(t.From);
                    actors.Add(t.To);
                    return null;
                }

            case TradeCutEffect c:
                {
                    var (i, j) = (draft.IndexOf(c.From), draft.IndexOf(c.To));
                    if (i < 0 || j < 0 || i == j)
                    {
                        return $"trade cut names unknown actors {c.From}→{c.To}";
                    }

                    var r = draft.Rel(i, j);
                    var keep = 1 - Math.Clamp(c.Fraction, 0, 1);
                    var exports = r.Exports.ToBuilder();
                    for (var s = 0; s < Domain.SectorCount; s++)
                    {
                        if (c.Sector is null || (int)c.Sector == s)
                        {
                            exports[s] *= keep;
                        }
                    }

                    draft.SetRel(i, j, r with { Exports = exports.MoveToImmutable() });
                    actors.Add(c.From);
                    actors.Add(c.To);
                    return null;
                }

            case PurchaseHaltEffect h:
                {
                    var (seller, buyer) = (draft.IndexOf(h.Seller), draft.IndexOf(h.Buyer));
                    if (seller < 0 || buyer < 0 || seller == buyer)
                    {
                        return $"purchase halt names unknown actors {h.Buyer}←{h.Seller}";
                    }

                    PurchaseHalts.Impose(draft, h);
                    actors.Add(h.Buyer);
                    actors.Add(h.Seller);
                    return null;
                }

            case PurchaseEffect b:
                {
                    var (seller, buyer) = (draft.IndexOf(b.Seller), draft.IndexOf(b.Buyer));
                    if (seller < 0 || buyer < 0 || seller == buyer)
                    {
                        return $"purchase names unknown actors {b.Buyer}←{b.Seller}";
                    }

                    Purchase(draft, b);
                    actors.Add(b.Buyer);
                    actors.Add(b.Seller);
                    return null;
                }

            case DeliveryDelayEffect d:
                for (var k = 0; k < draft.Deliveries.Count; k++)
                {
                    var delivery = draft.Deliveries[k];
                    if (delivery.Buyer == d.Buyer && delivery.Seller == d.Seller)
                    {
                        draft.Deliveries[k] = delivery with { DueTurn = delivery.DueTurn + Math.Max(0, d.Turns), Status = DeliveryStatus.Delayed };
                    }
                }

                actors.Add(d.Buyer);
                actors.Add(d.Seller);
                return null;
            case TensionEffect t:
                draft.Global = draft.Global with { Tension = Math.Clamp(draft.Global.Tension + t.Delta, 0, 100) };
                return null;
            case GdpEffect g:
                {
                    var i = draft.IndexOf(g.Actor);
                    if (i < 0)
                    {
                        return $"unknown actor '{g.Actor}'";
                    }

                    draft.Actors[i] = draft.Actors[i] with { Gdp = draft.Actors[i].Gdp * (1 + Math.Clamp(g.Fraction, -0.5, 0.5)) };
                    actors.Add(g.Actor);
                    return null;
                }

            case StabilityEffect s:
                {
                    var i = draft.IndexOf(s.Actor);
                    if (i < 0)
                    {
                        return $"unknown actor '{s.Actor}'";
                    }

                    draft.Actors[i] = draft.Actors[i] with { Stability = Math.Clamp(draft.Actors[i].Stability + s.Delta, 0, 100) };
                    actors.Add(s.Actor);
                    return null;
                }

            case AgreementEffect a:
                {
                    if (a.Parties.Length < 2 || a.Parties.Any(p => draft.IndexOf(p) < 0))
                    {
                        return $"agreement {a.Id} names unknown or too few parties";
                    }

                    if (draft.Agreements.Any(g => g.Id == a.Id && g.InForce))
                    {
                        return $"agreement {a.Id} is already in force";
                    }

                    MovePhase.EnterIntoForce(draft, a.Id, a.Kind, a.Parties, a.Terms, journal, scripted: true);
                    foreach (var p in a.Parties)
                    {
                        actors.Add(p);
                    }

                    return null;
                }

            default:
                return $"unknown effect {effect.GetType().Name}";
        }
    }

    /// <summary>Makes a purchase of a good, or replaces the one in force of the same buyer, seller and good; volume 0 ends it.</summary>
    private static void Purchase(WorldDraft draft, PurchaseEffect b)
    {
        var i = draft.Purchases.FindIndex(p => p.Buyer == b.Buyer && p.Seller == b.Seller && p.Good == b.Good);
        var volume = Math.Clamp(b.Volume, 0, ShockLimits.PurchaseVolume);
        var unitValue = Math.Clamp(b.UnitValue, 0, ShockLimits.UnitValue);
        if (!(volume > 0 && unitValue > 0))
        {
            // Nothing bought (or a number that is not one, which a scenario file refuses): the purchase ends.
            if (i >= 0)
            {
                draft.Purchases.RemoveAt(i);
            }

            return;
        }

        var purchase = new GoodsPurchase(b.Buyer, b.Seller, b.Good, volume, unitValue);
        if (i >= 0)
        {
            draft.Purchases[i] = purchase;
        }
        else
        {
            draft.Purchases.Add(purchase);
        }
    }

    /// <summary>A producer's lost barrels come out of its own energy exports, to every buyer in proportion.</summary>
    private static string? CutProducerExports(WorldDraft draft, string producer, double deltaMbd, SortedSet<string> actors)
    {
        var i = draft.IndexOf(producer);
        if (i < 0)
        {
            return $"oil supply effect names an unknown producer {producer}";
        }

        var netExports = -draft.Actors[i].NetOilImports;
        if (netExports <= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{producer} exports no oil, so its exports cannot lose {-deltaMbd:0.##} mb/d");
        }

        if (deltaMbd >= 0)
        {
            return null;
        }

        var keep = 1 - Math.Min(1, -deltaMbd / netExports);
        for (var b = 0; b < draft.N; b++)
        {
            if (b != i)
            {
                var r = draft.Rel(i, b);
                draft.SetRel(i, b, r with { Exports = r.Exports.SetItem((int)Sector.Energy, r.Exports[(int)Sector.Energy] * keep) });
            }
        }

        actors.Add(producer);
        return null;
    }
}
