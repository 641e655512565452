namespace DiploSim.Batch.Tests;

public sealed class SweepExpansionTests
{
    [Fact]
    public void Factorial_crosses_axes_last_axis_fastest()
    {
        var sweep = new ParameterSweep(
            [new ParameterAxis("TradeElasticity", [2, 3]), new ParameterAxis("OilPriceFlexibility", [1, 2, 3])], [], null);

        var points = SweepExpansion.Points(sweep, 1);

        Assert.Equal(6, points.Length);
        Assert.Equal(Enumerable.Range(0, 6), points.Select(p => p.Index));
        Assert.Equal([2.0, 1.0], points[0].Values.Select(v => v.Value));
        Assert.Equal([2.0, 3.0], points[2].Values.Select(v => v.Value));
        Assert.Equal([3.0, 1.0], points[3].Values.Select(v => v.Value));
    }

    [Fact]
    public void Named_sets_cross_with_factorial_and_win_over_swept_values()
    {
        var sweep = new ParameterSweep(
            [new ParameterAxis("TradeElasticity", [2, 3])],
            [new NamedParameterSet("low", [new ParameterValue("EnergyDiversion", 0.3)]),
                new NamedParameterSet("pinned", [new ParameterValue("TradeElasticity", 9)])],
            null);

        var points = SweepExpansion.Points(sweep, 1);

        Assert.Equal(4, points.Length);
        Assert.Equal(["low", "low", "pinned", "pinned"], points.Select(p => p.Set));
        Assert.Equal(0.3, points[1].Values.Single(v => v.Name == "EnergyDiversion").Value);
        Assert.All(points.Skip(2), p => Assert.Equal(9.0, p.Values.Single(v => v.Name == "TradeElasticity").Value));
    }

    [Fact]
    public void No_sweep_is_one_point_with_the_scenario_parameters()
    {
        var point = Assert.Single(SweepExpansion.Points(ParameterSweep.None, 1));

        Assert.Empty(point.Values);
        Assert.Equal("", point.Set);
    }

    [Fact]
    public void Latin_hypercube_hits_every_stratum_once_per_dimension()
    {
        const int N = 12;
        var lhs = new LatinHypercube(N, [new ParameterRange("TradeElasticity", 2, 5), new ParameterRange("BotTemperature", 0, 1), new ParameterRange("TrustDecay", 0.01, 0.2)]);

        var points = SweepExpansion.Points(new ParameterSweep([], [], lhs), 7);

        Assert.Equal(N, points.Length);
        foreach (var range in lhs.Ranges)
        {
            var strata = points
                .Select(p => p.Values.Single(v => v.Name == range.Name).Value)
                .Select(v => (int)Math.Floor((v - range.Low) / (range.High - range.Low) * N))
                .Order();
            Assert.Equal(Enumerable.Range(0, N), strata);
        }
    }

    [Fact]
    public void Latin_hypercube_is_reproducible_for_a_seed_and_changes_with_it()
    {
        var lhs = new LatinHypercube(10, [new ParameterRange("TradeElasticity", 2, 5), new ParameterRange("BotTemperature", 0, 1)]);
        double[] Values(ulong seed) =>
            [.. SweepExpansion.Points(new ParameterSweep([], [], lhs), seed).SelectMany(p => p.Values.Select(v => v.Value))];

        Assert.Equal(Values(3), Values(3));
        Assert.NotEqual(Values(3), Values(4));
        Assert.Equal(Values(99), SweepExpansion.Points(new ParameterSweep([], [], lhs with { Seed = 99 }), 3).SelectMany(p => p.Values.Select(v => v.Value)).ToArray());
    }

    [Theory]
    [InlineData("2..5:4", new[] { 2.0, 3.0, 4.0, 5.0 })]
    [InlineData("1..2:3", new[] { 1.0, 1.5, 2.0 })]
    [InlineData("7..7:1", new[] { 7.0 })]
    [InlineData("1, 2.5,4", new[] { 1.0, 2.5, 4.0 })]
    [InlineData("3", new[] { 3.0 })]
    public void A_sweep_reads_a_range_with_its_count_a_list_with_or_without_spaces_and_a_single_value(string text, double[] expected)
    {
        var (values, error) = ParameterSpec.ParseValues("TradeElasticity", text);

        Assert.Null(error);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Run_seeds_are_deterministic_distinct_and_non_negative()
    {
        var seeds = Enumerable.Range(0, 10_000).Select(i => RunSeeds.Derive(1, i)).ToList();

        Assert.Equal(seeds, Enumerable.Range(0, 10_000).Select(i => RunSeeds.Derive(1, i)));
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.True(s <= long.MaxValue));
        Assert.NotEqual(RunSeeds.Derive(1, 0), RunSeeds.Derive(2, 0));
    }

    [Fact]
    public void Run_seeds_match_the_values_printed_in_the_docs()
    {
        // docs/research.md: run 137 of master seed 1 (SplitMix64 of 1 + 138·γ, top bit cleared).
        Assert.Equal(667204130221040403UL, RunSeeds.Derive(1, 137));
        Assert.Equal(1854164870865395556UL, RunSeeds.Derive(11, 6));
    }
}
