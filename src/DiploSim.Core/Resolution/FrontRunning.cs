using System.Collections.Immutable;
using System.Runtime.InteropServices;
using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>
/// Tariffs announced ahead of their effect (<see cref="TariffAnnouncementEffect"/>) and the imports bought ahead of them
/// (<see cref="TariffAnnouncement"/>). An announced tariff lands after the shocks of its turn. Until then, each turn the
/// importer's buyers add <see cref="ModelParameters.FrontRunShare"/> of the cut the tariff is expected to make in its
/// first year to what they import; once it has landed or been withdrawn, what they bought ahead comes back out of their
/// imports in equal parts over as many turns as they bought it in, so no goods are created. Like a purchase halt, the
/// addition is made after trade adjusts and taken back before the next adjustment, so trade moves the flow underneath
/// as if nobody had bought ahead.
/// </summary>
internal static class FrontRunning
{
    /// <summary>Records an announcement made this turn; it lands <see cref="TariffAnnouncementEffect.Turns"/> turns later.</summary>
    public static void Announce(WorldDraft draft, TariffAnnouncementEffect effect)
    {
        ImmutableArray<double> zeros = [.. new double[Domain.SectorCount]];
        var t = effect.Tariff;
        draft.TariffAnnouncements.Add(new TariffAnnouncement(t.Actor, t.Target, t.Sector, t.Rate, draft.Turn + Math.Max(1, effect.Turns), Pending: true, Turns: 0, zeros, zeros));
    }

    /// <summary>Ends the run-up of the pending announcements the withdrawal names; returns how many it ended.</summary>
    public static int Withdraw(WorldDraft draft, TariffWithdrawalEffect effect)
    {
        var ended = 0;
        for (var k = 0; k < draft.TariffAnnouncements.Count; k++)
        {
            var a = draft.TariffAnnouncements[k];
            if (a.Pending && a.Importer == effect.Actor && a.Exporter == effect.Target && (effect.Sector is null || a.Sector == effect.Sector))
            {
                draft.TariffAnnouncements[k] = a with { Pending = false };
                ended++;
            }
        }

        return ended;
    }

    /// <summary>
    /// After the turn's shocks: the announced tariffs due this turn take effect (validated like a shock's tariff; one that
    /// cannot apply is reported and does not land). Returns whether any landed.
    /// </summary>
    public static bool Land(WorldDraft draft, TurnJournal journal)
    {
        var landed = false;
        for (var k = 0; k < draft.TariffAnnouncements.Count; k++)
        {
            var a = draft.TariffAnnouncements[k];
            if (!a.Pending || draft.Turn < a.EffectiveTurn)
            {
                continue;
            }

            draft.TariffAnnouncements[k] = a with { Pending = false };
            var tariff = new SetTariff(a.Importer, a.Exporter, a.Sector, a.Rate);
            if (MoveRules.Validate(draft.Freeze(draft.Turn), tariff) is { } reason)
            {
                journal.Report("trade", $"An announced tariff does not take effect: {tariff.Describe()}", reason, a.Importer, a.Exporter);
                continue;
            }

            PolicyPhase.ApplyMove(draft, tariff, journal, announce: false);
            journal.Report(
                "trade",
                $"Announced tariff takes effect: {tariff.Describe()}",
                $"Importers in {a.Importer} bought {a.Exporter}'s goods ahead of it; they now buy less for a while as they draw down what they bought early.",
                a.Importer,
                a.Exporter);
            landed = true;
        }

        return landed;
    }

    /// <summary>Before trade adjusts: each flow gives back what an announcement added to it or took off it last turn.</summary>
    public static void Release(WorldDraft draft)
    {
        for (var k = draft.TariffAnnouncements.Count - 1; k >= 0; k--)
        {
            var a = draft.TariffAnnouncements[k];
            var (importer, exporter) = (draft.IndexOf(a.Importer), draft.IndexOf(a.Exporter));
            var r = draft.Rel(exporter, importer);
            var exports = r.Exports;
            for (var s = 0; s < Domain.SectorCount; s++)
            {
                if (a.Moved[s] != 0)
                {
                    exports = exports.SetItem(s, Math.Max(0, exports[s] - a.Moved[s]));
                }
            }

            if (exports != r.Exports)
            {
                draft.SetRel(exporter, importer, r with { Exports = exports });
            }
        }
    }

    /// <summary>
    /// After trade adjusts, before purchase halts and seasons: importers buy ahead of each pending announcement, and draw
    /// down what they bought ahead of one that has landed or been withdrawn. Each announcement's share is of the flow as
    /// trade left it, whatever the others on the same flow do. One with nothing left to draw down is dropped.
    /// </summary>
    public static void Hold(WorldDraft draft)
    {
        draft.TariffAnnouncements.RemoveAll(a => !a.Pending && a.Turns == 0);
        var count = draft.TariffAnnouncements.Count;
        if (count == 0)
        {
            return;
        }

        // First what each would move, on the flows as trade left them; then the moves, none taking a flow below zero.
        var planned = new double[count][];
        for (var k = 0; k < count; k++)
        {
            planned[k] = Planned(draft, draft.TariffAnnouncements[k]);
        }

        for (var k = 0; k < count; k++)
        {
            var a = draft.TariffAnnouncements[k];
            var (importer, exporter) = (draft.IndexOf(a.Importer), draft.IndexOf(a.Exporter));
            var r = draft.Rel(exporter, importer);
            var exports = r.Exports.ToBuilder();
            var stock = a.Stock.ToBuilder();
            var moved = new double[Domain.SectorCount];
            for (var s = 0; s < Domain.SectorCount; s++)
            {
                var move = Math.Max(planned[k][s], -exports[s]);
                exports[s] += move;
                moved[s] = move;
                // The last part of a draw-down takes what is left, as far as the flow allows; the rest is forgotten.
                stock[s] = !a.Pending && a.Turns == 1 ? 0 : stock[s] + move;
            }

            draft.SetRel(exporter, importer, r with { Exports = exports.MoveToImmutable() });
            draft.TariffAnnouncements[k] = a with
            {
                Turns = a.Pending ? a.Turns + 1 : a.Turns - 1,
                Stock = stock.MoveToImmutable(),
                Moved = ImmutableCollectionsMarshal.AsImmutableArray(moved),
            };
        }
    }

    /// <summary>
    /// What an announcement would add to (+) or take off (−) each flow it covers this turn: while pending, its share of
    /// what the tariff is expected to cut in its first year (negative for a cut, whose purchases are put off until it
    /// lands); after, an equal part of what is left to draw down.
    /// </summary>
    private static double[] Planned(WorldDraft draft, TariffAnnouncement a)
    {
        var p = draft.Parameters;
        var (importer, exporter) = (draft.IndexOf(a.Importer), draft.IndexOf(a.Exporter));
        var exports = draft.Rel(exporter, importer).Exports;
        var tariffs = draft.Rel(importer, exporter).Tariffs;
        var planned = new double[Domain.SectorCount];
        for (var s = 0; s < Domain.SectorCount; s++)
        {
            if (a.Sector is { } only && (int)only != s)
            {
                continue;
            }

            var flow = exports[s];
            if (a.Pending)
            {
                var firstYear = Math.Pow((1 + (p.TariffPassThrough * a.Rate)) / (1 + (p.TariffPassThrough * tariffs[s])), -p.ShortRunTradeElasticity);
                planned[s] = Math.Max(-flow, ModelParameters.FrontRunShare * flow * (1 - firstYear));
            }
            else
            {
                var part = a.Stock[s] / a.Turns;
                planned[s] = -(part > 0 ? Math.Min(part, flow) : part);
            }
        }

        return planned;
    }
}
