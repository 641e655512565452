using DiploSim.Core.State;
using DiploSim.Core.Worlds;
using DiploSim.Scenarios;

namespace DiploSim.Core.Tests;

/// <summary>The validation targets of docs/model.md for sanctions and oil.</summary>
public sealed class SanctionsAndEnergyTests
{
    private static Move[] ComprehensiveOnRussia(string imposer) =>
        [.. Domain.SanctionDomains
            .Where(d => BaselineScenario.World().Relation(imposer, "RUS").Sanction(d) != SanctionLevel.Comprehensive)
            .Select(d => (Move)new SetSanction(imposer, "RUS", d, SanctionLevel.Comprehensive))];

    [Fact]
    public void Comprehensive_sanctions_cut_bilateral_trade_deeply_and_lastingly()
    {
        // Eurostat: EU imports from Russia fell about 87% between 2022-Q2 and 2024-Q2.
        var world = TestWorlds.Triangle(configure: b => b.Trust("A", "C", 0, 0));
        Move[] package = [.. Domain.SanctionDomains.Select(d => (Move)new SetSanction("A", "C", d, SanctionLevel.Comprehensive))];
        var treated = TestWorlds.Run(world with { Actors = world.Actors.SetItem(0, world.Actors[0] with { Capital = 20 }) }, 8, package);
        var control = TestWorlds.Run(world, 8);

        var imports = treated.Relation("C", "A").TotalExports / control.Relation("C", "A").TotalExports;
        Assert.InRange(imports, 0.0, 0.2);
        var later = TestWorlds.Run(treated, 8);
        Assert.True(later.Relation("C", "A").TotalExports / TestWorlds.Run(control, 8).Relation("C", "A").TotalExports < 0.2, "the cut must last");
    }

    [Fact]
    public void Sanctions_divert_part_of_the_lost_trade_to_partners_that_do_not_sanction()
    {
        var world = BaselineScenario.World();
        var rich = world with { Actors = [.. world.Actors.Select(a => a with { Capital = 20 })] };
        var treated = TestWorlds.Run(rich, 8, ComprehensiveOnRussia("EU"));
        var control = TestWorlds.Run(rich, 8);

        Assert.True(treated.BilateralTrade("EU", "RUS") < 0.35 * control.BilateralTrade("EU", "RUS"));
        var india = TestWorlds.Exports(treated, "RUS", "IND", Sector.Energy) - TestWorlds.Exports(control, "RUS", "IND", Sector.Energy);
        var china = TestWorlds.Exports(treated, "RUS", "CHN", Sector.Energy) - TestWorlds.Exports(control, "RUS", "CHN", Sector.Energy);
        Assert.True(india > 0.5, $"India should take diverted Russian crude, took {india:0.00}");
        Assert.True(china > 0.5, $"China should take diverted Russian crude, took {china:0.00}");
        var lost = TestWorlds.Exports(control, "RUS", "EU", Sector.Energy) - TestWorlds.Exports(treated, "RUS", "EU", Sector.Energy);
        Assert.True(india + china < lost, "only part of the lost trade is diverted");
        Assert.Equal(0, TestWorlds.Exports(treated, "RUS", "USA", Sector.Energy) - TestWorlds.Exports(control, "RUS", "USA", Sector.Energy), 6);
    }

    [Fact]
    public void Sanctions_stranded_crude_raises_the_oil_price()
    {
        var world = BaselineScenario.World();
        var rich = world with { Actors = [.. world.Actors.Select(a => a with { Capital = 20 })] };
        var treated = TestWorlds.Run(rich, 2, ComprehensiveOnRussia("EU"));
        Assert.True(treated.Global.OilPrice > world.Global.OilPrice);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.02)]
    public void Oil_supply_loss_raises_the_price_two_to_four_times_as_much(double loss)
    {
        // Kilian & Murphy (2014), Baumeister & Hamilton (2019), Caldara et al. (2019): 2–4% per 1% of supply.
        var world = BaselineScenario.World();
        var shock = new Shock("outage", "Outage", "Supply lost.", [new OilSupplyEffect(-loss * world.Global.ReferenceOilSupply)]);
        var next = TurnResolver.Resolve(world, [shock], []).State;
        var rise = (next.Global.OilPrice / world.Global.OilPrice) - 1;
        Assert.InRange(rise / loss, 2.0, 4.0);
    }

    [Theory]
    [InlineData(1.0, 2.0)]
    [InlineData(0.5, 1.5)]
    public void The_same_supply_loss_moves_the_price_up_to_twice_as_much_in_a_market_whose_cushion_is_spent(double tightness, double factor)
    {
        // Pierru, Smith & Zamrik (2018): OPEC's use of its spare capacity halved the price's volatility at most, so without
        // that buffer the same shock moves the price up to twice as much (ModelParameters.OilTightMarketFactor).
        var world = BaselineScenario.World();
        var tight = world with { Global = world.Global with { OilTightness = tightness } };
        var shock = new Shock("outage", "Outage", "Supply lost.", [new OilSupplyEffect(-0.02 * world.Global.ReferenceOilSupply)]);
        var normal = TurnResolver.Resolve(world, [shock], []).State;
        var tightened = TurnResolver.Resolve(tight, [shock], []).State;

        var normalRise = Math.Log(normal.Global.OilPrice / world.Global.OilPrice);
        var tightRise = Math.Log(tightened.Global.OilPrice / world.Global.OilPrice);
        Assert.Equal(factor, tightRise / normalRise, 9);
        Assert.Equal(2.0, ModelParameters.OilTightMarketFactor);
        Assert.True(tightened.Global.OilPrice > normal.Global.OilPrice, $"{tightened.Global.OilPrice:0.00} against {normal.Global.OilPrice:0.00}");
        Assert.InRange(((normal.Global.OilPrice / world.Global.OilPrice) - 1) / 0.02, 2.0, 4.0);
    }

    [Fact]
    public void A_tight_market_with_nothing_happening_holds_its_price_and_rebuilds_half_its_cushion_within_a_year()
    {
        // A world where no crude is stranded and no shock has struck: nothing for the tightness to amplify.
        var world = TestWorlds.Triangle();
        var state = world with { Global = world.Global with { OilTightness = 1 } };
        var calm = world;
        for (var t = 0; t < world.TurnsPerYear; t++)
        {
            state = TurnResolver.Resolve(state, []).State;
            calm = TurnResolver.Resolve(calm, []).State;
            Assert.Equal(calm.Global.OilPrice, state.Global.OilPrice, 9);
            Assert.Equal(world.Global.ReferenceOilPrice, state.Global.OilPrice, 9);
        }

        Assert.Equal(0.5, state.Global.OilTightness, 9);
        Assert.Equal(0, calm.Global.OilTightness);
    }

    [Fact]
    public void An_oil_supply_loss_is_half_made_up_within_a_year_so_the_price_reverts()
    {
        // Kilian (2009): the price response to a supply disruption is transitory, mostly gone within a year.
        var world = BaselineScenario.World();
        var shock = new Shock("outage", "Outage", "Supply lost.", [new OilSupplyEffect(-0.03 * world.Global.ReferenceOilSupply)]);
        var state = TurnResolver.Resolve(world, [shock], []).State;
        var impact = (state.Global.OilPrice / world.Global.ReferenceOilPrice) - 1;
        var rises = new List<double> { impact };
        for (var t = 0; t < 20; t++)
        {
            state = TurnResolver.Resolve(state, []).State;
            rises.Add((state.Global.OilPrice / world.Global.ReferenceOilPrice) - 1);
        }

        Assert.InRange(impact, 0.06, 0.12);
        Assert.All(rises.Zip(rises.Skip(1)), pair => Assert.True(pair.Second < pair.First, "the price falls back every quarter"));
        var yearLater = rises[world.TurnsPerYear];
        Assert.InRange(yearLater / impact, 0.35, 0.65);
        Assert.True(rises[^1] < 0.1 * impact, $"after five years the price is {rises[^1]:P1} above where it started");
    }

    [Fact]
    public void Demand_the_market_has_yet_to_meet_is_priced_as_lost_supply_and_half_met_within_a_year()
    {
        // 2022: demand that inventories had met fell on producers (EIA); the price follows supply and demand alike.
        var world = BaselineScenario.World();
        var gap = 0.03 * world.Global.ReferenceOilSupply;
        var demand = new Shock("demand", "Demand", "Demand rises.", [new OilDemandEffect(gap)]);
        var outage = new Shock("outage", "Outage", "Supply lost.", [new OilSupplyEffect(-gap)]);
        var state = TurnResolver.Resolve(world, [demand], []).State;
        var lost = TurnResolver.Resolve(world, [outage], []).State;
        var calm = TurnResolver.Resolve(world, [], []).State;

        Assert.Equal(lost.Global.OilPrice, state.Global.OilPrice, 9);
        Assert.Equal(calm.Global.OilSupply, state.Global.OilSupply, 9);
        var impact = (state.Global.OilPrice / world.Global.ReferenceOilPrice) - 1;
        var rises = new List<double> { impact };
        var unmet = new List<double> { state.Global.DemandShock };
        for (var t = 0; t < 20; t++)
        {
            state = TurnResolver.Resolve(state, []).State;
            rises.Add((state.Global.OilPrice / world.Global.ReferenceOilPrice) - 1);
            unmet.Add(state.Global.DemandShock);
        }

        Assert.Equal(gap, unmet[0], 9);
        Assert.Equal(gap / 2, unmet[world.TurnsPerYear], 9);
        Assert.All(rises.Zip(rises.Skip(1)), pair => Assert.True(pair.Second < pair.First, "the price falls back every quarter"));
        Assert.InRange(rises[world.TurnsPerYear] / impact, 0.35, 0.65);
        Assert.True(rises[^1] < 0.1 * impact, $"after five years the price is {rises[^1]:P1} above where it started");
    }

    [Fact]
    public void An_expected_supply_loss_is_priced_at_once_and_half_given_up_in_two_quarters_when_it_does_not_come()
    {
        // March 2022: the IEA expected 3 mb/d of Russian output shut in; it was not, and the price fell back.
        var world = BaselineScenario.World();
        var expected = 0.03 * world.Global.ReferenceOilSupply;
        var outlook = new Shock("outlook", "Outlook", "A loss is expected.", [new OilOutlookEffect(-expected)]);
        var outage = new Shock("outage", "Outage", "Supply lost.", [new OilSupplyEffect(-expected)]);
        var feared = TurnResolver.Resolve(world, [outlook], []).State;
        var lost = TurnResolver.Resolve(world, [outage], []).State;
        var calm = TurnResolver.Resolve(world, [], []).State;

        Assert.Equal(lost.Global.OilPrice, feared.Global.OilPrice, 9);
        Assert.Equal(calm.Global.OilSupply, feared.Global.OilSupply, 9);

        var state = feared;
        for (var t = 0; t < world.TurnsPerYear / 2; t++)
        {
            state = TurnResolver.Resolve(state, []).State;
        }

        var flexibility = new ModelParameters().OilPriceFlexibility;
        var priced = world.Global.ReferenceOilSupply * (1 - Math.Pow(state.Global.OilPrice / world.Global.ReferenceOilPrice, -1 / flexibility));
        Assert.Equal(expected / 2, state.Global.ExpectedSupplyLoss, 9);
        Assert.InRange(priced, (expected / 2) - 0.2, (expected / 2) + 0.2);
    }

    [Fact]
    public void Discounted_crude_lowers_the_buyers_energy_bill()
    {
        var world = BaselineScenario.World();
        var moved = TurnResolver.Resolve(world, [new BuyDiscountedCrude("IND", "RUS", 1.7, 0.20)]).State;
        var control = TurnResolver.Resolve(world, []).State;
        Assert.True(moved.Actor("IND").Economy.EnergyBill < control.Actor("IND").Economy.EnergyBill - 5);
    }

    [Fact]
    public void Crude_a_country_buys_replaces_its_other_suppliers_crude_instead_of_adding_to_it()
    {
        // India's Russian crude went from 2% to over a third of its imports in 2022-23 while Iraq's and Saudi Arabia's
        // shares fell: refiners ran it instead of other crude.
        // B imports energy worth 10 from A and 10 from C, and buys 0.8 mb/d of C's crude, worth about 18 a year.
        var world = TestWorlds.Triangle();
        var bought = TestWorlds.Run(world, 8, [new BuyDiscountedCrude("B", "C", 0.8, 0.10)]);
        var control = TestWorlds.Run(world, 8);
        var fromSeller = TestWorlds.Exports(bought, "C", "B", Sector.Energy) - TestWorlds.Exports(control, "C", "B", Sector.Energy);
        var fromOther = TestWorlds.Exports(bought, "A", "B", Sector.Energy) - TestWorlds.Exports(control, "A", "B", Sector.Energy);

        Assert.True(fromSeller > 5, $"C sells B {fromSeller:0.0} a year more");
        Assert.True(fromOther < -0.5 * fromSeller, $"B's other supplier sells {fromOther:0.0} a year more against C's {fromSeller:0.0}");
    }

    [Fact]
    public void Price_cap_halves_a_members_imports_of_capped_crude_when_the_price_is_above_the_cap()
    {
        var world = TestWorlds.Triangle(configure: b => b.Global(new WorldBuilder.GlobalSpec(70, 100, 30, 50, ["C"], "A")));
        var capped = TestWorlds.Run(world, 12, [new SetPriceCapStance("A", true)]);
        var control = TestWorlds.Run(world, 12);
        var ratio = TestWorlds.Exports(capped, "C", "A", Sector.Energy) / TestWorlds.Exports(control, "C", "A", Sector.Energy);
        Assert.InRange(ratio, 0.45, 0.55);
    }

    [Fact]
    public void A_producer_whose_own_barrels_are_lost_earns_less_not_more_from_the_higher_price()
    {
        // The shock in the first turn; trade follows the price from the next.
        var world = BaselineScenario.World();
        WorldState Play(params ShockEffect[] effects) =>
            TurnResolver.Resolve(TurnResolver.Resolve(world, effects.Length == 0 ? [] : [new Shock("seizures", "Seizures", "Tankers held.", [.. effects])], []).State, []).State;
        var control = Play();
        var anyone = Play(new OilSupplyEffect(-1.0));
        var russian = Play(new OilSupplyEffect(-1.0, "RUS"));
        static double EnergyExports(WorldState s) => s.Relations.Where(r => r.From == "RUS").Sum(r => r.Exports[(int)Sector.Energy]);

        Assert.Equal(anyone.Global.OilPrice, russian.Global.OilPrice);
        Assert.True(EnergyExports(anyone) > EnergyExports(control), "someone else's barrels lost: Russia sells as much at a higher price");
        Assert.True(EnergyExports(russian) < EnergyExports(control), $"its own barrels lost: {EnergyExports(russian):0.0} against {EnergyExports(control):0.0}");
        Assert.True(russian.Actor("RUS").Gdp < control.Actor("RUS").Gdp);
    }
}
