using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Scenarios.Tests;

public sealed class ScenarioErrorTests
{
    /// <summary>A small valid scenario; tests break one line of it and check where the error is reported.</summary>
    private const string Valid = """
        id: tiny
        title: Tiny
        start: 2026-Q1
        turns: 8
        actors:
          - id: AAA
            name: Alpha
            gdp: 1000
            trendGrowth: 0.02
            oilProduction: 1
            oilConsumption: 2
            militaryCapability: 50
            armsImportNeed: 1
            defenceIndustry: 0.5
            stability: 60
            interests: { prosperity: 0.4, security: 0.2, energySecurity: 0.2, autonomy: 0.1, influence: 0.1 }
            doctrine: { riskAppetite: 0.5, favoured: [setTariff] }
          - id: BBB
            name: Beta
            gdp: 500
            trendGrowth: 0.03
            oilProduction: 3
            oilConsumption: 1
            militaryCapability: 40
            armsImportNeed: 1
            defenceIndustry: 0.5
            stability: 60
            interests: { prosperity: 0.4, security: 0.2, energySecurity: 0.2, autonomy: 0.1, influence: 0.1 }
            doctrine: { riskAppetite: 0.5, favoured: [setTariff] }
        trade:
          - { from: AAA, to: BBB, exports: { industrial: 20, other: 5 } }
          - { from: BBB, to: AAA, exports: { energy: 30 } }
        tariffs:
          - { importer: AAA, exporter: BBB, rate: 0.05 }
        shocks:
          - id: spike
            when: "oilPrice > 90"
            headline: Oil spikes
            effects:
              - tension: 5
          - id: menu
            headline: An inject
            effects:
              - trust: { from: AAA, to: BBB, delta: -5 }
        """;

    private static ScenarioLoadResult Load(string text) => ScenarioLoader.Parse(text, "tiny.yaml");

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, Valid, StringComparison.Ordinal);
        return Valid.Replace(from, to, StringComparison.Ordinal);
    }

    private static ScenarioError Single(ScenarioLoadResult result, string what)
    {
        Assert.False(result.IsOk);
        Assert.Null(result.Scenario);
        return Assert.Single(result.Errors, e => e.What.Contains(what, StringComparison.Ordinal));
    }

    [Fact]
    public void The_valid_text_loads()
    {
        var result = Load(Valid);
        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Scenario!.World.Count);
        Assert.Single(result.Scenario.Script.Injects);
    }

    [Theory]
    // (replace this, with this, the error contains, the text the error must point at)
    [InlineData("{ importer: AAA, exporter: BBB, rate: 0.05 }", "{ importer: AAA, exporter: CCC, rate: 0.05 }", "unknown actor code", "CCC")]
    [InlineData("exports: { industrial: 20, other: 5 }", "exports: { industrial: 20, steel: 5 }", "unknown key in the exports", "steel")]
    [InlineData("{ from: BBB, to: AAA, exports: { energy: 30 } }", "{ from: BBB, to: BBB, exports: { energy: 30 } }", "relation of an actor to itself", "BBB, exports: { energy")]
    [InlineData("exports: { energy: 30 } }", "exports: { energy: -30 } }", "out of range", "-30")]
    [InlineData("turns: 8", "turns: eight", "'turns' of the scenario has the wrong type", "eight")]
    [InlineData("gdp: 500", "gdp: [500]", "'gdp' of actor BBB has the wrong type", "[500]")]
    [InlineData("when: \"oilPrice > 90\"", "when: \"oilPrice > > 90\"", "does not parse", "\"oilPrice > >")]
    [InlineData("when: \"oilPrice > 90\"", "when: \"oilPrise > 90\"", "unknown variable", "\"oilPrise")]
    [InlineData("when: \"oilPrice > 90\"", "when: \"trade(AAA, ZZZ) > 90\"", "unknown actor code", "\"trade(AAA, ZZZ)")]
    [InlineData("when: \"oilPrice > 90\"", "when: \"tarif(AAA, BBB) > 90\"", "unknown function", "\"tarif")]
    [InlineData("when: \"oilPrice > 90\"", "when: \"trust(AAA, BBB, 'energy') > 0\"", "wrong number of arguments", "\"trust(")]
    [InlineData("when: \"oilPrice > 90\"", "when: \"oilPrice + 90\"", "does not give true or false", "\"oilPrice + 90")]
    [InlineData("when: \"oilPrice > 90\"", "at: 2028-Q1", "outside the scenario's span", "2028-Q1")]
    [InlineData("- id: menu", "- id: spike", "duplicate shock id", "spike\n    headline: An inject")]
    [InlineData("  - id: BBB", "  - id: AAA", "duplicate actor code", "AAA\n    name: Beta")]
    [InlineData("- tension: 5", "- tensions: 5", "unknown effect", "tensions")]
    [InlineData("start: 2026-Q1", "start: 2026-Q5", "start date has the wrong form", "2026-Q5")]
    [InlineData("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTarif] }\n  - id: BBB", "unknown move kind", "setTarif]")]
    [InlineData("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTariff], redLines: [{ move: holdSummit, sector: farming }] }\n  - id: BBB", "unknown sector", "farming")]
    [InlineData("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTariff], redLines: [{ move: holdSummit, sector: agriculture }] }\n  - id: BBB", "'sector' applies to setTariff only", "agriculture")]
    [InlineData("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTariff], redLines: [{ move: setSanction, beyondAnswer: true }] }\n  - id: BBB", "'beyondAnswer' applies to setTariff only", "true }")]
    [InlineData("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTariff], redLines: [{ move: setTariff, onlyEasing: true, beyondAnswer: true }] }\n  - id: BBB", "a line has one or the other", "true }")]
    [InlineData("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTariff], redLines: [{ move: proposeAgreement, agreement: visaDeal }] }\n  - id: BBB", "unknown agreement kind", "visaDeal")]
    [InlineData("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTariff], redLines: [{ move: holdSummit, agreement: visaFacilitation }] }\n  - id: BBB", "'agreement' applies to proposeAgreement, answerProposal and counterProposal only", "visaFacilitation")]
    [InlineData("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTariff], redLines: [{ move: answerProposal, onlyEasing: true, agreement: freeTrade }] }\n  - id: BBB", "'onlyEasing' does not apply to an agreement", "true, agreement")]
    [InlineData("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTariff] }\n    freeTradeExclusions: [agriculture, { sector: farming }]\n  - id: BBB", "unknown sector", "farming")]
    [InlineData("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTariff] }\n    freeTradeExclusions: [agriculture, { sector: agriculture, source: twice }]\n  - id: BBB", "names agriculture twice", "agriculture, source")]
    [InlineData("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTariff] }\n    freeTradeExclusions: [{ sectors: agriculture }]\n  - id: BBB", "unknown key", "sectors")]
    [InlineData("shocks:", "routes:\n  - { name: Rail, parties: [AAA, BBB] }\n  - { name: Rail, parties: [BBB, AAA] }\nshocks:", "duplicate route name", "Rail, parties: [BBB")]
    [InlineData("shocks:", "routes:\n  - { name: Rail, parties: [AAA, ZZZ] }\nshocks:", "unknown actor", "ZZZ")]
    [InlineData("shocks:", "routes:\n  - { name: Rail, parties: [AAA] }\nshocks:", "too few actors", "[AAA]")]
    [InlineData("shocks:", "routes:\n  - { name: Rail, partners: [AAA, BBB] }\nshocks:", "unknown key", "partners")]
    [InlineData("shocks:", "seasons:\n  - { sector: energy, shares: [0.5, 0.5, 0.25] }\nshocks:", "a season has the wrong number of shares", "[0.5, 0.5, 0.25]")]
    [InlineData("shocks:", "seasons:\n  - { sector: energy, shares: [0.5, -0.25, 0.5, 0.25] }\nshocks:", "the Q2 share of a season is out of range", "-0.25")]
    [InlineData("shocks:", "seasons:\n  - { sector: energy, shares: [0.5, 0, 0.25, 0.25] }\nshocks:", "the Q2 share of a season is below 0.001", "0, 0.25")]
    [InlineData("shocks:", "seasons:\n  - { sector: energy, shares: [0.5, 0.3, 0.2, 0.1] }\nshocks:", "a season's shares do not sum to 1", "[0.5, 0.3, 0.2, 0.1]")]
    [InlineData("shocks:", "seasons:\n  - { sector: energy, shares: [0.25, 0.25, q3, 0.25] }\nshocks:", "the Q3 share of a season has the wrong type", "q3")]
    [InlineData("shocks:", "seasons:\n  - { sector: soybeans, shares: [0.4, 0.1, 0.2, 0.3] }\nshocks:", "unknown sector", "soybeans")]
    [InlineData("shocks:", "seasons:\n  - { sector: energy, from: BBB, shares: [0.4, 0.1, 0.2, 0.3] }\nshocks:", "a season names one side of a flow", "from: BBB, shares")]
    [InlineData("shocks:", "seasons:\n  - { sector: energy, from: BBB, to: ZZZ, shares: [0.4, 0.1, 0.2, 0.3] }\nshocks:", "unknown actor code", "ZZZ")]
    [InlineData("shocks:", "seasons:\n  - { sector: energy, shares: [0.4, 0.1, 0.2, 0.3] }\n  - { sector: energy, shares: [0.1, 0.4, 0.2, 0.3] }\nshocks:", "duplicate season", "energy, shares: [0.1")]
    [InlineData("shocks:", "seasons:\n  - { sector: energy, quarters: [0.4, 0.1, 0.2, 0.3] }\nshocks:", "unknown key in a season", "quarters")]
    [InlineData("shocks:", "seasons:\n  - { sector: energy }\nshocks:", "a season is missing 'shares'", "{ sector: energy }")]
    [InlineData("turns: 8", "turns: 8\nturnsPerYear: 1\nseasons:\n  - { sector: energy, shares: [0.4, 0.1, 0.2, 0.3] }", "seasons in a scenario whose turns are not quarters", "seasons:")]
    [InlineData("turns: 8", "turns: 8\nglobal: { oilPrice: 79, oilTightness: 1.5 }", "'oilTightness' of the global state is out of range", "1.5")]
    [InlineData("turns: 8", "turns: 8\nglobal: { oilPrice: 79, oilTightness: { value: -0.2, source: \"EIA\" } }", "'oilTightness' of the global state is out of range", "-0.2")]
    [InlineData("turns: 8", "turns: 8\nglobal: { oilPrice: 79, oilTightness: tight }", "'oilTightness' of the global state has the wrong type", "tight")]
    [InlineData("turns: 8", "turns: 8\nglobal: { oilPrice: 79, oilTightness: { value: { value: 1 } } }", "'oilTightness' of the global state has the wrong type", "{ value: 1 }")]
    [InlineData("turns: 8", "turns: 8\nglobal: { oilPrice: 79, oilTightnes: 1 }", "unknown key", "oilTightnes")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: coal, volume: -7, price: 130 }", "'volume' of the purchase effect of shock spike is out of range", "-7")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: coal, volume: 5, price: .nan }", "'price' of the purchase effect of shock spike is out of range", ".nan")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: coal, volume: 5, price: 1e12 }", "'price' of the purchase effect of shock spike is out of range", "1e12")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: coal, volume: 1e5, price: 130 }", "'volume' of the purchase effect of shock spike is out of range", "1e5")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: coal, volume: lots, price: 130 }", "'volume' of the purchase effect of shock spike has the wrong type", "lots")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: petrol, volume: 5, price: 130 }", "unknown good", "petrol")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: oil_products, volume: 5, price: 550 }", "unknown good", "oil_products")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: OilProducts, volume: 5, price: 550 }", "unknown good", "OilProducts")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: oilProducts, volume: -55.5, price: 550 }", "'volume' of the purchase effect of shock spike is out of range", "-55.5")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: oilProducts, volume: 5, price: null }", "'price' of the purchase effect of shock spike", "null")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: crude, volume: 5, price: 130 }", "crude in the purchase effect of shock spike", "crude")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: [coal], volume: 5, price: 130 }", "unknown good", "[coal]")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: AAA, good: coal, volume: 5, price: 130 }", "on a relation of an actor to itself", "AAA, good")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: coal, volume: 5 }", "the purchase effect of shock spike is missing 'price'", "{ buyer: AAA, seller: BBB, good: coal, volume: 5 }")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: ZZZ, good: coal, volume: 5, price: 130 }", "unknown actor code", "ZZZ")]
    [InlineData("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: coal, volume: 5, price: 130, sector: energy }", "unknown key", "sector")]
    [InlineData("- tension: 5", "- tariff: { actor: AAA, target: BBB, rate: 0.2, takesEffect: 2026-Q3 }", "'takesEffect' of the tariff effect of shock spike needs the date the tariff is announced", "takesEffect: 2026-Q3")]
    [InlineData("when: \"oilPrice > 90\"\n    headline: Oil spikes\n    effects:\n      - tension: 5", "at: 2026-Q3\n    headline: Oil spikes\n    effects:\n      - tariff: { actor: AAA, target: BBB, rate: 0.2, takesEffect: 2026-Q2 }", "'takesEffect' of the tariff effect of shock spike is not within 20 turns after the announcement", "2026-Q2 }")]
    [InlineData("when: \"oilPrice > 90\"\n    headline: Oil spikes\n    effects:\n      - tension: 5", "at: 2026-Q3\n    headline: Oil spikes\n    effects:\n      - tariff: { actor: AAA, target: BBB, rate: 0.2, takesEffect: 2026-Q3 }", "is not within 20 turns after the announcement", "2026-Q3 }")]
    [InlineData("- tension: 5", "- tariff: { actor: AAA, target: BBB, rate: 0.2, takesEffect: 2031-Q1 }", "'takesEffect' of the tariff effect of shock spike is a date outside the scenario's span", "2031-Q1")]
    [InlineData("- tension: 5", "- tariff: { actor: AAA, target: BBB, rate: 0.2, takesEffect: soon }", "'takesEffect' of the tariff effect of shock spike has the wrong form", "soon")]
    [InlineData("- tension: 5", "- tariff: { actor: AAA, target: BBB, rate: 0.2, inTurns: 21 }", "'inTurns' of the tariff effect of shock spike is out of range", "21 }")]
    [InlineData("- tension: 5", "- tariff: { actor: AAA, target: BBB, rate: 0.2, inTurns: -1 }", "'inTurns' of the tariff effect of shock spike is out of range", "-1 }")]
    [InlineData("- tension: 5", "- tariff: { actor: AAA, target: BBB, rate: 0.2, inTurns: 1e400 }", "'inTurns' of the tariff effect of shock spike", "1e400")]
    [InlineData("- tension: 5", "- tariff: { actor: AAA, target: BBB, rate: 0.2, inTurns: .nan }", "'inTurns' of the tariff effect of shock spike", ".nan")]
    [InlineData("- tension: 5", "- tariff: { actor: AAA, target: BBB, rate: 0.2, inTurns: [2] }", "'inTurns' of the tariff effect of shock spike has the wrong type", "[2]")]
    [InlineData("- tension: 5", "- tariff: { actor: AAA, target: BBB, rate: -0.2, inTurns: 2 }", "'rate' of the tariff effect of shock spike is out of range", "-0.2")]
    [InlineData("- tension: 5", "- tariff: { actor: AAA, target: BBB, rate: 0.2, takesEffect: 2026-Q3, inTurns: 2 }", "names both 'takesEffect' and 'inTurns'", "inTurns")]
    [InlineData("- tension: 5", "- tariffWithdrawal: { actor: AAA, target: BBB, sector: steel }", "unknown sector", "steel")]
    [InlineData("- tension: 5", "- tariffWithdrawal: { actor: AAA, target: AAA }", "relation of an actor to itself", "AAA }")]
    [InlineData("- tension: 5", "- tariffWithdrawal: { actor: AAA, target: ZZZ }", "unknown actor code", "ZZZ")]
    [InlineData("- tension: 5", "- tariffWithdrawal: { actor: AAA, target: BBB, rate: 0.2 }", "unknown key", "rate: 0.2 }")]
    public void Each_error_kind_is_reported_at_its_line_and_column(string from, string to, string what, string at)
    {
        var text = Replace(from, to);
        var index = text.IndexOf(at, StringComparison.Ordinal);
        Assert.True(index >= 0 && text.IndexOf(at, index + 1, StringComparison.Ordinal) < 0, $"'{at}' must occur once");
        var line = text[..index].Count(c => c == '\n') + 1;
        var column = index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1) + 1;

        var error = Single(Load(text), what);

        Assert.Equal("tiny.yaml", error.File);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.False(string.IsNullOrWhiteSpace(error.Found));
        Assert.False(string.IsNullOrWhiteSpace(error.Expected));
    }

    [Fact]
    public void An_oversized_value_is_quoted_only_in_part_in_its_error()
    {
        var huge = new string('x', 200_000);
        var error = Single(Load(Replace("favoured: [setTariff] }\n  - id: BBB", $"favoured: [setTariff], redLines: [{{ move: proposeAgreement, agreement: {huge} }}] }}\n  - id: BBB")), "unknown agreement kind");

        Assert.StartsWith("'" + new string('x', 80) + "…'", error.Found, StringComparison.Ordinal);
        Assert.Contains("200000 characters", error.Found, StringComparison.Ordinal);
        Assert.True(error.ToString().Length < 1_000, $"the error is {error.ToString().Length} characters long");
    }

    [Fact]
    public void A_text_or_an_id_past_its_limit_is_refused_and_one_at_the_limit_is_read()
    {
        var title = Single(Load(Replace("title: Tiny", $"title: {new string('t', WorldLimits.Text + 1)}")), "'title' of the scenario is too long");
        Assert.Equal("4001 characters", title.Found);
        Assert.Equal("at most 4,000 characters", title.Expected);
        Assert.True(Load(Replace("title: Tiny", $"title: {new string('t', WorldLimits.Text)}")).IsOk);

        var id = Single(Load(Replace("id: tiny", $"id: {new string('a', WorldLimits.Id + 1)}")), "the scenario id has the wrong form");
        Assert.Contains("at most 64 characters", id.Expected, StringComparison.Ordinal);
        Assert.True(Load(Replace("id: tiny", $"id: {new string('a', WorldLimits.Id)}")).IsOk);

        Single(Load(Replace("id: spike", $"id: {new string('s', WorldLimits.Id + 1)}")), "a shock id has the wrong form");

        // A source note is text too, on a figure or on a red line alike.
        var source = Single(Load(Replace("turns: 8", $"turns: 8\nglobal: {{ oilPrice: {{ value: 79, source: \"{new string('s', WorldLimits.Text + 1)}\" }} }}")), "a source note is too long");
        Assert.Equal("4001 characters", source.Found);
        Single(Load(Replace("favoured: [setTariff] }\n  - id: BBB", $"favoured: [setTariff], redLines: [{{ move: setSanction, onlyEasing: true, source: \"{new string('s', WorldLimits.Text + 1)}\" }}] }}\n  - id: BBB")), "a source note is too long");
        Assert.True(Load(Replace("turns: 8", $"turns: 8\nglobal: {{ oilPrice: {{ value: 79, source: \"{new string('s', WorldLimits.Text)}\" }} }}")).IsOk);
    }

    [Fact]
    public void An_actor_s_free_trade_exclusions_are_read_plain_or_with_a_source()
    {
        var result = Load(Replace("favoured: [setTariff] }\n  - id: BBB", "favoured: [setTariff] }\n    freeTradeExclusions: [technology, { sector: agriculture, source: \"its FTAs\" }]\n  - id: BBB"));

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        Assert.Equal(new[] { Sector.Agriculture, Sector.Technology }, result.Scenario!.World.Actor("AAA").FreeTradeExclusions.ToArray());
        Assert.Empty(result.Scenario.World.Actor("BBB").FreeTradeExclusions);
    }

    [Fact]
    public void A_purchase_names_its_good_and_is_read_plain_or_with_a_source()
    {
        var result = Load(Replace("- tension: 5", "- purchase: { buyer: AAA, seller: BBB, good: gas, volume: { value: 22.7, source: \"Gazprom\" }, price: 298 }\n      - purchase: { buyer: AAA, seller: BBB, good: fertiliser, volume: 0, price: 0 }"
            + "\n      - purchase: { buyer: AAA, seller: BBB, good: food, volume: 8.2, price: 1073 }"
            + "\n      - purchase: { buyer: AAA, seller: BBB, good: oilProducts, volume: 3.79, price: 541 }"));

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        var effects = result.Scenario!.Script.Find("spike")!.Effects;
        Assert.Equal(
            new ShockEffect[] { new PurchaseEffect("AAA", "BBB", Good.Gas, 22.7, 298), new PurchaseEffect("AAA", "BBB", Good.Fertiliser, 0, 0), new PurchaseEffect("AAA", "BBB", Good.Food, 8.2, 1073), new PurchaseEffect("AAA", "BBB", Good.OilProducts, 3.79, 541) },
            effects.ToArray());
    }

    [Fact]
    public void A_scenario_s_oil_market_tightness_is_read_plain_or_with_a_source_and_is_zero_unless_given()
    {
        var plain = Load(Replace("turns: 8", "turns: 8\nglobal: { oilPrice: 79, oilTightness: 0.5 }"));
        var sourced = Load(Replace("turns: 8", "turns: 8\nglobal: { oilPrice: 79, oilTightness: { value: 1, source: \"EIA\" } }"));

        Assert.True(plain.IsOk, string.Join("\n", plain.Errors));
        Assert.True(sourced.IsOk, string.Join("\n", sourced.Errors));
        Assert.Equal(0.5, plain.Scenario!.World.Global.OilTightness);
        Assert.Equal(1, sourced.Scenario!.World.Global.OilTightness);
        Assert.Equal(0, Load(Valid).Scenario!.World.Global.OilTightness);
        Assert.Equal(0, Load(Replace("turns: 8", "turns: 8\nglobal: { oilPrice: 79 }")).Scenario!.World.Global.OilTightness);
    }

    [Fact]
    public void A_scenario_s_seasons_are_read_for_a_sector_and_for_one_flow()
    {
        var result = Load(Replace("shocks:", "seasons:\n  - { sector: energy, from: BBB, to: AAA, shares: [0.4, 0.1, 0.2, 0.3], source: \"a survey\" }\n"
            + "  - { sector: industrial, shares: [0.25, 0.25, 0.2505, 0.2495] }\nshocks:"));

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        var seasons = result.Scenario!.World.Global.Seasons;
        Assert.Equal(2, seasons.Length);
        var energy = Assert.Single(seasons, s => s.Sector == Sector.Energy);
        Assert.Equal(("BBB", "AAA"), (energy.Exporter, energy.Importer));
        Assert.Equal(new[] { 0.4, 0.1, 0.2, 0.3 }, energy.Shares.ToArray());
        Assert.Equal(1.6, energy.Multiplier(1), 12);
        Assert.Null(Assert.Single(seasons, s => s.Sector == Sector.Industrial).Exporter);
        Assert.Empty(Load(Valid).Scenario!.World.Global.Seasons);
    }

    [Fact]
    public void A_scenario_s_routes_are_read_and_a_corridor_it_scripts_off_them_is_reported_at_its_parties()
    {
        var third = "favoured: [setTariff] }\n  - id: CCC\n    name: Gamma\n    gdp: 300\n    trendGrowth: 0.02\n    oilProduction: 1\n    oilConsumption: 1\n"
            + "    militaryCapability: 30\n    armsImportNeed: 1\n    defenceIndustry: 0.5\n    stability: 60\n"
            + "    interests: { prosperity: 0.4, security: 0.2, energySecurity: 0.2, autonomy: 0.1, influence: 0.1 }\n"
            + "    doctrine: { riskAppetite: 0.5, favoured: [setTariff] }\ntrade:";
        var text = Valid.Replace("favoured: [setTariff] }\ntrade:", third, StringComparison.Ordinal)
            .Replace("shocks:", "routes:\n  - { name: Rail, parties: [BBB, AAA], source: \"a survey\" }\nshocks:", StringComparison.Ordinal);
        Assert.Contains("CCC", text, StringComparison.Ordinal);

        var loaded = Load(text);
        Assert.True(loaded.IsOk, string.Join("\n", loaded.Errors));
        var route = Assert.Single(loaded.Scenario!.World.Global.Routes);
        Assert.Equal("Rail", route.Name);
        Assert.Equal(new[] { "AAA", "BBB" }, route.Parties.ToArray());

        var scripted = text.Replace("      - tension: 5", "      - agreement: { id: sea, kind: connectivityCorridor, parties: [AAA, CCC] }", StringComparison.Ordinal);
        var error = Single(Load(scripted), "no route of the scenario links the parties of");
        var index = scripted.IndexOf("[AAA, CCC]", StringComparison.Ordinal);
        Assert.Equal(scripted[..index].Count(c => c == '\n') + 1, error.Line);
        Assert.Contains("AAA, CCC", error.ToString(), StringComparison.Ordinal);

        var inForce = text.Replace("tariffs:", "agreements:\n  - { id: land, kind: connectivityCorridor, parties: [BBB, CCC] }\ntariffs:", StringComparison.Ordinal);
        Single(Load(inForce), "no route of the scenario links the parties of agreement land");
    }

    [Fact]
    public void A_red_line_names_the_kind_of_agreement_it_bars_and_one_without_bars_every_kind()
    {
        var text = Replace(
            "favoured: [setTariff] }\n  - id: BBB",
            "favoured: [setTariff], redLines: [{ move: proposeAgreement, agreement: visaFacilitation, target: BBB }, { move: answerProposal, agreement: visaFacilitation }, { move: proposeAgreement }] }\n  - id: BBB");

        var result = Load(text);

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        RedLine[] expected = [new(MoveKind.ProposeAgreement, "BBB", Agreement: AgreementKind.VisaFacilitation), new(MoveKind.AnswerProposal, Agreement: AgreementKind.VisaFacilitation), new(MoveKind.ProposeAgreement)];
        Assert.Equal(expected, result.Scenario!.World.Actors.Single(a => a.Id == "AAA").Doctrine.RedLines);
    }

    [Fact]
    public void Interest_weights_that_do_not_sum_to_one_are_reported_at_the_interests()
    {
        var text = Valid.Replace(
            "interests: { prosperity: 0.4, security: 0.2, energySecurity: 0.2, autonomy: 0.1, influence: 0.1 }\n    doctrine: { riskAppetite: 0.5, favoured: [setTariff] }\n  - id: BBB",
            "interests: { prosperity: 0.5, security: 0.2, energySecurity: 0.2, autonomy: 0.1, influence: 0.1 }\n    doctrine: { riskAppetite: 0.5, favoured: [setTariff] }\n  - id: BBB",
            StringComparison.Ordinal);
        Assert.NotEqual(Valid, text);

        var error = Single(Load(text), "do not sum to 1");

        Assert.Equal((16, 16), (error.Line, error.Column));
        Assert.Contains("1.1", error.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var text = Valid
            .Replace("turns: 8", "turns: eight", StringComparison.Ordinal)
            .Replace("exporter: BBB", "exporter: CCC", StringComparison.Ordinal)
            .Replace("oilPrice > 90", "oilPrise > 90", StringComparison.Ordinal)
            .Replace("- id: menu", "- id: spike", StringComparison.Ordinal);

        var result = Load(text);

        Assert.False(result.IsOk);
        Assert.True(result.Errors.Length >= 4, string.Join("\n", result.Errors));
        Assert.Equal(result.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column), result.Errors);
    }

    [Theory]
    [InlineData("id: tiny\ntitle: [unclosed\n")]
    [InlineData("- just\n- a list\n")]
    [InlineData("")]
    [InlineData("id: tiny\nid: twice\n")]
    [InlineData("\t- tab: indented\n")]
    public void Broken_files_never_throw_and_never_load(string text)
    {
        var result = Load(text);

        Assert.False(result.IsOk);
        Assert.Null(result.Scenario);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1));
    }

    [Fact]
    public void A_yaml_syntax_error_is_located()
    {
        var error = Assert.Single(Load("id: tiny\ntitle: \"unclosed\nturns: 4\n").Errors);
        Assert.Equal("the file is not valid YAML", error.What);
        Assert.True(error.Line >= 2);
    }

    [Fact]
    public void Error_text_names_file_line_column_found_and_expected()
    {
        var error = Single(Load(Replace("turns: 8", "turns: eight")), "wrong type");
        Assert.Equal("tiny.yaml:4:8: 'turns' of the scenario has the wrong type (found 'eight'; expected a whole number)", error.ToString());
    }
}
