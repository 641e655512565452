using DiploSim.Core;
using DiploSim.Scenarios;

namespace DiploSim.Scenarios.Tests;

public sealed class ScenarioLoaderTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(7UL)]
    [InlineData(123456789UL)]
    public void BaselineScenario_is_the_library_file_loaded_with_the_same_seed(ulong seed)
    {
        var loaded = ScenarioLoader.Load(Library.File("india-russia-summit-2025.yaml"), new ScenarioOptions(seed));

        Assert.True(loaded.IsOk, string.Join(Environment.NewLine, loaded.Errors));
        Assert.Equal(StateHash.Compute(loaded.Scenario!.World), StateHash.Compute(BaselineScenario.World(seed)));
        Assert.Equal(StateHash.Compute(loaded.Scenario.World), StateHash.Compute(BaselineScenario.Load(seed).World));
    }

    [Fact]
    public void BaselineScenario_with_other_parameters_equals_the_file_loaded_with_overrides()
    {
        var parameters = new Core.State.ModelParameters { TradeElasticity = 3.0, OilPriceFlexibility = 2.5 };
        var loaded = ScenarioLoader.Load(Library.File("india-russia-summit-2025.yaml"), new ScenarioOptions(5, [new("TradeElasticity", 3.0), new("OilPriceFlexibility", 2.5)]));

        var world = BaselineScenario.World(5, parameters);

        Assert.Equal(StateHash.Compute(loaded.Scenario!.World), StateHash.Compute(world));
        Assert.NotEqual(StateHash.Compute(BaselineScenario.World(5)), StateHash.Compute(world));
    }

    [Fact]
    public void Parameters_in_the_file_and_overrides_reach_the_model()
    {
        var text = File.ReadAllText(Library.File("first-class.yaml")).Replace("seed: 1\n", "seed: 1\nparameters:\n  tradeElasticity: { value: 3.5, source: \"a test\" }\n  buildTurns: 6\n", StringComparison.Ordinal);

        var fromFile = ScenarioLoader.Parse(text, "first-class.yaml");
        var overridden = ScenarioLoader.Parse(text, "first-class.yaml", new ScenarioOptions(null, [new("TradeElasticity", 2.0), new("oilPriceFlexibility", 2.5)]));

        Assert.True(fromFile.IsOk, string.Join("\n", fromFile.Errors));
        Assert.Equal(3.5, fromFile.Scenario!.World.Parameters.TradeElasticity);
        Assert.Equal(6, fromFile.Scenario.World.Parameters.BuildTurns);
        Assert.Equal(2.0, overridden.Scenario!.World.Parameters.TradeElasticity);
        Assert.Equal(2.5, overridden.Scenario.World.Parameters.OilPriceFlexibility);
        Assert.Equal(6, overridden.Scenario.World.Parameters.BuildTurns);
    }

    [Fact]
    public void An_unknown_override_is_an_error_not_a_silent_default()
    {
        var result = ScenarioLoader.Load(Library.File("first-class.yaml"), new ScenarioOptions(null, [new("noSuchThing", 1)]));
        Assert.False(result.IsOk);
        Assert.Contains(result.Errors, e => e.What.Contains("--set noSuchThing", StringComparison.Ordinal));
    }

    [Fact]
    public void The_seed_defaults_to_the_file_and_the_option_overrides_it()
    {
        var fromFile = ScenarioLoader.Load(Library.File("india-russia-summit-2025.yaml"));
        var seeded = ScenarioLoader.Load(Library.File("india-russia-summit-2025.yaml"), new ScenarioOptions(99));
        Assert.Equal(StateHash.Compute(BaselineScenario.World(1)), StateHash.Compute(fromFile.Scenario!.World));
        Assert.Equal(StateHash.Compute(BaselineScenario.World(99)), StateHash.Compute(seeded.Scenario!.World));
    }

    [Fact]
    public void The_baseline_lists_the_articles_threads()
    {
        var script = ScenarioLoader.Load(Library.File("india-russia-summit-2025.yaml")).Script!;
        string[] threads = ["us-secondary-tariffs-removed", "us-secondary-tariffs-raised", "eu-sanctions-package", "s400-delivery-slips", "brahmos-export-order",
            "eaeu-fta", "chennai-vladivostok-corridor", "payments-mechanism", "smr-cooperation", "e-visas", "ukraine-ceasefire", "ric-summit"];
        Assert.All(threads, id => Assert.NotNull(script.Find(id)));
        Assert.True(script.Injects.Count >= 5);
    }

    [Fact]
    public void Every_inject_of_every_scenario_applies_cleanly_at_turn_0()
    {
        foreach (var file in ScenarioLibrary.Files())
        {
            var scenario = ScenarioLoader.Load(file).Scenario!;
            foreach (var inject in scenario.Script.Injects)
            {
                var result = TurnResolver.Resolve(scenario.World, [inject], [], ResolveOptions.Full);
                Assert.True(result.Outcome.Shocks.Single().Notes.IsEmpty, $"{Path.GetFileName(file)} {inject.Id}: {string.Join("; ", result.Outcome.Shocks.Single().Notes)}");
            }
        }
    }
}
