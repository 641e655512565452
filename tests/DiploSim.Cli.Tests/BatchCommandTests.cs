using System.Text.Json.Nodes;
using DiploSim.Batch;

namespace DiploSim.Cli.Tests;

public sealed class BatchCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("diplosim-cli-batch-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name) => Path.Combine(_root, name);

    private static string Read(string folder, string file) => File.ReadAllText(Path.Combine(folder, file));

    private static async Task<(int Code, string Out, string Err)> Batch(string[] args, CancellationToken cancellationToken = default, TextWriter? output = null)
    {
        output ??= new StringWriter();
        using var error = new StringWriter();
        var code = await DiploSimCommand.InvokeAsync(["batch", .. args], output, error, cancellationToken: cancellationToken);
        return (code, output.ToString()!, error.ToString());
    }

    private static List<Dictionary<string, string>> Rows(string folder, string file)
    {
        var records = Csv.ReadRecords(Read(folder, file));
        return [.. records.Skip(1).Select(r => records[0].Zip(r).ToDictionary(p => p.First, p => p.Second))];
    }

    [Fact]
    public async Task Quick_form_writes_every_output_and_exits_zero()
    {
        var folder = Folder("quick");
        var (code, output, error) = await Batch(["first-class", "--runs", "4", "--set", "TradeElasticity=2..5:2", "--seed", "3", "--turns", "3", "--workers", "2", "--out", folder, "--no-plots"]);

        Assert.Equal(DiploSimCommand.Ok, code);
        Assert.Equal("", error);
        Assert.Contains("runs 4/4 (100%)", output, StringComparison.Ordinal);
        Assert.Contains("4 runs (0 failed, 0 resumed)", output, StringComparison.Ordinal);
        foreach (var file in new[] { "turns.csv", "turns.parquet", "runs.csv", "runs.parquet", "summary.csv", "summary.parquet", "manifest.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        var runs = Rows(folder, "runs.csv");
        Assert.Equal(["2", "2", "5", "5"], runs.Select(r => r["TradeElasticity"]));
        Assert.All(runs, r => Assert.Equal("ok", r["status"]));
        Assert.Equal(12, Rows(folder, "turns.csv").Count);
        var manifest = JsonNode.Parse(Read(folder, "manifest.json"))!;
        Assert.Equal("complete", (string?)manifest["status"]);
        Assert.Equal("local", (string?)manifest["executor"]);
        Assert.Equal("factory", (string?)manifest["scenario"]!["parameterOverrides"]);
    }

    [Fact]
    public async Task The_progress_percentage_is_rounded_down_so_it_never_runs_ahead_of_the_runs()
    {
        var (code, output, _) = await Batch(["first-class", "--runs", "3", "--turns", "1", "--workers", "1", "--out", Folder("thirds"), "--no-plots"]);

        Assert.Equal(0, code);
        Assert.Contains("runs 2/3 (66%)", output, StringComparison.Ordinal);
        Assert.Contains("runs 1/3 (33%) · ", output, StringComparison.Ordinal);
        Assert.Contains("estimating time left", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swept_parameter_reaches_the_model()
    {
        // Same master seed, so run 0 has the same seed in both; only the elasticity differs.
        var low = Folder("low");
        var high = Folder("high");
        Assert.Equal(0, (await Batch(["first-class", "--runs", "1", "--set", "TradeElasticity=1", "--turns", "4", "--out", low, "--no-plots"])).Code);
        Assert.Equal(0, (await Batch(["first-class", "--runs", "1", "--set", "TradeElasticity=6", "--turns", "4", "--out", high, "--no-plots"])).Code);

        var (a, b) = (Rows(low, "runs.csv")[0], Rows(high, "runs.csv")[0]);
        Assert.Equal(a["seed"], b["seed"]);
        Assert.NotEqual(a["state_hash"], b["state_hash"]);
        Assert.NotEqual(a["trade_IND_RUS"], b["trade_IND_RUS"]);
    }

    [Fact]
    public async Task Experiment_file_finds_its_scenario_and_output_beside_it()
    {
        var home = Folder("study");
        Directory.CreateDirectory(home);
        File.Copy(Path.Combine(Scenarios.Library, "first-class.yaml"), Path.Combine(home, "class.yaml"));
        var path = Path.Combine(home, "sweep.yaml");
        File.WriteAllText(path, """
            scenario: class.yaml
            turns: 2
            repetitions: 2
            seed: 9
            parameters:
              sets:
                calm: { EnergyDiversion: 0.3 }
                tense: { EnergyDiversion: 0.9 }
            metrics: [gdp_IND, oil_price]
            output: results
            """);

        var (code, _, error) = await Batch([path, "--workers", "1", "--no-plots"]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(["calm", "calm", "tense", "tense"], Rows(Path.Combine(home, "results"), "runs.csv").Select(r => r["set"]));
    }

    [Fact]
    public async Task Swept_policy_plays_each_run_with_its_policy_as_a_batch_of_that_policy_would()
    {
        string[] common = ["first-class", "--runs", "4", "--seed", "3", "--turns", "3", "--no-plots"];
        var swept = Folder("swept");
        var passive = Folder("passive");
        Assert.Equal(0, (await Batch([.. common, "--set", "bots.IND.policy=doctrine,passive", "--out", swept])).Code);
        Assert.Equal(0, (await Batch([.. common, "--bot", "IND=passive", "--out", passive])).Code);

        var runs = Rows(swept, "runs.csv");
        Assert.Equal(["doctrine", "doctrine", "passive", "passive"], runs.Select(r => r["bots.IND.policy"]));
        Assert.Equal(["doctrine", "doctrine", "passive", "passive"], runs.Select(r => r["bot_IND"]));
        Assert.All(Rows(swept, "turns.csv"), t => Assert.Equal(t["run"] is "0" or "1" ? "doctrine" : "passive", t["bots.IND.policy"]));

        // Runs 2 and 3 have the same seeds in both batches, and India passive in both: the same runs.
        var alwaysPassive = Rows(passive, "runs.csv");
        Assert.Equal(alwaysPassive.Skip(2).Select(r => r["state_hash"]), runs.Skip(2).Select(r => r["state_hash"]));
        Assert.NotEqual(alwaysPassive.Take(2).Select(r => r["state_hash"]), runs.Take(2).Select(r => r["state_hash"]));
    }

    [Fact]
    public async Task Swept_policy_of_an_unknown_actor_is_a_located_error_and_nothing_is_written()
    {
        var folder = Folder("japan");
        var (code, _, error) = await Batch(["first-class", "--runs", "2", "--set", "bots.JPN.policy=doctrine,passive", "--out", folder]);

        Assert.Equal(DiploSimCommand.InvalidBatch, code);
        Assert.Contains("command line(1,6): bots.JPN.policy: unknown actor 'JPN'; expected 'all' or one of this scenario's actors: IND, RUS, USA", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Unknown_parameter_is_a_located_error_and_nothing_is_written()
    {
        var folder = Folder("bad");
        var (code, _, error) = await Batch(["first-class", "--runs", "2", "--set", "TradeElastic=2,4", "--out", folder]);

        Assert.Equal(DiploSimCommand.InvalidBatch, code);
        Assert.Contains("command line(1,6): unknown model parameter 'TradeElastic'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Zero_repetitions_in_a_file_is_a_located_error()
    {
        var path = Path.Combine(_root, "zero.yaml");
        File.WriteAllText(path, "scenario: first-class\nrepetitions: 0\n");

        var (code, _, error) = await Batch([path, "--out", Folder("zero")]);

        Assert.Equal(DiploSimCommand.InvalidBatch, code);
        Assert.Contains($"{path}(2,14): expected a whole number from 1 to 2147483647 for repetitions", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder("zero")));
    }

    [Fact]
    public async Task Experiment_flag_with_a_file_is_a_located_error()
    {
        var path = Path.Combine(_root, "e.yaml");
        File.WriteAllText(path, "scenario: first-class\n");

        var (code, _, error) = await Batch([path, "--runs", "5"]);

        Assert.Equal(DiploSimCommand.InvalidBatch, code);
        Assert.Contains("command line(1,3): --runs belongs in the experiment file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unwritable_output_folder_fails_before_any_run()
    {
        var blocker = Path.Combine(_root, "a-file");
        File.WriteAllText(blocker, "");

        var (code, _, error) = await Batch(["first-class", "--runs", "2", "--turns", "2", "--out", Path.Combine(blocker, "out")]);

        Assert.Equal(DiploSimCommand.InvalidBatch, code);
        Assert.Contains("cannot write to the output folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenario_that_does_not_validate_exits_one_before_any_run()
    {
        var path = Path.Combine(_root, "broken.yaml");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(Scenarios.Library, "first-class.yaml")).Replace("turns: 12", "turns: twelve", StringComparison.Ordinal));
        var folder = Folder("broken-out");

        var (code, _, error) = await Batch([path, "--runs", "2", "--out", folder]);

        Assert.Equal(DiploSimCommand.InvalidScenario, code);
        Assert.Contains("the scenario does not validate", error, StringComparison.Ordinal);
        Assert.Contains($"{path}(", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Interrupted_keeps_finished_runs_and_resume_matches_an_uninterrupted_batch()
    {
        string[] experiment = ["first-class", "--runs", "4", "--set", "TradeElasticity=2,4", "--seed", "5", "--turns", "3", "--workers", "1", "--no-plots"];
        var whole = Folder("whole");
        Assert.Equal(0, (await Batch([.. experiment, "--out", whole])).Code);

        // Cancel as soon as the first run is reported written, as Ctrl+C would. Runs already played by then are
        // written too (how many depends on timing; BatchRunnerTests interrupts at an exact run), and the batch is
        // left unfinished either way: no summary, manifest "interrupted".
        var folder = Folder("interrupted");
        using var cancel = new CancellationTokenSource();
        using var output = new CancelOnLine("runs 1/4", cancel);
        var (code, _, error) = await Batch([.. experiment, "--out", folder], cancel.Token, output);

        Assert.Equal(DiploSimCommand.Interrupted, code);
        Assert.Contains("--resume", error, StringComparison.Ordinal);
        var kept = Rows(folder, "runs.csv").Count;
        Assert.InRange(kept, 1, 4);
        Assert.False(File.Exists(Path.Combine(folder, "summary.csv")));
        Assert.Equal("interrupted", (string?)JsonNode.Parse(Read(folder, "manifest.json"))!["status"]);

        var (resumed, output2, _) = await Batch([.. experiment, "--out", folder, "--resume"]);

        Assert.Equal(0, resumed);
        Assert.Contains($"({0} failed, {kept} resumed)", output2, StringComparison.Ordinal);
        Assert.Equal(Read(whole, "turns.csv"), Read(folder, "turns.csv"));
        Assert.Equal(Read(whole, "runs.csv"), Read(folder, "runs.csv"));
    }

    [Fact]
    public async Task A_resume_after_the_scenario_file_changed_exits_one_and_names_the_file()
    {
        var scenario = Path.Combine(_root, "oil.yaml");
        var text = File.ReadAllText(Path.Combine(Scenarios.Library, "first-class.yaml"));
        File.WriteAllText(scenario, text);
        var folder = Folder("changed");
        string[] experiment = [scenario, "--runs", "2", "--turns", "2", "--out", folder, "--no-plots"];
        Assert.Equal(0, (await Batch(experiment)).Code);
        var runs = Read(folder, "runs.csv");

        File.WriteAllText(scenario, text + "\n# edited\n");
        var (code, output, error) = await Batch([.. experiment, "--resume"]);

        Assert.Equal(DiploSimCommand.InvalidBatch, code);
        Assert.Equal(1, code);
        Assert.Contains($"cannot resume: the batch in '{folder}' was started with different inputs: the scenario file '{scenario}' changed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("complete", output, StringComparison.Ordinal);
        Assert.Equal(runs, Read(folder, "runs.csv"));
    }

    [Fact]
    public async Task A_billion_repetitions_are_refused_with_their_size_before_anything_is_written()
    {
        var path = Path.Combine(_root, "huge.yaml");
        File.WriteAllText(path, "scenario: first-class\nrepetitions: 1000000000\n");
        var folder = Folder("huge");

        var (code, _, error) = await Batch([path, "--out", folder]);

        Assert.Equal(1, code);
        Assert.Contains("this batch is large: 1,000,000,000 runs × 12 turns = 12,000,000,000 turn rows: about", error, StringComparison.Ordinal);
        Assert.Contains("--yes", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("--runs", "3000000000", "--runs: expected a whole number from 1 to 2147483647, got '3000000000'")]
    [InlineData("--repetitions", "1500000000", "the batch would have 3,000,000,000 runs (2 parameter points × 1,500,000,000 repetitions); at most 2,147,483,647 runs")]
    public async Task Three_billion_runs_are_refused_with_a_readable_error(string flag, string value, string message)
    {
        var folder = Folder("three-billion");

        var (code, _, error) = await Batch(["first-class", flag, value, "--set", "TradeElasticity=2,4", "--out", folder]);

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Only_replays_one_run_of_the_batch_and_prints_its_rows_of_turns_csv_exactly()
    {
        string[] experiment = ["first-class", "--runs", "4", "--set", "TradeElasticity=2,4", "--seed", "9", "--turns", "3", "--bot", "IND=passive"];
        var folder = Folder("whole-for-only");
        Assert.Equal(0, (await Batch([.. experiment, "--out", folder, "--no-plots"])).Code);
        var lines = Read(folder, "turns.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var (code, output, error) = await Batch([.. experiment, "--only", "3"]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal([lines[0], .. lines.Where(l => l.StartsWith("3,", StringComparison.Ordinal))], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(4, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Only_a_run_the_batch_does_not_have_is_refused_with_its_range()
    {
        var (code, output, error) = await Batch(["first-class", "--runs", "4", "--turns", "1", "--only", "4"]);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("--only 4: the batch has runs 0 to 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crn_gives_each_repetition_the_same_seed_at_every_point()
    {
        var folder = Folder("crn");

        var (code, _, _) = await Batch(["first-class", "--repetitions", "2", "--set", "TradeElasticity=2,4", "--turns", "1", "--crn", "--out", folder, "--no-plots"]);

        Assert.Equal(0, code);
        var seeds = Rows(folder, "runs.csv").Select(r => r["seed"]).ToList();
        Assert.Equal(seeds[0], seeds[2]);
        Assert.Equal(seeds[1], seeds[3]);
        Assert.NotEqual(seeds[0], seeds[1]);
    }

    [Fact]
    public async Task Run_with_a_bot_policy_plays_exactly_the_batch_run_with_that_policy_and_seed()
    {
        var (code, batchRows, _) = await Batch(["first-class", "--runs", "1", "--seed", "6", "--turns", "3", "--bot", "IND=passive", "--metrics", "oil_price", "--only", "0"]);
        Assert.Equal(0, code);
        var batchLines = batchRows.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var seed = Csv.ReadRecords(batchLines[1] + "\n")[0][4];

        using var output = new StringWriter();
        using var error = new StringWriter();
        var runCode = DiploSimCommand.Invoke(["run", "first-class", "--seed", seed, "--turns", "3", "--bot", "IND=passive", "--format", "wide", "--metrics", "oil_price"], output, error);
        using var plainOutput = new StringWriter();
        DiploSimCommand.Invoke(["run", "first-class", "--seed", seed, "--turns", "3", "--format", "wide", "--metrics", "oil_price"], plainOutput, error);

        Assert.Equal(0, runCode);
        Assert.Equal("", error.ToString());
        var runLines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("turn,date,oil_price,state_hash", runLines[0]);
        Assert.Equal(batchLines.Skip(1).Select(l => l.Split(',')[^1]), runLines.Skip(1).Select(l => l.Split(',')[^1]));
        Assert.Equal(batchLines.Skip(1).Select(l => l.Split(',')[^2]), runLines.Skip(1).Select(l => l.Split(',')[^2]));
        Assert.NotEqual(output.ToString(), plainOutput.ToString());
    }

    /// <summary>Cancels a token when a line containing some text is written: a deterministic Ctrl+C.</summary>
    private sealed class CancelOnLine(string text, CancellationTokenSource cancel) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(text, StringComparison.Ordinal) == true)
            {
                cancel.Cancel();
            }
        }
    }
}

internal static class Scenarios
{
    public static string Library => DiploSim.Scenarios.ScenarioLibrary.Locate() ?? throw new InvalidOperationException("no scenarios/");
}
