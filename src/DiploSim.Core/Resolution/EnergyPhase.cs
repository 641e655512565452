using System.Globalization;

namespace DiploSim.Core.Resolution;

/// <summary>
/// Phase 5: the oil price responds to the balance of supply and demand, P = P0 · ((S − ΔD)/S0)^−f, where S is the
/// supply on the market, ΔD the demand above turn 0 the market has yet to meet (<see cref="State.GlobalState.DemandShock"/>)
/// and f the price flexibility (2–4 in the literature); discounted crude lowers the buyers' bills. Supply and demand
/// shocks of earlier turns fade as the rest of the market responds, producers and demand alike (half-life
/// <see cref="State.ModelParameters.OilShockHalfLife"/>), so the price reverts; this turn's shocks act in full. A loss the market expects and has not seen
/// (<see cref="State.GlobalState.ExpectedSupplyLoss"/>) is priced as if it had happened when it is larger than the crude sanctions
/// strand, and fades with its own half-life (<see cref="State.ModelParameters.OilExpectationHalfLife"/>). In a tight market
/// (<see cref="State.GlobalState.OilTightness"/>) the flexibility is up to <see cref="State.ModelParameters.OilTightMarketFactor"/>
/// times f, and the tightness fades as the market makes up its imbalances.
/// </summary>
internal static class EnergyPhase
{
    public static void Apply(WorldDraft draft, TurnJournal journal)
    {
        var p = draft.Parameters;
        var turnsPerYear = Math.Max(1, draft.Source.TurnsPerYear);
        var source = draft.Source.Global;
        var g = draft.Global;
        var supplyShock = Fade(source.SupplyShock, g.SupplyShock, p.OilShockHalfLife, turnsPerYear);
        var expectedLoss = Fade(source.ExpectedSupplyLoss, g.ExpectedSupplyLoss, p.OilExpectationHalfLife, turnsPerYear);
        var demandShock = Fade(source.DemandShock, g.DemandShock, p.OilShockHalfLife, turnsPerYear);
        var floor = 0.5 * g.ReferenceOilSupply;
        var supply = Math.Max(floor, g.ReferenceOilSupply + supplyShock - journal.StrandedOil);
        // The market prices the larger of the crude sanctions strand and the loss it expects (which may be the same barrels),
        // and demand it has yet to meet weighs like supply it has lost.
        var priced = Math.Max(floor, g.ReferenceOilSupply + supplyShock - demandShock - Math.Max(journal.StrandedOil, expectedLoss));
        var price = OilPrice(g.ReferenceOilPrice, priced / g.ReferenceOilSupply, Flexibility(p.OilPriceFlexibility, source.OilTightness));
        draft.Global = g with
        {
            SupplyShock = supplyShock,
            ExpectedSupplyLoss = expectedLoss,
            DemandShock = demandShock,
            OilSupply = supply,
            OilPrice = price,
            OilTightness = source.OilTightness * Halving(p.OilShockHalfLife, turnsPerYear),
        };
        TradePhase.CrudeSavings(draft, journal);

        var change = (price / g.OilPrice) - 1;
        if (journal.WriteNews && Math.Abs(change) >= 0.05)
        {
            var direction = change > 0 ? "jumps" : "falls";
            var demand = Math.Abs(demandShock) >= 0.05
                ? string.Create(CultureInfo.InvariantCulture, $", with demand {Math.Abs(demandShock):0.0} mb/d {(demandShock > 0 ? "above" : "below")} what the market met then")
                : string.Empty;
            journal.Report(
                "energy",
                string.Create(CultureInfo.InvariantCulture, $"Oil {direction} {Math.Abs(change) * 100:0}% to ${price:0.0}/bbl"),
                string.Create(CultureInfo.InvariantCulture, $"World supply is {supply:0.0} mb/d against {g.ReferenceOilSupply:0.0} at the start{demand}; importers' bills move with the price, exporters' revenues too."));
        }
    }

    /// <summary>
    /// A quantity carried from last turn (<paramref name="before"/>) that loses half of itself every
    /// <paramref name="halfLifeYears"/>, plus what this turn's shocks added to it, in full.
    /// </summary>
    private static double Fade(double before, double now, double halfLifeYears, int turnsPerYear) =>
        (before * Halving(halfLifeYears, turnsPerYear)) + (now - before);

    /// <summary>What is left after a turn of what halves every <paramref name="halfLifeYears"/> years.</summary>
    private static double Halving(double halfLifeYears, int turnsPerYear) => Math.Pow(0.5, 1.0 / (halfLifeYears * turnsPerYear));

    /// <summary>
    /// The price flexibility of a market of the given <paramref name="tightness"/> (<see cref="State.GlobalState.OilTightness"/>):
    /// <paramref name="normal"/> in a normal market, up to <see cref="State.ModelParameters.OilTightMarketFactor"/> times
    /// it in one whose cushion against shocks is spent, in proportion between.
    /// </summary>
    public static double Flexibility(double normal, double tightness) =>
        normal * (1 + ((State.ModelParameters.OilTightMarketFactor - 1) * tightness));

    /// <summary>The oil price for a supply ratio S/S0: a 1% loss raises it by about <paramref name="flexibility"/>%.</summary>
    public static double OilPrice(double referencePrice, double supplyRatio, double flexibility) =>
        referencePrice * Math.Pow(supplyRatio, -flexibility);
}
