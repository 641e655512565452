using System.Text;

namespace DiploSim.Scenarios.Tests.Fuzz;

/// <summary>
/// The inputs that crashed <c>diplosim validate</c> or <c>run</c> in the fuzz of issue 18, each built from the
/// first-class scenario: every one now gets a located error, or loads and plays with finite numbers.
/// </summary>
public sealed class CrashClassTests
{
    private static readonly string FirstClass = File.ReadAllText(Library.File("first-class.yaml"));

    private static string Replace(string old, string @new)
    {
        Assert.Contains(old, FirstClass, StringComparison.Ordinal);
        return FirstClass.Replace(old, @new, StringComparison.Ordinal);
    }

    private static string When(string expression) => Replace("    probability: 0.2\n", $"    when: \"{expression}\"\n");

    private static int LineOf(string text, string what) => text[..text.IndexOf(what, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private static ScenarioError SingleError(string text)
    {
        var result = ScenarioLoader.Parse(text, "fuzz.yaml");
        Assert.False(result.IsOk);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void A_flow_mapping_left_open_is_reported_where_the_reader_stopped()
    {
        var error = SingleError("id: x\ntitle: t\na: { b: 1,\nc:\n");

        Assert.Equal("the file is not valid YAML", error.What);
        Assert.True(error.Line >= 3, error.ToString());
    }

    [Fact]
    public void A_line_separator_inside_a_flow_mapping_is_a_located_error()
    {
        var text = Replace("global:\n  oilPrice: 65", "global: { oilPrice: 65,\u2028 tension: 50 \u2028}\nx:\n  oilPrice: 65");
        var result = ScenarioLoader.Parse(text, "fuzz.yaml");

        Assert.False(result.IsOk);
        Assert.All(result.Errors, e => Assert.True(e.Line >= LineOf(text, "global:"), e.ToString()));
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void Thirty_thousand_levels_of_flow_nesting_stop_at_the_depth_limit(string open, string close)
    {
        var text = Replace("turns: 12", "turns: " + string.Concat(Enumerable.Repeat(open, 30_000)) + "1" + string.Concat(Enumerable.Repeat(close, 30_000)));
        var error = SingleError(text);

        Assert.Contains($"nest more than {YamlText.MaxDepth} deep", error.Found, StringComparison.Ordinal);
        Assert.Equal(LineOf(text, "turns:"), error.Line);
    }

    [Fact]
    public void Thirty_thousand_levels_of_block_lists_stop_at_the_depth_limit()
    {
        var text = Replace("turns: 12", "turns:\n  " + string.Concat(Enumerable.Repeat("- ", 30_000)) + "1");
        var error = SingleError(text);

        Assert.Contains($"nest more than {YamlText.MaxDepth} deep", error.Found, StringComparison.Ordinal);
        Assert.Equal(LineOf(text, "turns:") + 1, error.Line);
    }

    [Fact]
    public void An_alias_bomb_stops_at_the_node_limit()
    {
        var bomb = new StringBuilder("bomb0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            bomb.Append($"bomb{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var error = SingleError(bomb.ToString());

        Assert.Contains("values (aliases counted as copies)", error.Found, StringComparison.Ordinal);
        Assert.InRange(error.Line, 5, 12);
    }

    [Theory]
    [InlineData(17_500, " || ", "turn > 1")]
    [InlineData(25_000, "", "!")]
    public void A_very_long_expression_is_refused_before_it_is_parsed(int count, string separator, string term)
    {
        var text = When(string.Join(separator, Enumerable.Repeat(term, count)) + (term == "!" ? "(turn > 1)" : ""));
        var error = SingleError(text);

        Assert.Equal("the trigger expression is too long", error.What);
        Assert.Equal(LineOf(text, $"when: \"{term}"), error.Line);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("!(", ")")]
    [InlineData("-", "")]
    public void An_expression_that_nests_past_the_limit_in_few_characters_is_refused(string open, string close)
    {
        var text = When(string.Concat(Enumerable.Repeat(open, 300)) + "turn" + string.Concat(Enumerable.Repeat(close, 300)) + " > 1");
        var error = SingleError(text);

        Assert.Equal("the trigger expression nests too deep", error.What);
    }

    [Theory]
    [InlineData("turn % 0 == 0")]
    [InlineData("turn / 0 == 0")]
    [InlineData("turn >= 2 && 7 % (turn - 2) > 0")]
    [InlineData("turn >= 2 && 7 / (turn - 2) > 0")]
    [InlineData("(0 - 1) ** 0.5 == 0")]
    [InlineData("oilPrice * 1e308 * 1e308 > 0")]
    public void Division_by_zero_and_overflow_in_an_expression_load_and_play(string expression)
    {
        var result = ScenarioLoader.Parse(When(expression), "fuzz.yaml");

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        Assert.Equal(0, Play.NonFinite(result.Scenario!, 4));
    }

    [Theory]
    [InlineData("turn % 0 == 0", 0, true)]
    [InlineData("turn / 0 == 0", 3, true)]
    [InlineData("7 % (turn - 2) > 0", 2, false)]
    [InlineData("7 % (turn - 2) > 0", 4, true)]
    [InlineData("oilPrice * 1e308 * 1e308 > 1e308", 0, true)]
    [InlineData("(0 - 1) ** 0.5 == 0", 0, true)]
    public void Arithmetic_follows_the_documented_rule(string expression, int turn, bool expected)
    {
        var scenario = ScenarioLoader.Parse(FirstClass, "first-class.yaml").Scenario!;
        var (condition, problems) = Condition.Compile(expression, ["IND", "RUS", "USA"], []);
        Assert.Empty(problems);

        var value = condition!.Evaluate(scenario.World with { Turn = turn });

        Assert.True(value.IsOk, value.Error);
        Assert.Equal(expected, value.Value);
    }

    [Fact]
    public void An_arms_seller_with_no_defence_industry_plays_with_finite_numbers()
    {
        var result = ScenarioLoader.Parse(Replace("defenceIndustry: 0.95", "defenceIndustry: 0"), "fuzz.yaml");

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        Assert.Equal(0, Play.NonFinite(result.Scenario!, 6));
    }

    [Theory]
    [InlineData("energy: 55", "energy: 1e308")]
    [InlineData("gdp: 4100", "gdp: 1e300")]
    [InlineData("oilConsumption: 5.6", "oilConsumption: 1e9")]
    [InlineData("armsImportNeed: 5", "armsImportNeed: 1e12")]
    public void A_figure_above_its_limit_is_refused_where_it_stands(string old, string @new)
    {
        var text = Replace(old, @new);
        var error = SingleError(text);

        Assert.Contains("is out of range", error.What, StringComparison.Ordinal);
        Assert.Equal(LineOf(text, @new), error.Line);
    }

    [Fact]
    public void A_tab_on_a_blank_line_is_an_empty_line()
    {
        var result = ScenarioLoader.Parse(Replace("seed: 1\n\n", "seed: 1\n\t\n"), "fuzz.yaml");

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
    }

    [Fact]
    public void A_tab_used_as_indentation_is_reported_on_its_line()
    {
        var text = Replace("  - id: IND\n    name: India\n", "  - id: IND\n\tname: India\n");
        var error = SingleError(text);

        Assert.InRange(error.Line, LineOf(text, "  - id: IND"), LineOf(text, "\tname: India"));
        Assert.NotEqual((1, 1), (error.Line, error.Column));
    }

    [Fact]
    public void An_unknown_anchor_is_reported_at_the_alias()
    {
        var text = Replace("turns: 12", "turns: *twelve");
        var error = SingleError(text);

        Assert.Contains("*twelve", error.Found, StringComparison.Ordinal);
        Assert.Equal((LineOf(text, "*twelve"), 8), (error.Line, error.Column));
    }

    [Fact]
    public void A_second_document_is_reported_where_it_starts()
    {
        var text = FirstClass + "---\nid: another\n";
        var error = SingleError(text);

        Assert.Contains("a second one starts here", error.Found, StringComparison.Ordinal);
        Assert.Equal(LineOf(text, "---\nid: another"), error.Line);
    }

    [Fact]
    public void A_key_given_twice_is_reported_at_the_second()
    {
        var text = Replace("turns: 12\n", "turns: 12\nturns: 13\n");
        var error = SingleError(text);

        Assert.Contains("'turns' appears twice", error.Found, StringComparison.Ordinal);
        Assert.Equal(LineOf(text, "turns: 13"), error.Line);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused()
    {
        var error = SingleError(FirstClass + "# " + new string('x', YamlText.MaxCharacters) + "\n");

        Assert.Contains("more than the limit", error.Found, StringComparison.Ordinal);
    }

    /// <summary>Every figure of every actor and flow at one end of its range (docs/scenarios.md, "Valid ranges").</summary>
    public static TheoryData<string> Extremes() => ["highest", "lowest"];

    [Theory]
    [MemberData(nameof(Extremes))]
    public void A_world_at_the_ends_of_the_valid_ranges_plays_with_finite_numbers(string end)
    {
        var high = end == "highest";
        var figures = new Dictionary<string, string>
        {
            ["gdp"] = high ? "1e6" : "0.001",
            ["trendGrowth"] = high ? "0.5" : "-0.5",
            ["oilProduction"] = high ? "200" : "0",
            ["oilConsumption"] = high ? "200" : "0",
            ["militaryCapability"] = high ? "100" : "0",
            ["armsImportNeed"] = high ? "10000" : "0",
            ["defenceIndustry"] = high ? "1" : "0",
            ["stability"] = high ? "100" : "0",
            ["energy"] = high ? "100000" : "0",
            ["defence"] = high ? "100000" : "0",
            ["agriculture"] = high ? "100000" : "0",
            ["pharma"] = high ? "100000" : "0",
            ["industrial"] = high ? "100000" : "0",
            ["technology"] = high ? "100000" : "0",
            ["other"] = high ? "100000" : "0",
            ["rate"] = high ? "2" : "0",
            ["oilPrice"] = high ? "1000" : "1",
            ["oilSupply"] = high ? "1000" : "1",
            ["tension"] = high ? "100" : "0",
        };
        var shocks = FirstClass.IndexOf("\nshocks:", StringComparison.Ordinal);
        var text = System.Text.RegularExpressions.Regex.Replace(FirstClass[..shocks], @"\b(\w+): (-?[0-9.]+)\b(?=[ ,}\n])",
            m => figures.TryGetValue(m.Groups[1].Value, out var value) ? $"{m.Groups[1].Value}: {value}" : m.Value) + FirstClass[shocks..];
        var result = ScenarioLoader.Parse(text, "extremes.yaml");

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        Assert.Equal(0, Play.NonFinite(result.Scenario!, 12));
    }
}
