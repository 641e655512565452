using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiploSim.Agents;
using DiploSim.Batch;

namespace DiploSim.Cli;

/// <summary>
/// <c>diplosim env SCENARIO --seats IND,RUS</c>: DiploSim as an environment that a program steps, one JSON document a
/// line on standard input and output (docs/agents.md, the Python module <c>diplosim_env.py</c>). The program writes
/// <c>{"type":"reset","seed":"N"}</c>; DiploSim plays the game with bots on the other seats and, for every round,
/// writes <c>{"type":"observations","observations":{SEAT: observation}}</c> and reads
/// <c>{"type":"actions","actions":{SEAT: action}}</c>; after the last turn it writes
/// <c>{"type":"gameOver","stateHash":…,"scores":[…]}</c> and waits for the next reset (or the end of input).
/// </summary>
public static class EnvCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var scenario = new Argument<string>("scenario") { Description = "A scenario file, a library id or baseline" };
        var seats = new Option<string>("--seats") { Description = "The seats the program plays, comma-separated (IND,RUS)", Required = true };
        var turns = new Option<int?>("--turns") { Description = "Turns a game lasts (default: the scenario's)" };
        var rounds = new Option<int>("--rounds") { Description = "Negotiation rounds before the moves of each turn", DefaultValueFactory = _ => 0 };
        var command = new Command("env", "Be an environment a program steps over standard input and output (docs/agents.md)") { scenario, seats, turns, rounds };
        command.SetAction(result => Run(result.GetValue(scenario)!, result.GetValue(seats)!, result.GetValue(turns), result.GetValue(rounds), Console.In, output, error));
        return command;
    }

    public static int Run(string reference, string seatList, int? turns, int rounds, TextReader input, TextWriter output, TextWriter error)
    {
        var (source, missing) = ScenarioSource.Resolve(reference);
        if (source is null)
        {
            error.WriteLine(missing);
            return DiploSimCommand.InvalidScenario;
        }

        var (model, errors) = source.Load();
        if (model is null)
        {
            foreach (var e in errors)
            {
                error.WriteLine(e);
            }

            return DiploSimCommand.InvalidScenario;
        }

        var actors = model.Scenario.World.Actors.Select(a => a.Id).ToImmutableArray();
        var seats = seatList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (seats.Length == 0 || seats.FirstOrDefault(s => !actors.Contains(s)) is { } unknown || rounds is < 0 or > AgentOptions.MaxRounds)
        {
            error.WriteLine($"--seats takes actors of the scenario ({string.Join(", ", actors)}); --rounds 0 to {AgentOptions.MaxRounds}");
            return DiploSimCommand.Usage;
        }

        var table = new Table(input, output);
        var length = turns ?? model.Scenario.Turns;
        var games = 0;
        while (input.ReadLine() is { } line)
        {
            var reset = JsonNode.Parse(line);
            if ((string?)reset?["type"] != "reset")
            {
                error.WriteLine($"expected {{\"type\":\"reset\",\"seed\":\"N\"}}, got {line}");
                return DiploSimCommand.Usage;
            }

            var seed = ulong.Parse((string?)reset["seed"] ?? "0", CultureInfo.InvariantCulture);
            var world = model.Build(model.BaseParameters, seed);
            var bots = actors.Except(seats).ToList();
            var game = new AgentGame($"env-{++games}", seed, model.Scenario.Id, model.Scenario.Script, bots,
                seats.ToDictionary(s => s, _ => (IAgentSeat)table), new AgentOptions(Rounds: rounds), table: table);
            var last = world;
            foreach (var turn in game.Play(world, length))
            {
                last = turn.State;
            }

            table.Write(new JsonObject
            {
                ["type"] = AgentProtocol.GameOverType,
                ["stateHash"] = Core.StateHash.Compute(last),
                ["scores"] = new JsonObject(last.Actors.Select(a => KeyValuePair.Create(a.Id, (JsonNode?)a.Scores.Utility))),
            }.ToJsonString());
        }

        return DiploSimCommand.Ok;
    }

    /// <summary>Every seat's observations of a round in one line out, every seat's actions in one line in.</summary>
    private sealed class Table(TextReader input, TextWriter output) : IAgentTable, IAgentSeat
    {
        public void Write(string line)
        {
            output.Write(line + "\n");
            output.Flush();
        }

        public IReadOnlyList<AgentReply> DecideAll(IReadOnlyList<(string Seat, long Decision, string Observation)> asks)
        {
            Write("{\"type\":\"observations\",\"observations\":{" + string.Join(',', asks.Select(a => JsonSerializer.Serialize(a.Seat) + ":" + a.Observation)) + "}}");
            var line = input.ReadLine() ?? throw new InvalidOperationException("the program closed its output in the middle of a game");
            var actions = JsonNode.Parse(line)?["actions"] as JsonObject;
            return [.. asks.Select(a => actions?[a.Seat] is { } action ? AgentReply.Answer(action.ToJsonString()) : AgentReply.Fail($"no action for {a.Seat}"))];
        }

        public void Begin(string newGame)
        {
        }

        public AgentReply Decide(long decision, string observation) => throw new InvalidOperationException("the environment decides for every seat at once");

        public void End(string gameOver)
        {
        }
    }
}
