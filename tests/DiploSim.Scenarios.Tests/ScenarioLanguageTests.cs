using DiploSim.Core;

namespace DiploSim.Scenarios.Tests;

/// <summary>The defects of issue 18 in the scenario language: yearly dates, if(), parameter names, blocs.</summary>
public sealed class ScenarioLanguageTests
{
    private static readonly string FirstClass = File.ReadAllText(Library.File("first-class.yaml"));

    private static string Edit(params (string Old, string New)[] edits)
    {
        var text = FirstClass;
        foreach (var (old, @new) in edits)
        {
            Assert.Contains(old, text, StringComparison.Ordinal);
            text = text.Replace(old, @new, StringComparison.Ordinal);
        }

        return text;
    }

    private static ScenarioLoadResult Load(string text) => ScenarioLoader.Parse(text, "first-class.yaml");

    /// <summary>The first-class scenario as a yearly one: start 2026, one turn a year, shocks and deliveries dated by year.</summary>
    private static string Yearly(string at) => Edit(
        ("start: 2026-Q1", "start: 2026"), ("turnsPerYear: 4", "turnsPerYear: 1"),
        ("at: 2026-Q2", $"at: {at}"), ("due: 2026-Q3", "due: 2027"));

    [Fact]
    public void An_oil_supply_loss_may_name_the_producer_whose_barrels_are_lost()
    {
        var result = Load(Edit(("      - oilSupply: 1.0", "      - oilSupply: { delta: -0.5, producer: RUS }")));

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        var effect = result.Script!.Injects.Single(s => s.Id == "ceasefire").Effects.OfType<OilSupplyEffect>().Single();
        Assert.Equal(new OilSupplyEffect(-0.5, "RUS"), effect);
    }

    [Fact]
    public void Oil_demand_a_shock_adds_is_read_in_mb_a_day_with_its_source()
    {
        var result = Load(Edit(("      - oilSupply: 1.0", "      - oilDemand: { value: 1.4, source: \"EIA STEO, January 2022\" }")));

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        var effect = result.Script!.Injects.Single(s => s.Id == "ceasefire").Effects.OfType<OilDemandEffect>().Single();
        Assert.Equal(new OilDemandEffect(1.4), effect);
    }

    [Fact]
    public void An_oil_supply_loss_naming_an_unknown_producer_is_refused_where_it_is()
    {
        var result = Load(Edit(("      - oilSupply: 1.0", "      - oilSupply: { delta: -0.5, producer: SAU }")));

        Assert.Contains(result.Errors, e => e.What.Contains("unknown actor code", StringComparison.Ordinal) && e.Found.Contains("SAU", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ buyer: IND, seller: RUS, sector: agriculture, share: 0.6, turns: 2 }", 2)]
    [InlineData("{ buyer: IND, seller: RUS, sector: agriculture, share: 0.6 }", null)]
    public void A_purchase_halt_holds_for_its_turns_or_until_another_replaces_it(string halt, int? turns)
    {
        var result = Load(Edit(("      - oilSupply: 1.0", $"      - purchaseHalt: {halt}")));

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        var effect = result.Script!.Injects.Single(s => s.Id == "ceasefire").Effects.OfType<PurchaseHaltEffect>().Single();
        Assert.Equal(new PurchaseHaltEffect("IND", "RUS", Sector.Agriculture, 0.6, turns), effect);
    }

    [Fact]
    public void A_tariff_is_announced_for_the_date_it_takes_effect_or_for_a_number_of_turns_and_withdrawn_by_sector()
    {
        var result = Load(Edit(
            ("      - tariff: { actor: USA, target: IND, sector: industrial, rate: 0.50 }", "      - tariff: { actor: USA, target: IND, sector: industrial, rate: 0.50, takesEffect: 2027-Q1 }"),
            ("      - oilSupply: 1.0", "      - tariff: { actor: USA, target: IND, rate: 0.3, inTurns: 2 }\n      - tariffWithdrawal: { actor: USA, target: IND, sector: industrial }")));

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        var scheduled = result.Script!.Shocks.Single(s => s.Shock.Id == "us-oil-penalty");
        Assert.Equal([1], scheduled.Trigger.At.ToArray());
        Assert.Equal(new TariffAnnouncementEffect(new SetTariff("USA", "IND", Sector.Industrial, 0.50), 3), scheduled.Shock.Effects.OfType<TariffAnnouncementEffect>().Single());
        var inject = result.Script.Injects.Single(s => s.Id == "ceasefire");
        Assert.Equal(new TariffAnnouncementEffect(new SetTariff("USA", "IND", null, 0.3), 2), inject.Effects.OfType<TariffAnnouncementEffect>().Single());
        Assert.Equal(new TariffWithdrawalEffect("USA", "IND", Sector.Industrial), inject.Effects.OfType<TariffWithdrawalEffect>().Single());
    }

    [Fact]
    public void With_one_turn_a_year_a_year_is_a_date_not_a_turn_number()
    {
        var result = Load(Yearly("2027"));

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        var shock = result.Script!.Shocks.Single(s => s.Shock.Id == "us-oil-penalty");
        Assert.Equal([1], shock.Trigger.At.ToArray());
    }

    [Fact]
    public void With_one_turn_a_year_a_year_outside_the_span_is_reported_as_such()
    {
        var result = Load(Yearly("2040"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("'at' of shock us-oil-penalty is a date outside the scenario's span", error.What);
        Assert.Contains("from 2026 to 2037", error.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("if(turn < 4, oilPrice > 90, oilPrice > 80)")]
    [InlineData("if(inBloc(IND, 'BRICS'), trust(IND, RUS) > 50, false)")]
    [InlineData("turn < 4 ? oilPrice > 90 : oilPrice > 80")]
    public void If_in_a_trigger_is_accepted_as_documented(string expression)
    {
        var result = Load(Edit(("    probability: 0.2\n", $"    when: \"{expression}\"\n")));

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
    }

    [Fact]
    public void If_with_the_wrong_number_of_arguments_is_refused()
    {
        var result = Load(Edit(("    probability: 0.2\n", "    when: \"if(turn < 4, true)\"\n")));

        Assert.Contains(result.Errors, e => e.What == "the trigger expression calls if with the wrong number of arguments");
    }

    [Fact]
    public void A_misspelt_bloc_in_inBloc_is_refused_at_load()
    {
        var result = Load(Edit(("    probability: 0.2\n", "    when: \"inBloc(IND, 'BRIXS')\"\n")));

        var error = Assert.Single(result.Errors);
        Assert.Equal("the trigger expression names an unknown bloc", error.What);
        Assert.Equal("one of BRICS, Quad", error.Expected);
    }

    [Fact]
    public void A_bloc_effect_on_an_unknown_bloc_is_refused_at_load()
    {
        var result = Load(Edit(("      - tension: -15\n", "      - bloc: { actor: USA, bloc: Quadd, join: false }\n")));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("unknown bloc", error.What, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tradeElasticity")]
    [InlineData("TradeElasticity")]
    [InlineData("TRADEELASTICITY")]
    public void A_model_parameter_is_named_without_regard_to_case(string name)
    {
        var result = Load(Edit(("seed: 1\n", $"seed: 1\nparameters:\n  {name}: 3.5\n")));

        Assert.True(result.IsOk, string.Join("\n", result.Errors));
        Assert.Equal(3.5, result.Scenario!.World.Parameters.TradeElasticity);
    }

    [Fact]
    public void A_model_parameter_named_twice_in_two_casings_is_refused()
    {
        var result = Load(Edit(("seed: 1\n", "seed: 1\nparameters:\n  tradeElasticity: 3.5\n  TradeElasticity: 3\n")));

        Assert.Contains(result.Errors, e => e.What == "a model parameter is set twice");
    }

    [Theory]
    [InlineData("trustDecay: 5")]
    [InlineData("tradeElasticity: -1")]
    [InlineData("buildTurns: 2.5")]
    public void A_model_parameter_out_of_its_range_is_refused_where_it_stands(string line)
    {
        var text = Edit(("seed: 1\n", $"seed: 1\nparameters:\n  {line}\n"));
        var result = Load(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal(text[..text.IndexOf(line, StringComparison.Ordinal)].Count(c => c == '\n') + 1, error.Line);
    }

    [Fact]
    public void An_override_out_of_its_range_is_refused()
    {
        var result = ScenarioLoader.Parse(FirstClass, "first-class.yaml", new ScenarioOptions(Overrides: [new("TrustDecay", 5)]));

        Assert.Contains(result.Errors, e => e.What.Contains("--set TrustDecay", StringComparison.Ordinal) && e.Expected.Contains("from 0 to 1", StringComparison.Ordinal));
    }
}
