using System.Globalization;
using System.Text.RegularExpressions;
using DiploSim.Core.State;

namespace DiploSim.Core.Tests;

/// <summary>The ranges of the model parameters (docs/model.md, "Parameters").</summary>
public sealed partial class ModelParametersTests
{
    [Theory]
    [InlineData("TrustDecay", 5)]
    [InlineData("TradeElasticity", -1)]
    [InlineData("TradeElasticity", 0)]
    [InlineData("BuildTurns", 0)]
    [InlineData("BuildTurns", 2.5)]
    [InlineData("SanctionSlipChance", 1.01)]
    [InlineData("OilPriceFlexibility", double.NaN)]
    [InlineData("ExportMultiplier", double.PositiveInfinity)]
    public void A_value_outside_a_parameters_range_is_refused_with_the_range(string name, double value)
    {
        var result = new ModelParameters().With(name, value);

        Assert.False(result.IsOk);
        Assert.Contains(ModelParameters.RangeOf(name)!.ToString(), result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_default_lies_inside_its_range_and_both_ends_of_every_range_are_accepted()
    {
        var defaults = new ModelParameters();
        Assert.Empty(defaults.Problems());
        foreach (var name in ModelParameters.ScalarNames)
        {
            var range = ModelParameters.RangeOf(name)!;
            Assert.True(defaults.With(name, range.Min).IsOk, $"{name} = {range.Min}");
            Assert.True(defaults.With(name, range.Max).IsOk, $"{name} = {range.Max}");
        }
    }

    [Theory]
    [InlineData("tradeElasticity")]
    [InlineData("TradeElasticity")]
    [InlineData("TRADEELASTICITY")]
    public void A_parameter_name_matches_without_regard_to_case(string name)
    {
        Assert.Equal("TradeElasticity", ModelParameters.CanonicalName(name));
        Assert.Equal(3.5, new ModelParameters().With(name, 3.5).Value!.TradeElasticity);
    }

    [Fact]
    public void A_world_with_a_parameter_out_of_range_does_not_build()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestWorlds.Triangle(parameters: new ModelParameters { TrustDecay = 5 }));

        Assert.Contains("TrustDecay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parameter_table_of_the_model_page_gives_each_parameters_range()
    {
        var page = File.ReadAllText(Path.Combine(CoreBoundaryTests.RepositoryRoot(), "docs", "model.md"));
        var rows = TableRow().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["range"].Value, StringComparer.Ordinal);
        foreach (var name in ModelParameters.ScalarNames)
        {
            var range = ModelParameters.RangeOf(name)!;
            var expected = string.Create(CultureInfo.InvariantCulture, $"{range.Min}–{range.Max}{(range.Whole ? ", whole" : "")}");
            Assert.True(rows.TryGetValue(name, out var documented), $"docs/model.md has no row for {name}");
            Assert.Equal(expected, documented);
        }
    }

    [GeneratedRegex(@"^\| `(?<name>\w+)`[^|]*\| [^|]+ \| (?<range>[^|]+?) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
