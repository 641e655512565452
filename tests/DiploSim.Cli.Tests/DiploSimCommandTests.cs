using System.Text.Json;
using DiploSim.Scenarios;

namespace DiploSim.Cli.Tests;

public sealed class DiploSimCommandTests
{
    private static string Scenario(string name) => Path.Combine(ScenarioLibrary.Locate() ?? throw new InvalidOperationException("no scenarios/"), name);

    private static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = DiploSimCommand.Invoke(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Validate_every_library_scenario_exits_zero()
    {
        var (code, output, error) = Invoke(["validate", .. ScenarioLibrary.Files()]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(ScenarioLibrary.Files().Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(": ok", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_a_broken_file_exits_one_with_located_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"diplosim-broken-{Guid.NewGuid():N}.yaml");
        var text = File.ReadAllText(Scenario("first-class.yaml"))
            .Replace("  - { from: IND, to: RUS, value: 60, back: 55 }", "  - { from: IND, to: XYZ, value: 60, back: 55 }", StringComparison.Ordinal)
            .Replace("turns: 12", "turns: twelve", StringComparison.Ordinal);
        File.WriteAllText(path, text);
        try
        {
            var (code, _, error) = Invoke("validate", path);

            Assert.Equal(DiploSimCommand.InvalidScenario, code);
            Assert.Contains($"{path}:", error, StringComparison.Ordinal);
            Assert.Contains("unknown actor code", error, StringComparison.Ordinal);
            Assert.Contains("'turns' of the scenario has the wrong type", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_a_missing_file_exits_one()
    {
        var (code, _, error) = Invoke("validate", "/nonexistent/nowhere.yaml");
        Assert.Equal(DiploSimCommand.InvalidScenario, code);
        Assert.Contains("cannot be read", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "first-clas")]
    [InlineData("run", "first-clas", "--seed", "1")]
    public void A_mistyped_library_id_is_refused_with_the_ids_there_are(params string[] args)
    {
        var (code, _, error) = Invoke(args);

        Assert.Equal(DiploSimCommand.InvalidScenario, code);
        Assert.Contains("first-clas: no scenario 'first-clas': expected a scenario file or a library id (", error, StringComparison.Ordinal);
        Assert.Contains("first-class", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_without_a_seed_is_a_usage_error()
    {
        var (code, _, error) = Invoke("run", Scenario("first-class.yaml"));
        Assert.Equal(DiploSimCommand.Usage, code);
        Assert.Contains("--seed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_an_unknown_format_is_a_usage_error()
    {
        var (code, _, _) = Invoke("run", Scenario("first-class.yaml"), "--seed", "1", "--format", "xml");
        Assert.Equal(DiploSimCommand.Usage, code);
    }

    [Fact]
    public void Run_prints_every_turn_with_its_hash_and_repeats_exactly()
    {
        var first = Invoke("run", Scenario("india-russia-summit-2025.yaml"), "--seed", "7", "--turns", "6");
        var second = Invoke("run", Scenario("india-russia-summit-2025.yaml"), "--seed", "7", "--turns", "6");

        Assert.Equal(0, first.Code);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(6, first.Out.Split('\n').Count(l => l.Contains(" · hash ", StringComparison.Ordinal)));
        Assert.Contains("SHOCK  Modi and Putin hold the 23rd annual summit in New Delhi", first.Out, StringComparison.Ordinal);
        Assert.Contains("2026-Q1", first.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_by_library_id_finds_the_scenario()
    {
        var (code, output, _) = Invoke("run", "first-class", "--seed", "3", "--turns", "2", "--format", "csv");
        Assert.Equal(0, code);
        Assert.Equal(1 + (2 * 3), output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Run_json_lists_the_turns_and_differs_by_seed()
    {
        string Hashes(string seed)
        {
            var (code, output, _) = Invoke("run", Scenario("first-class.yaml"), "--seed", seed, "--format", "json", "--turns", "12");
            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(output);
            var history = doc.RootElement.GetProperty("history");
            Assert.Equal(12, history.GetArrayLength());
            return string.Join(",", history.EnumerateArray().Select(t => t.GetProperty("hash").GetString()));
        }

        Assert.Equal(Hashes("5"), Hashes("5"));
        Assert.NotEqual(Hashes("5"), Hashes("6"));
    }

    [Fact]
    public void Run_json_writes_a_seed_above_2_to_the_53_as_a_string_with_every_digit()
    {
        var (code, output, _) = Invoke("run", "first-class", "--seed", "18446744073709551557", "--turns", "1", "--format", "json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("18446744073709551557", doc.RootElement.GetProperty("seed").GetString());
    }

    [Fact]
    public void Set_overrides_reach_the_model()
    {
        var (code, output, _) = Invoke("run", Scenario("first-class.yaml"), "--seed", "1", "--turns", "1", "--format", "json", "--set", "tradeElasticity=2.5", "--set", "BuildTurns=12");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var parameters = doc.RootElement.GetProperty("parameters");
        Assert.Equal(2.5, parameters.GetProperty("TradeElasticity").GetDouble());
        Assert.Equal(12, parameters.GetProperty("BuildTurns").GetDouble());

        var baseline = Invoke("run", Scenario("first-class.yaml"), "--seed", "1", "--turns", "4", "--format", "csv");
        var changed = Invoke("run", Scenario("first-class.yaml"), "--seed", "1", "--turns", "4", "--format", "csv", "--set", "tradeElasticity=8");
        Assert.NotEqual(baseline.Out, changed.Out);
    }

    [Theory]
    [InlineData("noSuchParameter=1", 1)]
    [InlineData("tradeElasticity", 2)]
    [InlineData("tradeElasticity=abc", 2)]
    public void Bad_set_overrides_are_rejected(string set, int expected)
    {
        var (code, _, error) = Invoke("run", Scenario("first-class.yaml"), "--seed", "1", "--set", set);
        Assert.Equal(expected, code);
        Assert.NotEqual("", error);
    }

    [Fact]
    public void A_set_typo_is_reported_once_as_a_command_line_error_naming_the_flag()
    {
        var (code, _, error) = Invoke("run", Scenario("first-class.yaml"), "--seed", "1", "--set", "tradeElastic=3");

        Assert.Equal(1, code);
        Assert.StartsWith("command line: --set tradeElastic=3: unknown model parameter 'tradeElastic'; known: ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(error, "(?<![A-Za-z])TradeElasticity"));
        Assert.DoesNotContain("first-class.yaml", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TradeElasticity=-1", "model parameter TradeElasticity must be from 0.5 to 20 (found -1)")]
    [InlineData("trustDecay=5", "model parameter TrustDecay must be from 0 to 1 (found 5)")]
    public void A_set_value_outside_the_parameters_range_is_refused(string set, string message)
    {
        var (code, output, error) = Invoke("run", Scenario("first-class.yaml"), "--seed", "1", "--set", set);

        Assert.Equal(1, code);
        Assert.Equal($"command line: --set {set}: {message}\n", error.ReplaceLineEndings("\n"));
        Assert.Equal("", output);
    }

    private static (int Code, string Out, string Err) WithFile(string text, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"diplosim-hostile-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        try
        {
            return Invoke([.. args.Select(a => a == "FILE" ? path : a)]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string FirstClass(string old, string @new)
    {
        var text = File.ReadAllText(Scenario("first-class.yaml"));
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, @new, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> HostileFiles() => new()
    {
        { "a flow mapping left open", "id: x\ntitle: t\na: { b: 1,\nc:\n" },
        { "30,000 levels of [", "id: x\nturns: " + new string('[', 30_000) + new string(']', 30_000) + "\n" },
        { "30,000 levels of - ", "id: x\nturns:\n  " + string.Concat(Enumerable.Repeat("- ", 30_000)) + "1\n" },
        { "17,500 terms joined by ||", FirstClass("    probability: 0.2\n", "    when: \"" + string.Join(" || ", Enumerable.Repeat("turn > 1", 17_500)) + "\"\n") },
        { "25,000 !", FirstClass("    probability: 0.2\n", "    when: \"" + new string('!', 25_000) + "(turn > 1)\"\n") },
        { "an unknown anchor", FirstClass("turns: 12", "turns: *twelve") },
        { "a second document", File.ReadAllText(Scenario("first-class.yaml")) + "---\nid: x\n" },
        { "energy: 1e308", FirstClass("energy: 55", "energy: 1e308") },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public void Validate_a_hostile_file_exits_one_with_an_error_located_past_the_first_line(string what, string text)
    {
        var (code, _, error) = WithFile(text, "validate", "FILE");

        Assert.True(code == DiploSimCommand.InvalidScenario, $"{what}: exit {code}\n{error}");
        var first = error.Split('\n')[0];
        Assert.Matches(@"\.yaml:([2-9]|[1-9][0-9]+):[0-9]+: ", first);
    }

    [Fact]
    public void Validate_a_file_of_100000_bad_lines_prints_the_first_problems_and_how_many_more()
    {
        const int bad = 100_000;
        var text = FirstClass("  cappedExporters: [RUS]\n", "  cappedExporters:\n" + string.Concat(Enumerable.Repeat("    - ZZ\n", bad)));

        var (code, _, error) = WithFile(text, "validate", "FILE");

        Assert.Equal(DiploSimCommand.InvalidScenario, code);
        var lines = error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(DiploSimCommand.MaxProblemsPrinted + 2, lines.Length);
        Assert.All(lines[..DiploSimCommand.MaxProblemsPrinted], l => Assert.Contains("unknown actor code", l, StringComparison.Ordinal));
        Assert.EndsWith($": {bad - DiploSimCommand.MaxProblemsPrinted} more problem(s) not printed; the first {DiploSimCommand.MaxProblemsPrinted} are above", lines[^2], StringComparison.Ordinal);
        Assert.EndsWith($": {bad} problem(s)", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_of_a_file_with_too_many_problems_prints_the_first_ones_only()
    {
        var text = FirstClass("  cappedExporters: [RUS]\n", "  cappedExporters:\n" + string.Concat(Enumerable.Repeat("    - ZZ\n", 1_000)));

        var (code, _, error) = WithFile(text, "run", "FILE", "--seed", "1");

        Assert.Equal(DiploSimCommand.InvalidScenario, code);
        Assert.Equal(DiploSimCommand.MaxProblemsPrinted + 1, error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length);
    }

    public static TheoryData<string, string, string> MegabyteValues()
    {
        var big = new string('x', 900_000);
        return new()
        {
            { "an unknown actor code", "  - { from: IND, to: RUS, value: 60, back: 55 }", $"  - {{ from: IND, to: {big}, value: 60, back: 55 }}" },
            { "an unknown key", "global:\n", $"global:\n  ? {big}\n  : 1\n" },
            { "an unknown anchor", "turns: 12", $"turns: *{big}" },
            { "a shock id far longer than an id may be", "id: us-oil-penalty", $"id: {big}" },
            { "a whole number", "turns: 12", $"turns: {new string('9', 900_000)}" },
        };
    }

    [Theory]
    [MemberData(nameof(MegabyteValues))]
    public void Validate_quotes_a_900000_character_value_cut_short(string what, string old, string @new)
    {
        var (code, _, error) = WithFile(FirstClass(old, @new), "validate", "FILE");

        Assert.True(code == DiploSimCommand.InvalidScenario, $"{what}: exit {code}");
        var longest = error.ReplaceLineEndings("\n").Split('\n').Max(l => l.Length);
        Assert.True(longest < 1_000, $"{what}: a line of {longest} characters");
        Assert.Contains("characters)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("turn % 0 == 0")]
    [InlineData("turn >= 2 && 7 % (turn - 2) > 0")]
    public void Validate_and_run_a_trigger_that_divides_by_zero_exit_zero(string expression)
    {
        var text = FirstClass("    probability: 0.2\n", $"    when: \"{expression}\"\n");

        Assert.Equal(DiploSimCommand.Ok, WithFile(text, "validate", "FILE").Code);
        var (code, output, error) = WithFile(text, "run", "FILE", "--seed", "1", "--format", "json");
        Assert.True(code == DiploSimCommand.Ok, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(12, doc.RootElement.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public void Run_of_an_arms_seller_with_no_defence_industry_exits_zero_with_finite_numbers()
    {
        var (code, output, error) = WithFile(FirstClass("defenceIndustry: 0.95", "defenceIndustry: 0"), "run", "FILE", "--seed", "1", "--format", "csv");

        Assert.True(code == DiploSimCommand.Ok, error);
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_prints_the_effects_a_shock_could_not_apply()
    {
        var text = FirstClass("      - trust: { from: IND, to: USA, delta: -8 }\n", "      - trust: { from: IND, to: USA, delta: -8 }\n      - bloc: { actor: RUS, bloc: Quad, join: false }\n");

        var table = WithFile(text, "run", "FILE", "--seed", "1", "--turns", "2");
        var json = WithFile(text, "run", "FILE", "--seed", "1", "--turns", "2", "--format", "json");

        Assert.Equal(DiploSimCommand.Ok, table.Code);
        Assert.Contains("not applied  us-oil-penalty: ", table.Out, StringComparison.Ordinal);
        Assert.Contains("RUS is not a member of Quad", table.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Out);
        var notes = doc.RootElement.GetProperty("history")[1].GetProperty("shockNotes");
        Assert.Contains("RUS is not a member of Quad", Assert.Single(notes.EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_wide_writes_one_row_per_turn_with_a_column_per_metric()
    {
        var (code, output, error) = Invoke("run", "first-class", "--seed", "2", "--turns", "3", "--format", "wide", "--metrics", "exports_IND_USA, oilPrice, trust_IND_USA");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("turn,date,exports_IND_USA,oil_price,trust_IND_USA,state_hash", lines[0]);
        Assert.Equal(["0", "1", "2"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.Equal(6, l.Split(',').Length));
    }

    [Fact]
    public void Run_wide_without_metrics_records_the_batch_defaults()
    {
        var (code, output, _) = Invoke("run", "first-class", "--seed", "2", "--turns", "1", "--format", "wide");

        Assert.Equal(0, code);
        Assert.StartsWith("turn,date,gdp_", output, StringComparison.Ordinal);
        Assert.Contains(",oil_price,tension,dollar_share,trade_", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--bot", "JPN=passive" }, 1, "command line: bots: unknown actor 'JPN'")]
    [InlineData(new[] { "--bot", "IND=sleepy" }, 1, "unknown bot policy 'sleepy'")]
    [InlineData(new[] { "--format", "wide", "--metrics", "gdp_JPN" }, 1, "command line: metric 'gdp_JPN' names an actor")]
    [InlineData(new[] { "--metrics", "gdp" }, 2, "--metrics chooses the columns of --format wide")]
    public void Run_bad_bots_and_metrics_are_refused_before_the_run(string[] flags, int expected, string message)
    {
        var (code, output, error) = Invoke(["run", "first-class", "--seed", "1", "--turns", "1", .. flags]);

        Assert.Equal(expected, code);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
