using System.Text.Json;
using DiploSim.Agents;
using DiploSim.Batch;
using DiploSim.Testing;

namespace DiploSim.Cli.Tests;

public sealed class AgentBatchCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("diplosim-cli-agents-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Batch(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await DiploSimCommand.InvokeAsync(["batch", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Experiment(string agentsYaml, string bots = "IND: { agent: rule }")
    {
        File.WriteAllText(Path.Combine(_root, "agents.yaml"), agentsYaml);
        var path = Path.Combine(_root, "study.yaml");
        File.WriteAllText(path, $"""
            scenario: baseline
            turns: 4
            repetitions: 3
            seed: 5
            negotiationRounds: 1
            workers: 2
            agents: agents.yaml
            output: out
            bots:
              {bots}
            """);
        return path;
    }

    private static string ReferenceAgents => $"""
        agents:
          rule:
            command: [python3, rule_agent.py]
            workingDirectory: {AgentPrograms.PythonFolder}
            timeoutMs: 20000
        """;

    [Fact]
    public async Task A_batch_with_an_agent_seat_records_each_run_and_only_with_replay_gives_the_same_rows_without_the_agent()
    {
        var experiment = Experiment(ReferenceAgents);
        var (code, _, error) = await Batch(experiment, "--no-plots");
        Assert.True(code == 0, error);

        var folder = Path.Combine(_root, "out");
        var turns = File.ReadAllLines(Path.Combine(folder, "turns.csv"));
        var runs = Csv.ReadRecords(File.ReadAllText(Path.Combine(folder, "runs.csv")));
        var column = runs[0].ToList();
        Assert.All(runs.Skip(1), r => Assert.Equal("agent:rule", r[column.IndexOf("bot_IND")]));
        foreach (var run in runs.Skip(1))
        {
            var records = JsonLinesRecorder.Read(AgentRoster.RecordingOf(folder, int.Parse(run[0], System.Globalization.CultureInfo.InvariantCulture))).ToList();
            Assert.All(records, r => Assert.Equal(run[column.IndexOf("seed")], r.Seed));
            Assert.Equal(4 * 2, records.Count(r => r.Kind == AgentProtocol.ActionType && r.Failure is null));
        }

        // The recording replays run 2 exactly, with no agent started: a broken agents file does not matter.
        File.WriteAllText(Path.Combine(_root, "agents.yaml"), ReferenceAgents.Replace("rule_agent.py", "missing.py", StringComparison.Ordinal));
        var (replayCode, replayed, replayError) = await Batch(experiment, "--only", "2", "--replay");
        Assert.True(replayCode == 0, replayError);
        Assert.Equal([turns[0], .. turns.Where(l => l.StartsWith("2,", StringComparison.Ordinal))], replayed.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // A recording that was tampered with gives other hashes.
        var path = AgentRoster.RecordingOf(folder, 2);
        var edited = File.ReadAllLines(path).Select(l => JsonSerializer.Deserialize<AgentRecord>(l, AgentJson.Options)!)
            .Select(r => r.Kind == AgentProtocol.ActionType ? r with { Text = null, Failure = "erased" } : r)
            .Select(r => JsonSerializer.Serialize(r, AgentJson.Options));
        File.WriteAllLines(path, edited);
        var (_, tampered, _) = await Batch(experiment, "--only", "2", "--replay");
        Assert.NotEqual(replayed, tampered);
    }

    [Fact]
    public async Task An_agent_that_crashes_leaves_its_runs_finished_with_its_seat_passing()
    {
        var experiment = Experiment($"""
            agents:
              crash:
                command: [python3, bad_agent.py, crash]
                workingDirectory: {AgentPrograms.Fixtures}
            """, "IND: { agent: crash }");
        var (code, _, error) = await Batch(experiment, "--no-plots");

        Assert.True(code == 0, error);
        var runs = Csv.ReadRecords(File.ReadAllText(Path.Combine(_root, "out", "runs.csv")));
        Assert.All(runs.Skip(1), r => Assert.Contains("ok", r));
        var failures = JsonLinesRecorder.Read(AgentRoster.RecordingOf(Path.Combine(_root, "out"), 0)).Where(r => r.Kind == AgentProtocol.ActionType).Select(r => r.Failure).ToList();
        Assert.Equal(8, failures.Count);
        Assert.All(failures, f => Assert.NotNull(f));
        Assert.Contains(failures, f => f!.Contains("its seat passes until the game ends", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("agents:\n  rule:\n    command: python3 rule_agent.py\n", "IND: { agent: rule }", "agents.yaml(3,14): agent 'rule': expected 'command', a list of a program and its arguments")]
    [InlineData("agents:\n  rule:\n    command: [no-such-program-xyz]\n", "IND: { agent: rule }", "agents.yaml(3,14): agent 'rule': program 'no-such-program-xyz' is not on PATH")]
    [InlineData("agents:\n  rule:\n    command: [python3]\n", "IND: { agent: other }", "study.yaml(10,3): bots: unknown agent 'other'; the agents file names: rule")]
    [InlineData("agents:\n  rule:\n    command: [python3]\n", "IND: { agent: rule, policy: doctrine }", "study.yaml(10,8): an agent plays IND: give only 'agent'")]
    [InlineData("agents:\n  rule:\n    command: [python3]\n    shell: true\n", "IND: { agent: rule }", "agents.yaml(4,5): unknown key 'shell'")]
    public async Task A_bad_agents_file_or_agent_seat_is_a_located_error_before_any_run(string agents, string bots, string expected)
    {
        var (code, _, error) = await Batch(Experiment(agents, bots), "--no-plots");

        Assert.Equal(DiploSimCommand.InvalidBatch, code);
        Assert.Contains(expected, error.Replace(_root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }
}
