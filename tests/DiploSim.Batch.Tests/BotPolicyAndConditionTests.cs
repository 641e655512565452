using System.Globalization;
using System.Text.Json.Nodes;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Scenarios;
using Parquet;

namespace DiploSim.Batch.Tests;

public sealed class BotPolicyAndConditionTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"diplosim-bots-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static BatchModel Model() => BatchModel.Baseline();

    /// <summary>Three repetitions of six turns, no sweep.</summary>
    private static Experiment Repeat(params BotSetting[] bots) =>
        new("baseline", 6, 3, 5, ParameterSweep.None,
            [new MetricRequest("oil_price"), new MetricRequest("trade_IND_RUS"), new MetricRequest("gdp_IND")], ["oil_price"],
            Bots: [.. bots]);

    private static string[] Hashes(RunRecord record) => [.. record.TurnRows.Select(r => (string)r[^1])];

    [Fact]
    public void Doctrine_on_every_seat_plays_exactly_what_simulation_plays()
    {
        var record = BatchRunner.RunOne(Repeat(new BotSetting(BotPolicies.All, BotPolicies.Doctrine)), Model(), 1);

        var world = BaselineScenario.World(RunSeeds.Derive(5, 1), new ModelParameters());
        var expected = Simulation.Play(world, ShockScript.Empty, 6).Select(t => t.Outcome.StateHash).ToArray();
        Assert.Equal(expected, Hashes(record));
        Assert.Equal(expected, Hashes(BatchRunner.RunOne(Repeat(), Model(), 1)));
    }

    [Fact]
    public void Passive_India_changes_the_run_and_replays_exactly()
    {
        var doctrine = BatchRunner.RunOne(Repeat(), Model(), 0);
        var passive = BatchRunner.RunOne(Repeat(new BotSetting("IND", BotPolicies.Passive)), Model(), 0);
        var again = BatchRunner.RunOne(Repeat(new BotSetting("IND", BotPolicies.Passive)), Model(), 0);

        Assert.False(passive.Failed);
        Assert.Equal(Hashes(passive), Hashes(again));
        Assert.NotEqual(Hashes(doctrine)[^1], Hashes(passive)[^1]);

        // The passive seat is left out of the bots that decide moves; the others still play.
        var plan = BatchPlan.Create(Repeat(new BotSetting("IND", BotPolicies.Passive)), Model()).Plan!;
        Assert.Equal(["CHN", "EU", "RUS", "USA"], plan.MovingActors(plan.Points[0]).Where(a => a is "CHN" or "EU" or "RUS" or "USA"));
        Assert.DoesNotContain("IND", plan.MovingActors(plan.Points[0]));
    }

    [Fact]
    public void Temperature_override_for_one_actor_changes_hashes_reproducibly()
    {
        var hot = new BotSetting("CHN", null, Temperature: 4.0);
        var defaultRun = BatchRunner.RunOne(Repeat(), Model(), 2);
        var hotRun = BatchRunner.RunOne(Repeat(hot), Model(), 2);
        var hotAgain = BatchRunner.RunOne(Repeat(hot), Model(), 2);

        Assert.Equal(Hashes(hotRun), Hashes(hotAgain));
        Assert.NotEqual(Hashes(defaultRun), Hashes(hotRun));

        // The override is applied to the world, only to that actor's doctrine.
        var plan = BatchPlan.Create(Repeat(hot, new BotSetting("IND", null, RiskAppetite: 0.1)), Model()).Plan!;
        var world = BotPolicies.Apply(Model().Scenario.World, plan.Bots);
        Assert.Equal(4.0, world.Actor("CHN").Doctrine.Temperature);
        Assert.Equal(0.1, world.Actor("IND").Doctrine.RiskAppetite);
        Assert.Equal(Model().Scenario.World.Actor("USA").Doctrine, world.Actor("USA").Doctrine);
    }

    [Fact]
    public async Task Policies_are_in_the_manifest_and_the_per_run_table_and_worker_count_does_not_matter()
    {
        var experiment = Repeat(new BotSetting(BotPolicies.All, BotPolicies.Doctrine, Temperature: 0.5), new BotSetting("IND", BotPolicies.Passive));
        var one = await BatchRunner.RunAsync(experiment, Model(), new BatchOptions(Path.Combine(_root, "one"), Workers: 1, Plots: false));
        var two = await BatchRunner.RunAsync(experiment, Model(), new BatchOptions(Path.Combine(_root, "two"), Workers: 2, Plots: false));

        Assert.Equal(File.ReadAllText(Path.Combine(one.OutputFolder, BatchRunner.RunsFile)), File.ReadAllText(Path.Combine(two.OutputFolder, BatchRunner.RunsFile)));
        var runs = Csv.ReadRecords(File.ReadAllText(Path.Combine(one.OutputFolder, BatchRunner.RunsFile)));
        Assert.Equal("passive;temperature=0.5", runs[1][runs[0].IndexOf("bot_IND")]);
        Assert.Equal("doctrine;temperature=0.5", runs[1][runs[0].IndexOf("bot_CHN")]);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(one.OutputFolder, BatchRunner.ManifestFile)))!;
        Assert.Equal("passive", (string?)manifest["experiment"]!["bots"]!["IND"]!["policy"]);
        Assert.Equal(0.5, (double)manifest["experiment"]!["bots"]!["USA"]!["temperature"]!);
    }

    [Fact]
    public async Task Condition_first_turn_and_turns_held_match_the_per_turn_table()
    {
        var probe = BatchRunner.RunOne(Repeat(), Model(), 0);
        var tradeColumn = 5 + 2; // run, repetition, point, set, seed, turn, oil_price
        var trade = probe.TurnRows.Select(r => (double)r[tradeColumn]).Order().ToArray();
        var threshold = (trade[2] + trade[3]) / 2;
        var text = $"trade_IND_RUS > {threshold.ToString("R", CultureInfo.InvariantCulture)} and turn >= 1";
        var experiment = Repeat() with
        {
            Conditions = [new ConditionRequest("trade-high", text), new ConditionRequest("never", "trade_IND_RUS < 0")],
        };

        var result = await BatchRunner.RunAsync(experiment, Model(), new BatchOptions(Path.Combine(_root, "when"), Plots: false));

        var turns = Csv.ReadRecords(File.ReadAllText(Path.Combine(result.OutputFolder, BatchRunner.TurnsFile)));
        var runs = Csv.ReadRecords(File.ReadAllText(Path.Combine(result.OutputFolder, BatchRunner.RunsFile)));
        int Col(List<string> header, string name) => header.IndexOf(name);
        var held = 0;
        foreach (var run in runs.Skip(1))
        {
            var rows = turns.Skip(1).Where(r => r[0] == run[0])
                .Select(r => (Turn: int.Parse(r[Col(turns[0], "turn")], CultureInfo.InvariantCulture), Trade: double.Parse(r[Col(turns[0], "trade_IND_RUS")], CultureInfo.InvariantCulture)))
                .Where(r => r.Trade > threshold && r.Turn >= 1)
                .ToList();
            var first = rows.Count > 0 ? rows[0].Turn.ToString(CultureInfo.InvariantCulture) : "";
            Assert.Equal(first, run[Col(runs[0], "when_trade-high_first_turn")]);
            Assert.Equal(rows.Count.ToString(CultureInfo.InvariantCulture), run[Col(runs[0], "when_trade-high_turns")]);
            Assert.Equal("", run[Col(runs[0], "when_never_first_turn")]);
            Assert.Equal("0", run[Col(runs[0], "when_never_turns")]);
            held += rows.Count;
        }

        Assert.True(held is >= 1 and < 3 * 6, $"threshold {threshold}: {string.Join(" ", trade)}; held {held}");

        await using var reader = await ParquetReader.CreateAsync(Path.Combine(result.OutputFolder, "runs.parquet"));
        var field = reader.Schema.DataFields.Single(f => f.Name == "when_never_first_turn");
        Assert.Equal(typeof(int), field.ClrType);
        Assert.True(field.IsNullable);
        using var group = reader.OpenRowGroupReader(0);
        var values = new int?[3];
        await group.ReadAsync<int>(field, values);
        Assert.All(values, v => Assert.Null(v));
    }

    [Theory]
    [InlineData("bots:\n  IND: aggressive\n", 3, 8, "unknown bot policy 'aggressive'")]
    [InlineData("bots:\n  IND: { policy: passive, temperature: -1 }\n", 3, 40, "temperature must be a number of at least 0")]
    [InlineData("bots:\n  IND: { riskAppetite: 2 }\n", 3, 24, "risk appetite must be between 0 and 1")]
    [InlineData("bots:\n  IND: { mood: calm }\n", 3, 10, "unknown key 'mood'")]
    [InlineData("conditions:\n  spike: oil_price >\n", 3, 10, "does not parse")]
    [InlineData("conditions:\n  9lives: oil_price > 1\n", 3, 3, "condition name '9lives'")]
    public void Yaml_bad_policies_and_conditions_are_located(string section, int line, int column, string message)
    {
        var (experiment, errors) = ExperimentYaml.Parse("scenario: baseline\n" + section, "x.yaml");

        Assert.Null(experiment);
        var error = Assert.Single(errors);
        Assert.Equal(new SourceLocation("x.yaml", line, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bots:\n  JPN: passive\n", 3, 3, "bots: unknown actor 'JPN'")]
    [InlineData("conditions:\n  spike: gdp_JPN > 1\n", 3, 10, "names an actor, pair, sector or sanction domain this scenario does not have")]
    [InlineData("conditions:\n  spike: happiness > 1\n", 3, 10, "unknown metric 'happiness'")]
    [InlineData("conditions:\n  spike: gdp > 1\n", 3, 10, "stands for several metrics")]
    [InlineData("conditions:\n  spike: oil_price + 1\n", 3, 10, "not true or false")]
    [InlineData("conditions:\n  spike: mean(oil_price) > 1\n", 3, 10, "unknown function 'mean'")]
    [InlineData("conditions:\n  spike: trust(IND, JPN) > 1\n", 3, 10, "names an unknown actor code: 'JPN'")]
    [InlineData("conditions:\n  spike: trust(IND) > 1\n", 3, 10, "calls trust with the wrong number of arguments")]
    [InlineData("conditions:\n  spike: tariff(IND, RUS, 'weapons') > 0\n", 3, 10, "names an unknown sector: 'weapons'")]
    [InlineData("conditions:\n  spike: fired('summit')\n", 3, 10, "names an unknown shock id: 'summit'")]
    public void Plan_policies_and_conditions_against_the_scenario_are_located(string section, int line, int column, string message)
    {
        var (experiment, parseErrors) = ExperimentYaml.Parse("scenario: baseline\n" + section, "x.yaml");
        Assert.Empty(parseErrors);

        var (plan, errors) = BatchPlan.Create(experiment!, Model());

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal(new SourceLocation("x.yaml", line, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Max(oil_price, 1) > 0 and if(turn > 3, true, false)", false)]
    [InlineData("Abs(gdp_IND - gdp_RUS) >= 0 and Round(trade_IND_RUS, 0) >= 0", true)]
    [InlineData("not (oil_price < 0) or Sqrt(tension) > 100", true)]
    public void Condition_functions_the_docs_name_evaluate(string text, bool holdsAtTurnZero)
    {
        var (condition, errors) = BatchCondition.Compile(new ConditionRequest("c", text), Model().Scenario.World);

        Assert.Empty(errors);
        Assert.Equal(holdsAtTurnZero, condition!.Holds(Model().Scenario.World, 0));
    }

    [Fact]
    public void A_condition_calling_the_triggers_functions_holds_on_the_turns_the_model_says()
    {
        // Run 0 of the experiment below, played directly: India's trust in Russia after each turn.
        var states = Simulation.Play(BaselineScenario.World(RunSeeds.Derive(5, 0), new ModelParameters()), ShockScript.Empty, 6)
            .Select(t => t.State).ToList();
        var trust = states.Select(s => s.Relation("IND", "RUS").Trust).ToList();

        // A threshold half-way between two of the values trust takes, so the condition holds on some turns and not others
        // (trust can stay the same for turns, so the values are taken once each).
        var levels = trust.Distinct().Order().ToList();
        Assert.True(levels.Count >= 2, $"India's trust in Russia was {levels[0]} every turn, so no threshold tells turns apart");
        var threshold = (levels[(levels.Count - 1) / 2] + levels[(levels.Count - 1) / 2 + 1]) / 2;
        var text = $"trust(IND, RUS) > {threshold.ToString("R", CultureInfo.InvariantCulture)} and gdp(IND) > 0 and oil_price > 0";
        var experiment = Repeat() with { Conditions = [new ConditionRequest("trusting", text)] };

        var record = BatchRunner.RunOne(experiment, Model(), 0);

        var held = Enumerable.Range(0, 6).Where(t => trust[t] > threshold).ToList();
        Assert.InRange(held.Count, 1, 5);
        var runs = BatchTables.Runs(BatchPlan.Create(experiment, Model()).Plan!);
        Assert.Equal(held[0], record.RunRow[runs.IndexOf("when_trusting_first_turn")]);
        Assert.Equal(held.Count, record.RunRow[runs.IndexOf("when_trusting_turns")]);
    }

    [Fact]
    public void Condition_fired_knows_the_scenarios_shocks()
    {
        var (model, errors) = ScenarioSource.Resolve(Path.Combine(ScenarioLibrary.Locate()!, "first-class.yaml")).Source!.Load();
        Assert.Empty(errors);
        var experiment = Repeat() with
        {
            Scenario = "first-class",
            Conditions = [new ConditionRequest("penalised", "fired('us-oil-penalty') and not fired('us-penalty-lifted')")],
        };

        var (plan, planErrors) = BatchPlan.Create(experiment, model!);
        Assert.Empty(planErrors);
        Assert.NotNull(plan);

        var (_, unknown) = BatchPlan.Create(experiment with { Conditions = [new ConditionRequest("x", "fired('us-oil-penalties')")] }, model!);
        Assert.Contains(unknown, e => e.Message.Contains("unknown shock id: 'us-oil-penalties'; expected one of", StringComparison.Ordinal));
    }

    [Fact]
    public void Yaml_policies_and_conditions_are_read_and_survive_the_writer()
    {
        const string yaml = """
            scenario: baseline
            bots:
              all: doctrine
              IND: passive
              CHN: { policy: doctrine, temperature: 0.5, riskAppetite: 0.8 }
            conditions:
              india-russia-100: trade_IND_RUS >= 100
              oil_spike: oil_price > 80 and turn >= 4
            """;

        var (experiment, errors) = ExperimentYaml.Parse(yaml);

        Assert.Empty(errors);
        Assert.Equal(
            ["all:doctrine::", "IND:passive::", "CHN:doctrine:0.5:0.8"],
            experiment!.Bots.Select(b => $"{b.Actor}:{b.Policy}:{b.Temperature}:{b.RiskAppetite}".Replace(",", ".", StringComparison.Ordinal)));
        Assert.Equal(["india-russia-100", "oil_spike"], experiment.Conditions.Select(c => c.Name));
        Assert.Equal("oil_price > 80 and turn >= 4", experiment.Conditions[1].Expression);

        var (read, readErrors) = ExperimentYaml.Parse(ExperimentYamlWriter.Write(experiment));
        Assert.Empty(readErrors);
        Assert.Equal(experiment.Bots.Select(b => b with { Location = null }), read!.Bots.Select(b => b with { Location = null }));
        Assert.Equal(experiment.Conditions.Select(c => (c.Name, c.Expression)), read.Conditions.Select(c => (c.Name, c.Expression)));
    }

    [Fact]
    public void Flags_bots_and_conditions_are_read()
    {
        var (experiment, errors) = ExperimentFlags.Parse("baseline",
            ["--bot", "IND=passive", "--bot", "CHN.temperature=0.5", "--bot", "CHN.riskAppetite=0.8", "--when", "spike=oil_price > 80"]);

        Assert.Empty(errors);
        Assert.Equal([new BotSetting("IND", "passive"), new BotSetting("CHN", null, 0.5, 0.8)], experiment!.Bots.Select(b => b with { Location = null }));
        Assert.Equal(("spike", "oil_price > 80"), (experiment.Conditions[0].Name, experiment.Conditions[0].Expression));
    }

    [Theory]
    [InlineData(new[] { "--bot", "IND=aggressive" }, 2, "unknown bot policy 'aggressive'")]
    [InlineData(new[] { "--seed", "3", "--bot", "IND.mood=calm" }, 4, "unknown setting 'mood'")]
    [InlineData(new[] { "--bot", "IND.temperature=hot" }, 2, "expected a number")]
    [InlineData(new[] { "--when", "oil_price > 80" }, 2, "expected name=expression")]
    [InlineData(new[] { "--when", "spike=oil_price >" }, 2, "does not parse")]
    public void A_bad_bot_policy_or_condition_on_the_command_line_is_refused_at_its_argument(string[] args, int column, string message)
    {
        var (experiment, errors) = ExperimentFlags.Parse("baseline", args);

        Assert.Null(experiment);
        var error = Assert.Single(errors);
        Assert.Equal(column, error.Location!.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
