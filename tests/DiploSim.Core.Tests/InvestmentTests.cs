using DiploSim.Core.State;

namespace DiploSim.Core.Tests;

/// <summary>What an investment in a capacity does (docs/model.md, Turn resolution and Bots).</summary>
public sealed class InvestmentTests
{
    private static readonly Invest OneDollar = new("A", Capacity.ExportPromotion, 1);

    private static double NonEnergyExports(WorldState world, string from) =>
        world.Actors.Where(a => a.Id != from).Sum(to => world.Relation(from, to.Id).TotalExports - TestWorlds.Exports(world, from, to.Id, Sector.Energy));

    [Fact]
    public void A_dollar_in_export_promotion_adds_its_yearly_exports_once_trade_has_adjusted_whatever_the_exporters_size()
    {
        foreach (var flow in new[] { 10.0, 30.0 })
        {
            // An exporter that sells three times as much gets the same exports per dollar, not three times as many.
            var world = TestWorlds.Triangle(configure: b =>
            {
                b.Exports("A", "B", 1, flow, flow, flow, flow, flow, flow);
                b.Exports("A", "C", 1, flow, flow, flow, flow, flow, flow);
            });
            var gain = NonEnergyExports(TestWorlds.Run(world, 60, [OneDollar]), "A") - NonEnergyExports(TestWorlds.Run(world, 60), "A");
            // Within 5%: the importers gain from what they import, and their demand buys a little more of everything.
            Assert.InRange(gain, 0.95 * world.Parameters.ExportPromotionReturn, 1.05 * world.Parameters.ExportPromotionReturn);
        }
    }

    [Fact]
    public void An_investment_costs_output_at_once_and_returns_more_as_its_exports_arrive()
    {
        var world = TestWorlds.Triangle();
        var p = world.Parameters;
        double Gain(int turns) => TestWorlds.Run(world, turns, [OneDollar]).Actor("A").Gdp - TestWorlds.Run(world, turns).Actor("A").Gdp;

        // The first quarter: the cost, and the first sixth of the exports; a year on, about half; then all of them.
        var quarter = Gain(1);
        var year = Gain(4);
        var late = Gain(60);
        Assert.True(quarter < year && year < late, $"output gained: {quarter} after a quarter, {year} after a year, {late} after 15 years");
        Assert.InRange(quarter, -p.InvestmentCost, (p.ExportMultiplier * p.ExportPromotionReturn * 0.2) - p.InvestmentCost);
        Assert.InRange(late, 0.95 * ((p.ExportMultiplier * p.ExportPromotionReturn) - p.InvestmentCost), 1.05 * ((p.ExportMultiplier * p.ExportPromotionReturn) - p.InvestmentCost));
    }
}
