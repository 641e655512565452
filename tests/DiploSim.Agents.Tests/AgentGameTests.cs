using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using DiploSim.Agents;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Scenarios;
using DiploSim.Testing;
using Json.Schema;

namespace DiploSim.Agents.Tests;

public sealed class AgentGameTests
{
    private const ulong Seed = 42;
    private static readonly WorldState World = BaselineScenario.World(Seed, new ModelParameters());
    private static readonly string[] Bots = [.. World.Actors.Select(a => a.Id).Where(a => a != "IND")];

    private static (List<TurnResult> Turns, List<AgentRecord> Records) Play(IAgentSeat seat, int turns, AgentOptions options)
    {
        var recording = new StringWriter();
        var game = new AgentGame("run-0", Seed, "baseline", ShockScript.Empty, Bots, new Dictionary<string, IAgentSeat> { ["IND"] = seat }, options, new JsonLinesRecorder(recording));
        var results = game.Play(World, turns).ToList();
        var records = recording.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<AgentRecord>(l, AgentJson.Options)!).ToList();
        return (results, records);
    }

    [Fact]
    public void The_reference_agent_plays_India_and_the_game_replays_exactly_from_its_recording()
    {
        using var agent = new AgentProcess(AgentPrograms.Reference());
        var (turns, records) = Play(agent, 8, new AgentOptions(Rounds: 1));

        var accepted = turns.SelectMany(t => t.Outcome.Moves).Where(m => m.Move.Actor == "IND" && m.Accepted).ToList();
        Assert.Contains(accepted, m => m.Move is HoldSummit);
        Assert.Contains(accepted, m => m.Move is ProposeAgreement);
        var actions = records.Where(r => r.Kind == AgentProtocol.ActionType).ToList();
        Assert.Equal(8 * 2, actions.Count);
        Assert.All(actions, a => Assert.Null(a.Failure));
        Assert.Contains(actions, a => !a.Messages.IsDefaultOrEmpty);
        Assert.All(records, r => Assert.Equal("42", r.Seed));
        Assert.Equal(["newGame", "observation", "action"], records.Take(3).Select(r => r.Kind));
        Assert.Equal("gameOver", records[^1].Kind);

        // What DiploSim wrote and what the agent answered are what the committed schemas describe.
        foreach (var (kind, file) in new[] { ("newGame", "new-game"), ("observation", "observation"), ("gameOver", "game-over") })
        {
            Assert.All(records.Where(r => r.Kind == kind), r => Valid(file, r.Document!));
        }

        Assert.All(actions, a => Valid("action", a.Text!));
        Assert.All(records, r => Valid("record", JsonSerializer.Serialize(r, AgentJson.Options)));

        var (replayed, _) = Play(new RecordedSeat(records.Where(r => r.Seat == "IND")), 8, new AgentOptions(Rounds: 1));
        Assert.Equal(turns.Select(t => t.Outcome.StateHash), replayed.Select(t => t.Outcome.StateHash));

        // Without India's moves the world goes elsewhere: the agent's moves are what the hashes record.
        var (passive, _) = Play(new RecordedSeat([]), 8, new AgentOptions(Rounds: 1));
        Assert.NotEqual(turns[^1].Outcome.StateHash, passive[^1].Outcome.StateHash);
    }

    [Theory]
    [InlineData("invalid-json", 20_000, "not an action")]
    [InlineData("unknown-kind", 20_000, "move 0: unknown move kind 'LaunchMissiles'")]
    [InlineData("other-seat", 20_000, "move 0: the move is for ")]
    [InlineData("extra-field", 20_000, "not an action")]
    [InlineData("silent", 500, "no answer within 500 ms")]
    [InlineData("late", 1000, "no answer within 1000 ms")]
    public void A_misbehaving_agent_is_refused_or_timed_out_each_decision_and_the_game_goes_on(string mode, int timeoutMs, string refusal)
    {
        using var agent = new AgentProcess(AgentPrograms.Bad(mode, TimeSpan.FromMilliseconds(timeoutMs)));
        var clock = Stopwatch.StartNew();
        var (turns, records) = Play(agent, 3, new AgentOptions(Rounds: 0));

        Assert.Equal(3, turns.Count);
        var actions = records.Where(r => r.Kind == AgentProtocol.ActionType).ToList();
        Assert.Equal(3, actions.Count);
        Assert.All(actions, a => Assert.Contains(a.Refusals, r => r.StartsWith(refusal, StringComparison.Ordinal)));
        Assert.All(actions, a => Assert.True(a.Moves.IsDefaultOrEmpty));
        Assert.DoesNotContain(turns.SelectMany(t => t.Outcome.Moves), m => m.Move.Actor == "IND");
        Assert.Equal(1, agent.Starts);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void An_agent_that_writes_100_MB_without_a_newline_is_refused_for_that_decision_and_heard_afterwards()
    {
        using var agent = new AgentProcess(AgentPrograms.Bad("flood", TimeSpan.FromSeconds(20)));
        var (turns, records) = Play(agent, 3, new AgentOptions(Rounds: 0));

        var actions = records.Where(r => r.Kind == AgentProtocol.ActionType).ToList();
        Assert.Equal(3, turns.Count);
        Assert.Equal("the agent wrote a line longer than 1048576 bytes; it was not read", actions[0].Failure);
        Assert.All(actions.Skip(1), a => Assert.Null(a.Failure));
        Assert.All(actions.Skip(1), a => Assert.Empty(a.Refusals));
    }

    [Fact]
    public void An_agent_that_crashes_is_started_again_once_and_then_its_seat_passes_until_the_game_ends()
    {
        using var agent = new AgentProcess(AgentPrograms.Bad("crash", TimeSpan.FromSeconds(20)));
        var (turns, records) = Play(agent, 3, new AgentOptions(Rounds: 0));

        Assert.Equal(3, turns.Count);
        Assert.Equal(2, agent.Starts);
        var failures = records.Where(r => r.Kind == AgentProtocol.ActionType).Select(r => r.Failure).ToList();
        Assert.StartsWith("the agent exited (code 3); its last error line: bad_agent: crashing on purpose", failures[0], StringComparison.Ordinal);
        Assert.All(failures.Skip(1), f => Assert.Equal("the agent exited twice in this game; its seat passes until the game ends", f));

        // The next game starts it afresh.
        Play(agent, 1, new AgentOptions(Rounds: 0));
        Assert.Equal(4, agent.Starts);
    }

    [Fact]
    public void Messages_of_a_round_reach_the_seats_they_are_sent_to_when_the_round_ends()
    {
        var says = ImmutableDictionary<string, string>.Empty;
        var ind = new ScriptedSeat(o => """{"messages":[{"to":"RUS","text":"from IND"},{"text":"to all from IND"}]}""");
        var rus = new ScriptedSeat(o => "{}");
        var usa = new ScriptedSeat(o => "{}");
        var game = new AgentGame("g", Seed, "baseline", ShockScript.Empty, [], new Dictionary<string, IAgentSeat> { ["IND"] = ind, ["RUS"] = rus, ["USA"] = usa }, new AgentOptions(Rounds: 1));
        _ = game.Play(World, 1).ToList();

        Assert.Equal(["from IND", "to all from IND"], Texts(rus.Observations[1]));
        Assert.Equal(["to all from IND"], Texts(usa.Observations[1]));
        Assert.Empty(Texts(rus.Observations[0]));
        Assert.Empty(Texts(ind.Observations[1]));
        Assert.Equal(4, game.Messages.Count);

        static IEnumerable<string> Texts(JsonElement o) => o.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()!);
    }

    private static void Valid(string schema, string json)
    {
        var result = Schema(schema).Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{schema}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(5)));
    }

    private static JsonSchema Schema(string name) => Schemas.GetOrAdd(name, n =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AgentPrograms.Root, "schemas", "agents", n + ".schema.json"))));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Schemas = new();

    /// <summary>A seat that answers each observation with the action a function writes (type and decision added).</summary>
    private sealed class ScriptedSeat(Func<JsonElement, string> answer) : IAgentSeat
    {
        public List<JsonElement> Observations { get; } = [];

        public void Begin(string newGame)
        {
        }

        public AgentReply Decide(long decision, string observation)
        {
            var o = JsonDocument.Parse(observation).RootElement;
            Observations.Add(o);
            var body = answer(o);
            return AgentReply.Answer($$"""{"type":"action","decision":{{decision}},{{body.TrimStart('{')}}""".Replace(",}", "}", StringComparison.Ordinal));
        }

        public void End(string gameOver)
        {
        }
    }
}
