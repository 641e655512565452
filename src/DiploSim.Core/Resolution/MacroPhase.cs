using System.Globalization;
using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>
/// Phase 6: GDP grows at trend plus the impulses of the turn — the change in exports (foreign demand) and in
/// imports (gains from trade), minus the change in the energy bill, in the tariffs one's own consumers pay and in the cost of financial
/// sanctions — plus aid and investment. Changes, not levels, drive growth, so a lasting tariff costs a
/// lasting level of output, not a lasting rate of growth.
/// </summary>
internal static class MacroPhase
{
    public static void Apply(WorldDraft draft, TurnJournal journal)
    {
        var p = draft.Parameters;
        var tpy = draft.Source.TurnsPerYear;
        for (var a = 0; a < draft.N; a++)
        {
            var actor = draft.Actors[a];
            var economy = Measure(draft, a, journal.EnergySavings[a]);
            var old = actor.Economy;
            var impulse =
                (p.ExportMultiplier * (economy.Exports - old.Exports))
                + (p.ImportGain * (economy.Imports - old.Imports))
                - (p.EnergyBillCost * (economy.EnergyBill - old.EnergyBill))
                - (p.TariffCostWeight * (economy.TariffCost - old.TariffCost))
                - (economy.SanctionCost - old.SanctionCost)
                - journal.AidGiven[a] + (0.5 * journal.AidReceived[a]) - (p.InvestmentCost * journal.Investment[a]);
            var trend = actor.TrendGrowth / tpy;
            var dlog = trend + (impulse / actor.Gdp);
            dlog = Math.Clamp(dlog, -0.1, 0.1);
            var gdp = actor.Gdp * Math.Exp(dlog);

            // Growth is measured from the start of the turn, so a shock to the level of output (a crop failure, a
            // war) shows in it, and in stability, which follows growth.
            var start = draft.Source.Actors[a].Gdp;
            var growth = Math.Exp(Math.Log(gdp / start) * tpy) - 1;
            draft.Actors[a] = actor with
            {
                Gdp = gdp,
                BaselineGdp = actor.BaselineGdp * Math.Exp(trend),
                Growth = growth,
                Economy = economy,
            };

            if (journal.WriteNews && growth < 0 && actor.Growth >= 0)
            {
                journal.Report("economy", $"{actor.Id}'s economy shrinks", string.Create(CultureInfo.InvariantCulture, $"Output fell at an annual rate of {-growth * 100:0.0}% this turn, against a trend of {actor.TrendGrowth * 100:0.0}% growth."), actor.Id);
            }
        }
    }

    /// <summary>An actor's trade aggregates, energy bill, tariff bill and sanctions cost in the current draft.</summary>
    public static EconomySnapshot Measure(WorldDraft draft, int a, double energySavings)
    {
        var p = draft.Parameters;
        double exports = 0, imports = 0, energy = 0, tariffCost = 0, usdWeighted = 0;
        for (var b = 0; b < draft.N; b++)
        {
            if (a == b)
            {
                continue;
            }

            var outward = draft.Rel(a, b);
            var inward = draft.Rel(b, a);
            var x = outward.TotalExports;
            var m = inward.TotalExports;
            exports += x;
            imports += m;
            energy += inward.Exports[(int)Sector.Energy];
            for (var s = 0; s < Domain.SectorCount; s++)
            {
                tariffCost += outward.Tariffs[s] * p.TariffPassThrough * inward.Exports[s];
            }

            usdWeighted += TradePhase.UsdExposure(draft, a, b) * (x + m);
        }

        var actor = draft.Actors[a];
        var exposure = exports + imports > 0 ? usdWeighted / (exports + imports) : 0;
        var severity = 0.0;
        for (var d = 0; d < draft.N; d++)
        {
            if (d != a)
            {
                severity += p.FinanceSanctionSeverity[(int)draft.Rel(d, a).Sanction(SanctionDomain.Finance)];
            }
        }

        var maxSeverity = p.FinanceSanctionSeverity[^1];
        var sanctionCost = actor.Gdp * p.FinanceSanctionGdpCost * Math.Min(2, severity / maxSeverity) * exposure;
        return new EconomySnapshot(exports, imports, Math.Max(0, energy - energySavings), tariffCost, sanctionCost);
    }
}
