using System.Globalization;
using System.Text.Json.Nodes;
using Parquet;

namespace DiploSim.Batch.Tests;

/// <summary>
/// Bot settings swept as parameters: <c>bots.ACTOR.policy</c>, <c>bots.ACTOR.temperature</c>, <c>bots.ACTOR.riskAppetite</c>,
/// and the model parameters of the bots' horizon for slow moves.
/// </summary>
public sealed class PolicySweepTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"diplosim-policy-sweep-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static BatchModel Model() => BatchModel.Baseline();

    private static Experiment Parse(string yaml)
    {
        var (experiment, errors) = ExperimentYaml.Parse(yaml, "sweep.yaml");
        Assert.Empty(errors);
        return experiment!;
    }

    private static BatchPlan Plan(Experiment experiment)
    {
        var (plan, errors) = BatchPlan.Create(experiment, Model());
        Assert.Empty(errors);
        return plan!;
    }

    /// <summary>India doctrine or passive, two repetitions each, four turns.</summary>
    private static Experiment IndiaSweep() => Parse("""
        scenario: baseline
        turns: 4
        repetitions: 2
        seed: 9
        parameters:
          factorial:
            bots.IND.policy: [doctrine, passive]
        metrics: [oil_price, exports_IND, trade_IND_RUS]
        """);

    /// <summary>The same runs with one policy for the whole batch: run r has the same seed as run r of the sweep.</summary>
    private static Experiment IndiaFixed(string policy) => Parse($"""
        scenario: baseline
        turns: 4
        repetitions: 4
        seed: 9
        metrics: [oil_price, exports_IND, trade_IND_RUS]
        bots:
          IND: {policy}
        """);

    private static string[] Hashes(RunRecord record) => [.. record.TurnRows.Select(r => (string)r[^1])];

    private static List<Dictionary<string, string>> Rows(string folder, string file)
    {
        var records = Csv.ReadRecords(File.ReadAllText(Path.Combine(folder, file)));
        return [.. records.Skip(1).Select(r => records[0].Zip(r).ToDictionary(p => p.First, p => p.Second))];
    }

    private static string Policies(BatchPlan plan, ParameterPoint point) =>
        string.Join(" ", plan.BotsAt(point).Select(b => $"{b.Actor}={b.Describe()}"));

    [Fact]
    public void Factorial_crosses_model_parameters_with_a_policy_policy_fastest()
    {
        var plan = Plan(Parse("""
            scenario: baseline
            parameters:
              factorial:
                TradeElasticity: [2, 3]
                Bots.RUS.Policy: doctrine, passive
            """));

        Assert.Equal(["TradeElasticity", "bots.RUS.policy"], plan.ParameterNames.ToArray());
        Assert.Equal(
            ["2 doctrine", "2 passive", "3 doctrine", "3 passive"],
            plan.Points.Select(p => string.Join(" ", p.Values.Select(v => v.Format()))));
        Assert.Equal("CHN=doctrine EU=doctrine IND=doctrine RUS=passive USA=doctrine", Policies(plan, plan.Points[3]));
        Assert.Equal(["CHN", "EU", "IND", "USA"], plan.MovingActors(plan.Points[3]).Order(StringComparer.Ordinal));
        Assert.Contains("RUS", plan.MovingActors(plan.Points[2]));
    }

    [Fact]
    public void Named_sets_carry_policies_on_top_of_the_bots_section_most_specific_first()
    {
        var plan = Plan(Parse("""
            scenario: baseline
            parameters:
              factorial:
                bots.CHN.riskAppetite: 0.2..0.8:4
              sets:
                quiet: { bots.all.policy: passive, bots.USA.policy: doctrine }
                hot: { bots.all.temperature: 2, EnergyDiversion: 0.9 }
            bots:
              IND: passive
              all: { temperature: 0.5 }
            """));

        Assert.Equal(8, plan.Points.Length);
        Assert.Equal(["quiet", "quiet", "quiet", "quiet", "hot", "hot", "hot", "hot"], plan.Points.Select(p => p.Set));
        // quiet: the swept 'all' makes every seat passive, the swept USA and the section's IND are more specific.
        Assert.Equal(
            "CHN=passive;temperature=0.5;riskAppetite=0.4 EU=passive;temperature=0.5 IND=passive;temperature=0.5 RUS=passive;temperature=0.5 USA=doctrine;temperature=0.5",
            Policies(plan, plan.Points[1]));
        // hot: the swept temperature wins over the section's for every seat; India stays passive.
        Assert.Equal(
            "CHN=doctrine;temperature=2;riskAppetite=0.8 EU=doctrine;temperature=2 IND=passive;temperature=2 RUS=doctrine;temperature=2 USA=doctrine;temperature=2",
            Policies(plan, plan.Points[7]));

        // A set that does not set a parameter another set does records what the run used.
        var cells = plan.ParameterNames.Zip(plan.ParameterCells(plan.Points[0])).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("passive", cells["bots.all.policy"]);
        Assert.Equal(0.5, cells["bots.all.temperature"]);
        Assert.Equal(0.2, cells["bots.CHN.riskAppetite"]);
        Assert.Equal(Model().BaseParameters.EnergyDiversion, cells["EnergyDiversion"]);
        cells = plan.ParameterNames.Zip(plan.ParameterCells(plan.Points[4])).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("", cells["bots.all.policy"]); // IND passive, the others doctrine: no one value for all
        Assert.Equal("doctrine", cells["bots.USA.policy"]);
    }

    [Fact]
    public void Latin_hypercube_samples_a_numeric_bot_setting_into_the_world()
    {
        var plan = Plan(Parse("""
            scenario: baseline
            parameters:
              latinHypercube:
                samples: 5
                ranges: { bots.CHN.riskAppetite: 0.2..0.7, TradeElasticity: 2..5 }
            """));

        var sampled = plan.Points.Select(p => p.Values.Single(v => v.Name == "bots.CHN.riskAppetite").Value).ToList();
        Assert.Equal([0, 1, 2, 3, 4], sampled.Select(v => (int)Math.Floor((v - 0.2) / 0.1)).Order());
        foreach (var point in plan.Points)
        {
            var world = BotPolicies.Apply(Model().Scenario.World, plan.BotsAt(point));
            Assert.Equal(sampled[point.Index], world.Actor("CHN").Doctrine.RiskAppetite);
            Assert.Equal(Model().Scenario.World.Actor("IND").Doctrine, world.Actor("IND").Doctrine);
        }
    }

    [Fact]
    public async Task Passive_and_doctrine_give_the_runs_of_their_policy_and_the_rows_say_so()
    {
        var experiment = IndiaSweep();
        var result = await BatchRunner.RunAsync(experiment, Model(), new BatchOptions(Path.Combine(_root, "india"), Workers: 2, Plots: false));
        Assert.Equal(0, result.Failed);

        var runs = Rows(result.OutputFolder, BatchRunner.RunsFile);
        var turns = Rows(result.OutputFolder, BatchRunner.TurnsFile);
        Assert.Equal(["doctrine", "doctrine", "passive", "passive"], runs.Select(r => r["bots.IND.policy"]));
        Assert.Equal(["doctrine", "doctrine", "passive", "passive"], runs.Select(r => r["bot_IND"]));
        Assert.All(runs, r => Assert.Equal("doctrine", r["bot_RUS"]));
        Assert.All(turns, t => Assert.Equal(int.Parse(t["run"], CultureInfo.InvariantCulture) < 2 ? "doctrine" : "passive", t["bots.IND.policy"]));

        // Each run is the run of its policy played for the whole batch with the same seed, and not the other's.
        var doctrine = Model();
        for (var run = 0; run < 4; run++)
        {
            var policy = run < 2 ? BotPolicies.Doctrine : BotPolicies.Passive;
            var other = run < 2 ? BotPolicies.Passive : BotPolicies.Doctrine;
            var hashes = turns.Where(t => t["run"] == run.ToString(CultureInfo.InvariantCulture)).Select(t => t["state_hash"]).ToArray();
            Assert.Equal(Hashes(BatchRunner.RunOne(IndiaFixed(policy), doctrine, run)), hashes);
            Assert.NotEqual(Hashes(BatchRunner.RunOne(IndiaFixed(other), doctrine, run))[^1], hashes[^1]);
        }
    }

    [Fact]
    public async Task A_run_of_a_policy_sweep_played_alone_gives_the_same_hashes()
    {
        var experiment = IndiaSweep();
        var result = await BatchRunner.RunAsync(experiment, Model(), new BatchOptions(Path.Combine(_root, "replay"), Workers: 2, Plots: false));
        var turns = Rows(result.OutputFolder, BatchRunner.TurnsFile);
        var runs = Rows(result.OutputFolder, BatchRunner.RunsFile);

        // The experiment as the manifest and the cluster carry it: written out and read back.
        var (written, errors) = ExperimentYaml.Parse(ExperimentYamlWriter.Write(experiment));
        Assert.Empty(errors);
        foreach (var run in new[] { 1, 3 })
        {
            var alone = BatchRunner.RunOne(written!, Model(), run);
            var key = run.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(turns.Where(t => t["run"] == key).Select(t => t["state_hash"]), Hashes(alone));
            Assert.Equal(File.ReadAllLines(Path.Combine(result.OutputFolder, BatchRunner.RunsFile))[run + 1], Csv.FormatRow(alone.RunRow));
            Assert.Equal(runs[run]["state_hash"], Hashes(alone)[^1]);
        }
    }

    [Fact]
    public async Task Parquet_has_the_policy_as_a_string_in_every_table_and_the_summary_groups_by_it()
    {
        var experiment = IndiaSweep() with
        {
            Sweep = IndiaSweep().Sweep with
            {
                Factorial = [.. IndiaSweep().Sweep.Factorial, new ParameterAxis("bots.CHN.temperature", [0, 2])],
            },
        };
        var result = await BatchRunner.RunAsync(experiment, Model(), new BatchOptions(Path.Combine(_root, "parquet"), Workers: 2, Plots: false));

        // Each point's summary also has every seat's counts of what it did, once (SeatActivity).
        var activity = SeatActivity.Measures.Length * Model().Scenario.World.Actors.Length;
        foreach (var (file, rows) in new[] { ("turns.parquet", 4 * 2 * 4), ("runs.parquet", 4 * 2), ("summary.parquet", (4 * 4 * 3) + (4 * activity)) })
        {
            await using var reader = await ParquetReader.CreateAsync(Path.Combine(result.OutputFolder, file));
            var policy = reader.Schema.DataFields.Single(f => f.Name == "bots.IND.policy");
            // Parquet.Net 6 reads UTF-8 string columns as ReadOnlyMemory<char>; on disk: BYTE_ARRAY with the STRING annotation.
            Assert.Equal(typeof(ReadOnlyMemory<char>), policy.ClrType);
            var stored = reader.Metadata!.Schema.Single(e => e.Name == "bots.IND.policy");
            Assert.Equal(Parquet.Meta.Type.BYTE_ARRAY, stored.Type);
            Assert.NotNull(stored.LogicalType?.STRING);
            Assert.Equal(typeof(double), reader.Schema.DataFields.Single(f => f.Name == "bots.CHN.temperature").ClrType);
            using var group = reader.OpenRowGroupReader(0);
            Assert.Equal(rows, group.RowCount);
            var values = new string[rows];
            await group.ReadAsync(policy, values);
            Assert.Equal(rows / 2, values.Count(v => v == "passive"));
            Assert.Equal(rows / 2, values.Count(v => v == "doctrine"));
        }

        // One summary row per point, turn and metric, with the point's policy and the mean of its runs.
        var summary = Rows(result.OutputFolder, BatchRunner.SummaryFile);
        var turns = Rows(result.OutputFolder, BatchRunner.TurnsFile);
        var last = summary.Single(s => s["bots.IND.policy"] == "passive" && s["bots.CHN.temperature"] == "2" && s["turn"] == "3" && s["metric"] == "exports_IND");
        var exports = turns.Where(t => t["bots.IND.policy"] == "passive" && t["bots.CHN.temperature"] == "2" && t["turn"] == "3")
            .Select(t => double.Parse(t["exports_IND"], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, exports.Count);
        Assert.Equal("2", last["n"]);
        Assert.Equal(exports.Average(), double.Parse(last["mean"], CultureInfo.InvariantCulture), 9);
        Assert.Equal(["doctrine", "doctrine", "passive", "passive"], summary.GroupBy(s => s["point"]).Select(g => g.Select(s => s["bots.IND.policy"]).Distinct().Single()));

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(result.OutputFolder, BatchRunner.ManifestFile)))!;
        Assert.Equal("passive", (string?)manifest["points"]![3]!["values"]!["bots.IND.policy"]);
        Assert.Equal("passive", (string?)manifest["points"]![3]!["bots"]!["IND"]);
        Assert.Equal("doctrine;temperature=2", (string?)manifest["points"]![3]!["bots"]!["CHN"]);
        Assert.Equal(["doctrine", "passive"], manifest["experiment"]!["factorial"]!["bots.IND.policy"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public void Writer_policy_factors_and_sets_read_back_to_the_same_points()
    {
        var experiment = Parse("""
            scenario: baseline
            parameters:
              factorial:
                bots.RUS.policy: [passive, doctrine]
                bots.CHN.riskAppetite: [0.25, 0.75]
              sets:
                a: { bots.all.policy: passive, TradeElasticity: 4 }
                b: { bots.IND.temperature: 0.1 }
            """);

        var (read, errors) = ExperimentYaml.Parse(ExperimentYamlWriter.Write(experiment));

        Assert.Empty(errors);
        string Points(Experiment e) => string.Join("\n", SweepExpansion.Points(e.Sweep, e.Seed).Select(p => $"{p.Set}|{string.Join(';', p.Values.Select(v => $"{v.Name}={v.Format()}"))}"));
        Assert.Equal(Points(experiment), Points(read!));
        Assert.Contains("b|bots.RUS.policy=doctrine;bots.CHN.riskAppetite=0.25;bots.IND.temperature=0.1", Points(read!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  factorial:\n    bots.RUS.policy: [doctrine, aggressive]\n", 4, 33, "bots.RUS.policy: unknown bot policy 'aggressive'; expected one of: doctrine, passive")]
    [InlineData("  factorial:\n    bots.RUS.policy: doctrine, aggressive\n", 4, 22, "unknown bot policy 'aggressive'")]
    [InlineData("  factorial:\n    bots.RUS.mood: [1, 2]\n", 4, 5, "unknown bot setting 'mood' in 'bots.RUS.mood'; expected one of: policy, temperature, riskAppetite")]
    [InlineData("  factorial:\n    bots.RUS: [passive]\n", 4, 5, "expected a bot setting 'bots.ACTOR.FIELD'")]
    [InlineData("  factorial:\n    bots.RUS.policy: [passive, 2]\n", 4, 32, "bots.RUS.policy: unknown bot policy '2'")]
    [InlineData("  factorial:\n    bots.CHN.riskAppetite: 0.5..1.5:3\n", 4, 28, "risk appetite must be between 0 and 1, got 1.5")]
    [InlineData("  factorial:\n    bots.CHN.temperature: [doctrine]\n", 4, 28, "expected a number for bots.CHN.temperature")]
    [InlineData("  sets:\n    calm: { bots.all.policy: asleep }\n", 4, 30, "unknown bot policy 'asleep'")]
    [InlineData("  latinHypercube:\n    samples: 4\n    ranges: { bots.RUS.policy: doctrine..passive }\n", 5, 32, "bots.RUS.policy takes policies (doctrine, passive), which have no range")]
    public void A_bad_bot_factor_in_an_experiment_file_is_refused_at_its_line_and_column(string parameters, int line, int column, string message)
    {
        var (experiment, errors) = ExperimentYaml.Parse("scenario: baseline\nparameters:\n" + parameters, "sweep.yaml");

        Assert.Null(experiment);
        var error = Assert.Single(errors);
        Assert.Equal(new SourceLocation("sweep.yaml", line, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  factorial:\n    bots.JPN.policy: [passive]\n", 4, 5, "bots.JPN.policy: unknown actor 'JPN'; expected 'all' or one of this scenario's actors: ")]
    [InlineData("  sets:\n    calm: { TradeElasticity: 3, bots.JPN.temperature: 0.5 }\n", 4, 33, "bots.JPN.temperature: unknown actor 'JPN'")]
    [InlineData("  latinHypercube:\n    samples: 4\n    ranges: { bots.ind.riskAppetite: 0.1..0.9 }\n", 5, 15, "unknown actor 'ind'")]
    public void A_bot_factor_for_an_actor_the_scenario_lacks_is_refused_at_its_line_and_column(string parameters, int line, int column, string message)
    {
        var experiment = Parse("scenario: baseline\nparameters:\n" + parameters);

        var (plan, errors) = BatchPlan.Create(experiment, Model());

        Assert.Null(plan);
        var error = Assert.Single(errors);
        Assert.Equal(new SourceLocation("sweep.yaml", line, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("CHN, EU, IND, RUS, USA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_bot_factors_built_in_code_are_checked_too()
    {
        var sweep = new ParameterSweep(
            [ParameterAxis.OfTexts("bots.RUS.policy", ["doctrine", "sleepy"]), new ParameterAxis("bots.IND.policy", [1])],
            [new NamedParameterSet("x", [new ParameterValue("bots.EU.temperature", -1)])],
            null);

        var (plan, errors) = BatchPlan.Create(new Experiment("baseline", 2, 1, 1, sweep, [], []), Model());

        Assert.Null(plan);
        Assert.Equal(
            ["bots.RUS.policy: unknown bot policy 'sleepy'; expected one of: doctrine, passive",
                "bots.IND.policy takes a policy (doctrine, passive), not a number",
                "bots.EU.temperature: a bot's temperature must be a number of at least 0, got -1"],
            errors.Select(e => e.Message));
    }

    [Fact]
    public void Flags_set_varies_bot_settings_and_spreads_runs_over_their_points()
    {
        var (experiment, errors) = ExperimentFlags.Parse("baseline",
            ["--runs", "16", "--set", "bots.RUS.policy=doctrine,passive", "--set", "bots.CHN.riskAppetite=0.2..0.8:4", "--bot", "IND=passive"]);

        Assert.Empty(errors);
        Assert.Equal(2, experiment!.Repetitions);
        Assert.Equal(["doctrine", "passive"], experiment.Sweep.Factorial[0].Texts.ToArray());
        Assert.Equal([0.2, 0.4, 0.6000000000000001, 0.8], experiment.Sweep.Factorial[1].Values.ToArray());
        var plan = Plan(experiment);
        Assert.Equal("CHN=doctrine;riskAppetite=0.4 EU=doctrine IND=passive RUS=passive USA=doctrine", Policies(plan, plan.Points[5]));
    }

    [Theory]
    [InlineData(new[] { "--set", "bots.RUS.policy=doctrine,aggressive" }, 2, "unknown bot policy 'aggressive'")]
    [InlineData(new[] { "--seed", "2", "--set", "bots.RUS.style=calm" }, 4, "unknown bot setting 'style'")]
    [InlineData(new[] { "--lhs", "4", "--set", "bots.RUS.policy=doctrine,passive" }, 4, "which have no range")]
    [InlineData(new[] { "--set", "bots.CHN.temperature=-1,1" }, 2, "temperature must be a number of at least 0")]
    public void A_bad_bot_factor_on_the_command_line_is_refused_at_its_argument(string[] args, int column, string message)
    {
        var (experiment, errors) = ExperimentFlags.Parse("baseline", args);

        Assert.Null(experiment);
        var error = Assert.Single(errors);
        Assert.Equal(new SourceLocation(ExperimentFlags.Source, 1, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bots_that_discount_the_future_entirely_invest_in_nothing_and_make_fewer_slow_moves_than_at_the_default_discount()
    {
        var experiment = Parse("""
            scenario: baseline
            turns: 12
            repetitions: 2
            seed: 3
            commonRandomNumbers: true
            parameters:
              factorial:
                BotYearlyDiscount: [0, 0.9]
            metrics: [agreements]
            """);
        var result = await BatchRunner.RunAsync(experiment, Model(), new BatchOptions(Path.Combine(_root, "horizon"), Workers: 2, Plots: false));
        Assert.Equal(0, result.Failed);

        var runs = Rows(result.OutputFolder, BatchRunner.RunsFile);
        double Moves(string discount, params string[] kinds) => runs
            .Where(r => r["BotYearlyDiscount"] == discount)
            .Sum(r => r.Where(c => kinds.Any(k => c.Key.StartsWith($"moves_{k}_", StringComparison.Ordinal))).Sum(c => double.Parse(c.Value, CultureInfo.InvariantCulture)));

        // At a discount of 0 only the turn a move is made counts: an investment, a loss to a bot in its first quarter,
        // never pays, nor does a proposal that builds up, which its partner answers next turn.
        string[] slow = ["invest", "diversify", "propose_agreement"];
        var report = $"investments {Moves("0", "invest")} at a discount of 0, {Moves("0.9", "invest")} at 0.9; slow moves {Moves("0", slow)} and {Moves("0.9", slow)}";
        Assert.True(Moves("0", "invest") == 0 && Moves("0.9", "invest") > 0, report);
        Assert.True(Moves("0", slow) < Moves("0.9", slow), report);
    }
}
