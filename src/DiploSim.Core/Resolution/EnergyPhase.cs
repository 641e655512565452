using System.Globalization;

namespace DiploSim.Core.Resolution;

/// <summary>
/// Phase 5: the oil price responds to supply taken off the market, P = P0 · (S/S0)^−f, where f is the
/// price flexibility (2–4 in the literature); discounted crude lowers the buyers' bills.
/// </summary>
internal static class EnergyPhase
{
    public static void Apply(WorldDraft draft, TurnJournal journal)
    {
        var g = draft.Global;
        var supply = Math.Max(0.5 * g.ReferenceOilSupply, g.ReferenceOilSupply + g.SupplyShock - journal.StrandedOil);
        var price = OilPrice(g.ReferenceOilPrice, supply / g.ReferenceOilSupply, draft.Parameters.OilPriceFlexibility);
        draft.Global = g with { OilSupply = supply, OilPrice = price };
        TradePhase.CrudeSavings(draft, journal);

        var change = (price / g.OilPrice) - 1;
        if (Math.Abs(change) >= 0.05)
        {
            var direction = change > 0 ? "jumps" : "falls";
            journal.Report(
                "energy",
                string.Create(CultureInfo.InvariantCulture, $"Oil {direction} {Math.Abs(change) * 100:0}% to ${price:0.0}/bbl"),
                string.Create(CultureInfo.InvariantCulture, $"World supply is {supply:0.0} mb/d against {g.ReferenceOilSupply:0.0} at the start; importers' bills move with the price, exporters' revenues too."));
        }
    }

    /// <summary>The oil price for a supply ratio S/S0: a 1% loss raises it by about <paramref name="flexibility"/>%.</summary>
    public static double OilPrice(double referencePrice, double supplyRatio, double flexibility) =>
        referencePrice * Math.Pow(supplyRatio, -flexibility);
}
