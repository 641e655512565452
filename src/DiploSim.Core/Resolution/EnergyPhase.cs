using System.Globalization;

namespace DiploSim.Core.Resolution;

/// <summary>
/// Phase 5: the oil price responds to supply taken off the market, P = P0 · (S/S0)^−f, where f is the
/// price flexibility (2–4 in the literature); discounted crude lowers the buyers' bills. Supply shocks of
/// earlier turns fade as other producers and demand respond (half-life <see cref="State.ModelParameters.OilShockHalfLife"/>),
/// so the price reverts; this turn's shocks act in full.
/// </summary>
internal static class EnergyPhase
{
    public static void Apply(WorldDraft draft, TurnJournal journal)
    {
        var before = draft.Source.Global.SupplyShock;
        var retained = Math.Pow(0.5, 1.0 / (draft.Parameters.OilShockHalfLife * Math.Max(1, draft.Source.TurnsPerYear)));
        var g = draft.Global with { SupplyShock = (before * retained) + (draft.Global.SupplyShock - before) };
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
