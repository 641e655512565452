using DiploSim.Core.State;
using DiploSim.Scenarios;

namespace DiploSim.Core.Tests;

/// <summary>The baseline reproduces the calibration table and drifts slowly with no moves.</summary>
public sealed class BaselineTests
{
    [Theory]
    [InlineData("IND", "RUS", 4.9)]
    [InlineData("RUS", "IND", 63.8)]
    [InlineData("IND", "USA", 86.5)]
    [InlineData("USA", "IND", 45.3)]
    [InlineData("IND", "CHN", 14.3)]
    [InlineData("CHN", "IND", 113.5)]
    public void Turn_zero_directed_flows_match_the_calibration_table(string from, string to, double expected)
    {
        var world = BaselineScenario.World();
        Assert.InRange(world.Relation(from, to).TotalExports, expected * 0.9, expected * 1.1);
    }

    [Theory]
    [InlineData("IND", "RUS", 68.7)]
    [InlineData("IND", "USA", 131.8)]
    [InlineData("IND", "CHN", 127.7)]
    [InlineData("RUS", "CHN", 244.8)]
    [InlineData("USA", "CHN", 688.3)]
    public void Turn_zero_bilateral_trade_matches_the_calibration_table(string a, string b, double expected)
    {
        var world = BaselineScenario.World();
        Assert.InRange(world.BilateralTrade(a, b), expected * 0.9, expected * 1.1);
        var first = TurnResolver.Resolve(world, []).State;
        Assert.InRange(first.BilateralTrade(a, b), expected * 0.9, expected * 1.1);
    }

    [Fact]
    public void Turn_zero_policies_of_the_calibration_table_are_in_place()
    {
        var world = BaselineScenario.World();
        Assert.Equal(0.5, world.Relation("USA", "IND").Tariffs[(int)Sector.Industrial]);
        Assert.Equal(SanctionLevel.Comprehensive, world.Relation("EU", "RUS").Sanction(SanctionDomain.Finance));
        Assert.Equal(47.6, world.Global.PriceCap);
        Assert.True(world.Relation("IND", "RUS").UsdShare <= 0.1, "over 90% of India–Russia trade is settled in national currencies");
        Assert.Equal(0.36, world.Relation("IND", "RUS").ArmsShare);
        var indiaCrude = world.Relation("IND", "RUS").Crude!.VolumeMbd / world.Actor("IND").NetOilImports;
        Assert.InRange(indiaCrude, 0.3, 0.45); // ~39% of India's crude imports (Vortexa)
        Assert.Contains(world.Agreements, g => g.Id == "relos" && g.InForce);
        Assert.Contains(world.Actor("IND").Interests.Goals, g => g.Target == "RUS" && g.TradeTarget == 100);
    }

    [Fact]
    public void Forty_turns_with_no_moves_stay_finite_positive_and_slow_moving()
    {
        var state = BaselineScenario.World();
        for (var t = 0; t < 40; t++)
        {
            var next = TurnResolver.Resolve(state, []).State;
            foreach (var actor in next.Actors)
            {
                var before = state.Actor(actor.Id);
                Assert.True(double.IsFinite(actor.Gdp) && actor.Gdp > 0);
                Assert.InRange(actor.Gdp / before.Gdp, 0.99, 1.03);
                Assert.InRange(actor.Stability, 0, 100);
                Assert.True(double.IsFinite(actor.Scores.Utility));
            }

            foreach (var relation in next.Relations)
            {
                Assert.All(relation.Exports, x => Assert.True(double.IsFinite(x) && x >= 0));
            }

            for (var k = 0; k < next.Relations.Length; k++)
            {
                // Flows measured before a tariff took effect (India's exports to the US) move towards their level under it.
                var (x0, x1) = (state.Relations[k].TotalExports, next.Relations[k].TotalExports);
                var importer = next.Relation(next.Relations[k].To, next.Relations[k].From);
                if (x0 > 1 && importer.Reference.Tariffs.SequenceEqual(importer.Tariffs))
                {
                    Assert.InRange(x1 / x0, 0.97, 1.03);
                }
            }

            Assert.InRange(next.Global.OilPrice / state.Global.OilPrice, 0.98, 1.02);
            state = next;
        }

        Assert.InRange(state.BilateralTrade("IND", "RUS"), 68.7, 68.7 * 1.6);
    }

    [Fact]
    public void Lifting_the_US_tariffs_on_India_brings_its_exports_back_to_their_measured_level_not_a_multiple()
    {
        // The FY2024-25 flows predate the 50% tariffs: lifting them at turn 0 leaves trade where it was measured.
        var world = BaselineScenario.World();
        var lifted = TestWorlds.Run(world, 12, [new SetTariff("USA", "IND", null, 0.03)]);

        Assert.InRange(lifted.Relation("IND", "USA").TotalExports / world.Relation("IND", "USA").TotalExports, 0.95, 1.25);
    }

    [Fact]
    public void Under_the_50_percent_US_tariffs_India_sells_the_US_less_each_year()
    {
        var world = BaselineScenario.World();
        var oneYear = TestWorlds.Run(world, 4);
        var threeYears = TestWorlds.Run(world, 12);

        Assert.InRange(oneYear.Relation("IND", "USA").TotalExports / world.Relation("IND", "USA").TotalExports, 0.6, 0.9);
        Assert.True(threeYears.Relation("IND", "USA").TotalExports < oneYear.Relation("IND", "USA").TotalExports);
    }
}
