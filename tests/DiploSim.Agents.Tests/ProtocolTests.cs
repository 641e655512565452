using System.Text.Json;
using System.Text.Json.Nodes;
using DiploSim.Agents;
using DiploSim.Core.State;
using DiploSim.Scenarios;
using DiploSim.Testing;

namespace DiploSim.Agents.Tests;

public sealed class ProtocolTests
{
    private static readonly WorldState World = BaselineScenario.World(7, new ModelParameters());
    private static readonly string[] Actors = [.. World.Actors.Select(a => a.Id)];

    private static Observation Observe(int round = 1, int rounds = 1) =>
        Observations.For(World, "IND", "run-0", 7, round, new AgentOptions(Rounds: rounds), [], [], null);

    [Fact]
    public void The_committed_schemas_are_the_ones_the_records_give()
    {
        var folder = Path.Combine(AgentPrograms.Root, "schemas", "agents");
        foreach (var (file, text) in AgentSchemas.Generate())
        {
            var path = Path.Combine(folder, file);
            Assert.True(File.Exists(path), $"{path} is missing: run `dotnet run --project src/DiploSim.Cli -- agent-schemas schemas/agents`");
            Assert.True(File.ReadAllText(path) == text, $"{path} is not what the records give: run `dotnet run --project src/DiploSim.Cli -- agent-schemas schemas/agents`");
        }

        Assert.Equal(AgentSchemas.Documents.Select(d => d.File).Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void The_observation_schema_requires_what_an_observation_always_has_and_names_the_protocol()
    {
        var schema = JsonNode.Parse(AgentSchemas.Generate().Single(s => s.File == "observation.schema.json").Text)!;
        var required = schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("decision", required);
        Assert.Contains("ledger", required);
        Assert.Contains("moveKinds", required);
        Assert.Contains("null", schema["properties"]!["lastOutcome"]!["type"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(AgentProtocol.Version, schema["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_observation_shows_the_seat_its_own_dashboard_and_no_other_seats_private_state()
    {
        var json = JsonNode.Parse(AgentJson.Write(Observe()))!;
        Assert.Equal("IND", json["ledger"]!["country"]!.GetValue<string>());
        Assert.Equal("IND", json["view"]!["country"]!.GetValue<string>());

        // Every capital and every ledger-like country field in the document is India's own.
        var capitals = Properties(json, "capital").Select(n => n.GetValue<int>()).Distinct().ToList();
        Assert.Equal([World.Actor("IND").Capital], capitals);
        Assert.Equal(["IND"], Properties(json, "country").Select(n => n.GetValue<string>()).Distinct());
    }

    [Fact]
    public void An_observation_names_the_routes_a_corridor_can_follow_and_none_where_the_scenario_names_none()
    {
        var routes = JsonNode.Parse(AgentJson.Write(Observe()))!["world"]!["routes"]!.AsArray();
        var imec = Assert.Single(routes, r => r!["name"]!.GetValue<string>() == "India–Middle East–Europe Economic Corridor");
        Assert.Equal(["EU", "IND"], imec!["parties"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(World.Global.Routes.Length, routes.Count);

        var open = World with { Global = World.Global with { Routes = [] } };
        var none = Observations.For(open, "IND", "run-0", 7, 1, new AgentOptions(Rounds: 1), [], [], null);
        Assert.Empty(JsonNode.Parse(AgentJson.Write(none))!["world"]!["routes"]!.AsArray());
    }

    [Fact]
    public void The_move_catalogue_gives_every_kind_its_fields_names_and_cost_range()
    {
        var kinds = MoveCatalogue.Kinds.ToDictionary(k => k.Kind);
        Assert.Equal(Enum.GetNames<Core.MoveKind>().Order(), kinds.Keys.Order());
        Assert.Equal((1, 3), (kinds["SetSanction"].MinCost, kinds["SetSanction"].MaxCost));
        Assert.Equal((2, 3), (kinds["HoldSummit"].MinCost, kinds["HoldSummit"].MaxCost));
        Assert.Equal((0, 0), (kinds["AnswerProposal"].MinCost, kinds["AnswerProposal"].MaxCost));
        var tariff = kinds["SetTariff"].Fields.ToDictionary(f => f.Name);
        Assert.True(tariff["Target"].Required);
        Assert.Equal("number", tariff["Rate"].Type);
        Assert.False(tariff["Sector"].Required);
        Assert.Contains("Energy", tariff["Sector"].Values);
    }

    [Theory]
    [InlineData("""{"type":"action","decision":7,"moves":[{"kind":"LaunchMissiles","target":"RUS"}]}""", "move 0: unknown move kind 'LaunchMissiles'")]
    [InlineData("""{"type":"action","decision":7,"moves":[{"kind":"SetTariff","actor":"RUS","target":"IND","rate":0.5}]}""", "move 0: the move is for RUS, not for IND")]
    [InlineData("""{"type":"action","decision":7,"moves":[{"kind":"SetTariff","target":"USA"}]}""", "move 0: malformed SetTariff move: 'rate' is required")]
    [InlineData("""{this is not json""", "not an action")]
    [InlineData("""{"type":"action","decision":6}""", "the action is for decision 6, not 7")]
    [InlineData("""{"type":"action","decision":7,"movez":[]}""", "not an action")]
    [InlineData("""{"type":"action","decision":"7"}""", "not an action")]
    [InlineData("""{"type":"action","decision":7,"protocol":"diplosim-agent/9"}""", "this game speaks diplosim-agent/1, not diplosim-agent/9")]
    [InlineData("""{"type":"observation","decision":7}""", "expected type 'action', got 'observation'")]
    [InlineData("""{"type":"action","decision":7,"messages":[{"to":"IND","text":"hello me"}]}""", "message 0: a seat does not message itself")]
    [InlineData("""{"type":"action","decision":7,"messages":[{"to":"JPN","text":"hello"}]}""", "message 0: unknown seat 'JPN'")]
    [InlineData("""{"type":"action","decision":7,"messages":[{"to":"USA","text":" "}]}""", "message 0: a message needs text")]
    public void An_action_the_protocol_or_the_seat_does_not_allow_is_refused_with_its_reason(string line, string refusal)
    {
        var reading = ActionReader.Read(line, Observe(), Actors);
        Assert.Empty(reading.Moves);
        Assert.Contains(reading.Refusals, r => r.StartsWith(refusal, StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_action_gives_its_moves_answers_and_messages_and_refuses_only_the_bad_parts()
    {
        var line = """{"type":"action","decision":7,"moves":[{"kind":"SetTariff","target":"USA","rate":0.1},{"kind":"Nope"}],"answers":[{"proposalId":"p1","accept":true}],"messages":[{"to":"RUS","text":"Шалом, friend"},{"text":"to all"}]}""";
        var reading = ActionReader.Read(line, Observe(), Actors);
        Assert.Equal(["IND sets a 10% tariff on all goods from USA", "IND accepts proposal p1"], reading.Moves.Select(m => m.Describe()));
        Assert.Equal([("RUS", "Шалом, friend"), (null, "to all")], reading.Messages.Select(m => (m.To, m.Text)));
        Assert.Equal(["move 1: unknown move kind 'Nope'"], reading.Refusals.ToArray());
    }

    [Fact]
    public void Moves_in_a_negotiation_round_are_ignored_and_its_messages_are_taken()
    {
        var line = """{"type":"action","decision":7,"moves":[{"kind":"SetTariff","target":"USA","rate":0.1}],"messages":[{"to":"RUS","text":"let us talk"}]}""";
        var reading = ActionReader.Read(line, Observe(round: 0), Actors);
        Assert.Empty(reading.Moves);
        Assert.Single(reading.Messages);
        Assert.Contains(reading.Refusals, r => r.Contains("negotiation round", StringComparison.Ordinal));
    }

    [Fact]
    public void An_action_holds_at_most_the_limit_of_moves_and_messages()
    {
        var options = new AgentOptions(Rounds: 0, MaxMoves: 2, MaxMessages: 1, MaxMessageLength: 5);
        var observation = Observations.For(World, "IND", "run-0", 7, 0, options, [], [], null);
        var moves = string.Join(',', Enumerable.Range(0, 3).Select(i => $$"""{"kind":"SetTariff","target":"{{Actors.Where(a => a != "IND").ElementAt(i)}}","rate":0.1}"""));
        var line = $$"""{"type":"action","decision":7,"moves":[{{moves}}],"messages":[{"text":"hi"},{"text":"again"},{"to":"USA","text":"too long"}]}""";
        var reading = ActionReader.Read(line, observation, Actors);
        Assert.Equal(2, reading.Moves.Length);
        Assert.Single(reading.Messages);
        Assert.Equal(["move 2: an action holds at most 2 moves", "message 1: an action holds at most 1 messages", "message 2: an action holds at most 1 messages"], reading.Refusals.ToArray());
    }

    private static IEnumerable<JsonNode> Properties(JsonNode node, string name) => node switch
    {
        JsonObject o => o.SelectMany(p => (p.Key == name && p.Value is JsonValue v ? [v] : Enumerable.Empty<JsonNode>())
            .Concat(p.Value is null ? [] : Properties(p.Value, name))),
        JsonArray a => a.Where(x => x is not null).SelectMany(x => Properties(x!, name)),
        _ => [],
    };
}
