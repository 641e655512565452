using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DiploSim.Agents;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Scenarios;
using DiploSim.Server.Api;
using DiploSim.Server.Hub;
using DiploSim.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiploSim.Server.Tests;

/// <summary>The agent protocol over plain HTTP against the real server, with the Python reference agent as the client.</summary>
[Collection(ServerCollection.Name)]
public sealed class AgentHttpTests(ServerFixture server)
{
    private async Task<(SessionPassesDto Passes, SeatPassDto India)> Session(ulong seed, int rounds = 0)
    {
        var response = await server.Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = BaselineScenario.Id, TurnSeconds = 3600, HumanSeats = new[] { "IND" }, Press = "Open", Seed = seed, NegotiationRounds = rounds });
        response.EnsureSuccessStatusCode();
        var passes = (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;
        return (passes, await server.Join(passes.JoinCode, "IND", "agent:rule"));
    }

    private async Task Start(SessionPassesDto passes)
    {
        await using var teacher = await server.Connect(passes.TeacherPass);
        Assert.Null((await teacher.Call("Start")).Refusal);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string pass, string? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pass);
        return request;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task The_reference_agent_playing_India_over_HTTP_makes_the_moves_and_hashes_it_makes_over_stdio_for_the_same_seed(int rounds)
    {
        const ulong seed = 11;
        const int turns = 5;
        var (passes, india) = await Session(seed, rounds);

        // The seat is a program's before the session starts, so the first turn has its negotiation rounds too.
        using (var asked = await server.Http.SendAsync(Request(HttpMethod.Get, "/api/agent/game", india.Pass)))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        await Start(passes);

        var python = Process.Start(new ProcessStartInfo("python3")
        {
            ArgumentList = { "rule_agent.py", "--http", server.BaseAddress.ToString(), "--pass", india.Pass, "--turns", (turns * (rounds + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            WorkingDirectory = AgentPrograms.PythonFolder,
            RedirectStandardError = true,
        })!;
        var errors = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(python.ExitCode == 0, await errors);

        var history = await server.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>(passes.SessionId).GetHistory(fromTurn: 0);

        // The same seat, seed and world in a game over standard input and output, as a batch plays it.
        var world = new TestScenarios().Find(BaselineScenario.Id)!.World.WithSeed(seed);
        using var agent = new AgentProcess(AgentPrograms.Reference());
        var bots = world.Actors.Select(a => a.Id).Where(a => a != "IND").ToList();
        var game = new AgentGame("run-0", seed, BaselineScenario.Id, ShockScript.Empty, bots, new Dictionary<string, IAgentSeat> { ["IND"] = agent }, new AgentOptions(Rounds: rounds));
        var played = game.Play(world, turns, world.Turn + BaselineScenario.Load().Turns).ToList(); // the session's bots look to the scenario's end


        static IEnumerable<string> India(IEnumerable<(Move Move, bool Accepted)> moves) =>
            moves.Where(m => m.Move.Actor == "IND").Select(m => $"{m.Move.Describe()} {m.Accepted}").Order(StringComparer.Ordinal);
        Assert.NotEmpty(played.SelectMany(t => India(t.Outcome.Moves.Select(m => (m.Move, m.Accepted)))));
        Assert.Equal(turns, history.Length);
        for (var t = 0; t < turns; t++)
        {
            Assert.Equal(India(played[t].Outcome.Moves.Select(m => (m.Move, m.Accepted))),
                India(history[t].Moves.Select(m => (MoveMapping.ToCore(m.Move, m.Move.Actor!).Value!, m.Accepted))));
            Assert.Equal(played[t].Outcome.StateHash, history[t].StateHash);
        }

        // Over HTTP the seat answered every negotiation round of every turn, and said what it says over stdio.
        var log = await server.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>(passes.SessionId).GetLog(afterSequence: 0);
        Assert.Equal(turns * rounds, log.Count(e => e.Event is NegotiationAnswered { Country: "IND" }));
        Assert.Equal(game.Messages.Select(m => (m.Turn, m.Round, m.Text)),
            log.Select(e => e.Event).OfType<MessageSent>().Where(m => m.From == "IND").Select(m => (m.Turn, m.Round, m.Text)));
    }

    [Fact]
    public async Task Over_HTTP_an_observation_waits_for_the_turn_and_a_bad_action_is_refused_with_its_reasons()
    {
        var (passes, india) = await Session(12);

        // Before the session starts there is nothing to decide: the wait ends with no content.
        using var early = await server.Http.SendAsync(Request(HttpMethod.Get, "/api/agent/observation?wait=0", india.Pass));
        Assert.Equal(HttpStatusCode.NoContent, early.StatusCode);

        using var game = await server.Http.SendAsync(Request(HttpMethod.Get, "/api/agent/game", india.Pass));
        var start = AgentJson.Read<NewGame>(await game.Content.ReadAsStringAsync());
        Assert.Equal(("IND", "12", AgentProtocol.Version), (start.Seat, start.Seed, start.Protocol));

        // A long poll started before the session is answered once its first turn opens.
        var waiting = server.Http.SendAsync(Request(HttpMethod.Get, "/api/agent/observation?wait=30", india.Pass));
        await Start(passes);
        using var first = await waiting;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var observation = AgentJson.Read<Observation>(await first.Content.ReadAsStringAsync());
        Assert.Equal((1L, 0, "IND"), (observation.Decision, observation.Turn, observation.Seat));
        Assert.NotNull(observation.Deadline);

        using var garbage = await server.Http.SendAsync(Request(HttpMethod.Post, "/api/agent/action", india.Pass, "{not json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.StartsWith("not an action", (await garbage.Content.ReadFromJsonAsync<ActionReceipt>())!.Refusals[0], StringComparison.Ordinal);

        using var mixed = await server.Http.SendAsync(Request(HttpMethod.Post, "/api/agent/action", india.Pass,
            """{"type":"action","decision":1,"moves":[{"kind":"LaunchMissiles"},{"kind":"SetTariff","actor":"RUS","target":"IND","rate":0.5},{"kind":"SetTariff","target":"USA","rate":0.1}]}"""));
        var receipt = (await mixed.Content.ReadFromJsonAsync<ActionReceipt>())!;
        Assert.Equal(HttpStatusCode.OK, mixed.StatusCode);
        Assert.Equal(1, receipt.Moves);
        Assert.Equal(["move 0: unknown move kind 'LaunchMissiles'", "move 1: the move is for RUS, not for IND"], receipt.Refusals);

        // The seat was the only human one: its action made the turn resolve with its one good move.
        var history = await server.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>(passes.SessionId).GetHistory(fromTurn: 0);
        Assert.Contains(Assert.Single(history).Moves, m => m.Move.Actor == "IND" && m.Move.Kind == "SetTariff" && m.Move.Target == "USA");

        using var spectator = await server.Http.SendAsync(Request(HttpMethod.Get, "/api/agent/observation?wait=0", passes.SpectatorPass!));
        Assert.Equal(HttpStatusCode.Unauthorized, spectator.StatusCode);
    }

    [Fact]
    public async Task The_teacher_hands_a_seat_to_an_agent_the_operator_registered_and_the_server_plays_it_under_the_agents_name_through_its_negotiation_rounds()
    {
        var response = await server.Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = BaselineScenario.Id, TurnSeconds = 3600, HumanSeats = new[] { "IND" }, Press = "Open", Seed = 13UL, NegotiationRounds = 1 });
        var passes = (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;

        using var registered = await server.Http.SendAsync(Request(HttpMethod.Get, "/api/agent/registered", passes.TeacherPass));
        Assert.Equal(["rule"], (await registered.Content.ReadFromJsonAsync<string[]>())!);

        // Only a registered name: a command in the request is not read, and a player cannot hand seats over.
        using var unknown = await server.Http.SendAsync(Request(HttpMethod.Post, "/api/agent/seats", passes.TeacherPass,
            """{"country":"IND","agent":"shell","command":["sh","-c","touch /tmp/pwned"]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("no agent 'shell' is registered on this server (registered: rule)", (await unknown.Content.ReadFromJsonAsync<Receipt>())!.Refusal);
        var player = await server.Join(passes.JoinCode, "IND", "Ada");
        using var notTeacher = await server.Http.SendAsync(Request(HttpMethod.Post, "/api/agent/seats", player.Pass, """{"country":"IND","agent":"rule"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, notTeacher.StatusCode);

        using var handed = await server.Http.SendAsync(Request(HttpMethod.Post, "/api/agent/seats", passes.TeacherPass, """{"country":"IND","agent":"rule"}"""));
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        var session = server.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>(passes.SessionId);
        var seat = (await session.GetStatus()).Seats.Single(s => s.Country == "IND");
        Assert.Equal(("agent:rule", new SeatAgent("rule")), (seat.Player, seat.Agent));

        await Start(passes);
        var history = await Eventually(async () => await session.GetHistory(fromTurn: 0), h => h.Length >= 3);
        Assert.Contains(history.SelectMany(t => t.Moves), m => m.Move.Actor == "IND" && m.Accepted);

        // Each turn's negotiation round was answered by the program before its moves, and its turn-0 announcement sent in it.
        var log = (await session.GetLog(afterSequence: 0)).Select(e => e.Event).ToList();
        Assert.All(Enumerable.Range(0, 3), t => Assert.Contains(new NegotiationAnswered(t, 0, "IND"), log));
        Assert.Contains(log.OfType<MessageSent>(), m => m is { From: "IND", Turn: 0, Round: 0 });

        // The agent plays as fast as the turns resolve, so on a quick machine the scenario may have ended already.
        await using var teacher = await server.Connect(passes.TeacherPass);
        var end = (await teacher.Call("End")).Refusal;
        Assert.True(end is null or "the session has already ended", end);
    }

    [Fact]
    public async Task A_seat_whose_pass_speaks_the_protocol_over_HTTP_is_marked_as_played_by_an_agent_until_it_changes_hands()
    {
        var response = await server.Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = BaselineScenario.Id, TurnSeconds = 3600, HumanSeats = new[] { "IND" }, Press = "Open", Seed = 14UL });
        var passes = (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;
        var india = await server.Join(passes.JoinCode, "IND", "Lab team");
        await using var teacher = await server.Connect(passes.TeacherPass, messagePack: false);
        await using var screen = await server.Connect(passes.SpectatorPass);
        async Task<SeatView> Seat() => (await screen.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status.Seats.Single(s => s.Country == "IND");

        // A person's seat carries no agent.
        Assert.Equal(("Lab team", (SeatAgent?)null), ((await Seat()).Player, (await Seat()).Agent));

        // The pass asks for its game over HTTP: the console is told at once, and every page's seat view says agent.
        using var game = await server.Http.SendAsync(Request(HttpMethod.Get, "/api/agent/game", india.Pass));
        Assert.Equal(HttpStatusCode.OK, game.StatusCode);
        var marked = await teacher.WaitFor("Event", e => e.Kind == nameof(SeatPlayedByAgent));
        Assert.Equal(("IND", (string?)null), (marked.Country, marked.Player));
        Assert.Equal(("Lab team", new SeatAgent(null)), ((await Seat()).Player, (await Seat()).Agent));
        var status = (await teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status;
        Assert.Equal(new SeatAgent(null), status.Seats.Single(s => s.Country == "IND").Agent);

        // Asked again, the mark is not logged twice; freed, the seat is nobody's and no agent's.
        var length = status.LogLength;
        using var again = await server.Http.SendAsync(Request(HttpMethod.Get, "/api/agent/game", india.Pass));
        Assert.Equal(length, (await teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status.LogLength);
        Assert.Null((await teacher.Call("FreeSeat", "IND")).Refusal);
        Assert.Equal((null, (SeatAgent?)null), ((await Seat()).Player, (await Seat()).Agent));
    }

    [Fact]
    public async Task In_a_session_with_two_negotiation_rounds_an_agent_sees_both_rounds_its_counterparts_message_arrives_in_the_second_and_then_it_moves()
    {
        var response = await server.Http.PostAsJsonAsync("/api/sessions",
            new { ScenarioId = BaselineScenario.Id, TurnSeconds = 3600, HumanSeats = new[] { "IND", "RUS" }, Press = "Open", Seed = 15UL, NegotiationRounds = 2 });
        var passes = (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;
        var india = await server.Join(passes.JoinCode, "IND", "agent:india");
        var russia = await server.Join(passes.JoinCode, "RUS", "agent:russia");

        async Task<T> Read<T>(string path, string pass, HttpStatusCode expected = HttpStatusCode.OK)
        {
            using var reply = await server.Http.SendAsync(Request(HttpMethod.Get, path, pass));
            Assert.Equal(expected, reply.StatusCode);
            return AgentJson.Read<T>(await reply.Content.ReadAsStringAsync());
        }

        async Task<(HttpStatusCode Status, ActionReceipt Receipt)> Act(string pass, string action)
        {
            using var reply = await server.Http.SendAsync(Request(HttpMethod.Post, "/api/agent/action", pass, action));
            return (reply.StatusCode, (await reply.Content.ReadFromJsonAsync<ActionReceipt>())!);
        }

        Assert.Equal(2, (await Read<NewGame>("/api/agent/game", india.Pass)).Rounds);
        Assert.Equal(2, (await Read<NewGame>("/api/agent/game", russia.Pass)).Rounds);
        await Start(passes);

        // Round 1 (round 0 on the wire): a negotiation round. Moves sent in it are refused, with the reason; the message is taken.
        var first = await Read<Observation>("/api/agent/observation?after=0&wait=30", india.Pass);
        Assert.Equal((1L, 0, 0, 2, AgentProtocol.Negotiate), (first.Decision, first.Turn, first.Round, first.Rounds, first.Phase));
        var (status, receipt) = await Act(india.Pass,
            """{"type":"action","decision":1,"moves":[{"kind":"SetTariff","target":"USA","rate":0.1}],"answers":[{"proposalId":"x","accept":true}],"messages":[{"to":"RUS","text":"Lower tariffs together?"}]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((0, 1), (receipt.Moves, receipt.Messages));
        Assert.Equal(["round 0 is a negotiation round: moves and answers are made in the move round, and these were ignored"], receipt.Refusals);

        // Answered, IND waits for the round to close: RUS has not answered, and its round-1 view holds no round-1 message.
        using (var waiting = await server.Http.SendAsync(Request(HttpMethod.Get, "/api/agent/observation?after=1&wait=0", india.Pass)))
        {
            Assert.Equal(HttpStatusCode.NoContent, waiting.StatusCode);
        }

        var russiaFirst = await Read<Observation>("/api/agent/observation?after=0&wait=0", russia.Pass);
        Assert.Equal((1L, 0, AgentProtocol.Negotiate), (russiaFirst.Decision, russiaFirst.Round, russiaFirst.Phase));
        Assert.Empty(russiaFirst.Messages);
        Assert.Equal(HttpStatusCode.OK, (await Act(russia.Pass, """{"type":"action","decision":1}""")).Status);

        // Round 2: RUS reads IND's round-1 message; an answer to round 1 sent again is refused as another decision's.
        var second = await Read<Observation>("/api/agent/observation?after=1&wait=30", russia.Pass);
        Assert.Equal((2L, 1, AgentProtocol.Negotiate), (second.Decision, second.Round, second.Phase));
        Assert.Equal(new AgentMessage(0, 0, "IND", "RUS", "Lower tariffs together?"), Assert.Single(second.Messages));
        Assert.Null(second.LastOutcome);
        var late = await Act(india.Pass, """{"type":"action","decision":1,"messages":[{"text":"late"}]}""");
        Assert.Equal((HttpStatusCode.BadRequest, "the action is for decision 1, not 2"), (late.Status, Assert.Single(late.Receipt.Refusals)));
        Assert.Equal(2L, (await Read<Observation>("/api/agent/observation?after=1&wait=30", india.Pass)).Decision);
        Assert.Equal(HttpStatusCode.OK, (await Act(india.Pass, """{"type":"action","decision":2}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Act(russia.Pass, """{"type":"action","decision":2,"messages":[{"to":"IND","text":"Agreed."}]}""")).Status);

        // The move round: both move, and the turn resolves with IND's tariff.
        var move = await Read<Observation>("/api/agent/observation?after=2&wait=30", india.Pass);
        Assert.Equal((3L, 2, AgentProtocol.Move), (move.Decision, move.Round, move.Phase));
        Assert.Contains(new AgentMessage(0, 1, "RUS", "IND", "Agreed."), move.Messages);
        var moved = await Act(india.Pass, """{"type":"action","decision":3,"moves":[{"kind":"SetTariff","target":"USA","sector":"Technology","rate":0.1}]}""");
        Assert.Equal((HttpStatusCode.OK, 1), (moved.Status, moved.Receipt.Moves));
        Assert.Equal(3L, (await Read<Observation>("/api/agent/observation?after=2&wait=30", russia.Pass)).Decision);
        Assert.Equal(HttpStatusCode.OK, (await Act(russia.Pass, """{"type":"action","decision":3}""")).Status);

        var session = server.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>(passes.SessionId);
        Assert.Contains(Assert.Single(await session.GetHistory(fromTurn: 0)).Moves, m => m.Move.Actor == "IND" && m.Move.Kind == "SetTariff" && m.Accepted);
        var next = await Read<Observation>("/api/agent/observation?after=3&wait=30", india.Pass);
        Assert.Equal((4L, 1, 0, AgentProtocol.Negotiate), (next.Decision, next.Turn, next.Round, next.Phase));
        Assert.NotNull(next.LastOutcome);

        // The teacher's console shows the rounds.
        await using var teacher = await server.Connect(passes.TeacherPass);
        var shown = (await teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status;
        Assert.Equal((2, 0, 1), (shown.NegotiationRounds, shown.Round, shown.Turn));
    }

    [Fact]
    public async Task In_a_negotiation_round_null_wrong_typed_too_many_and_oversized_answers_are_refused_with_reasons_and_the_round_waits()
    {
        var response = await server.Http.PostAsJsonAsync("/api/sessions",
            new { ScenarioId = BaselineScenario.Id, TurnSeconds = 3600, HumanSeats = new[] { "IND", "RUS" }, Press = "Open", Seed = 16UL, NegotiationRounds = 1 });
        var passes = (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;
        var india = await server.Join(passes.JoinCode, "IND", "agent:india");
        using (var asked = await server.Http.SendAsync(Request(HttpMethod.Get, "/api/agent/game", india.Pass)))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        await Start(passes);
        async Task<(HttpStatusCode Status, string Body)> Act(string action)
        {
            using var request = Request(HttpMethod.Post, "/api/agent/action", india.Pass, action);

            // As curl sends a large body: the server can refuse it before it is sent, instead of closing the
            // connection under a client still writing (a broken pipe, not an answer).
            request.Headers.ExpectContinue = true;
            using var reply = await server.Http.SendAsync(request);
            return (reply.StatusCode, await reply.Content.ReadAsStringAsync());
        }

        var session = server.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>(passes.SessionId);
        async Task StillInRoundZero() => Assert.Equal((0, 0), ((await session.GetStatus()).Round, (await session.GetLog(afterSequence: 0)).Count(e => e.Event is NegotiationAnswered)));

        // Unreadable answers are a 400 with the reason, and the round is not answered.
        foreach (var (action, reason) in new[]
        {
            ("null", "not an action: null"),
            ("""{"type":"action","decision":"1"}""", "not an action"),
            ("""{"type":"action","decision":1,"messages":[{"to":5,"text":"x"}]}""", "not an action"),
            ("""{"type":"action","decision":1,"messages":{"text":"x"}}""", "not an action"),
            ("""{"type":"move","decision":1}""", "expected type 'action', got 'move'"),
        })
        {
            var (status, body) = await Act(action);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(reason, body, StringComparison.Ordinal);
            await StillInRoundZero();
        }

        var oversized = await Act($$"""{"type":"action","decision":1,"messages":[{"text":"{{new string('x', 2_000_000)}}"}]}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.Status);
        Assert.Contains("DiploSim:Limits:RequestBodyBytes", oversized.Body, StringComparison.Ordinal);
        await StillInRoundZero();

        // A readable answer is taken: its bad messages refused one by one, the rest sent, the round answered.
        var messages = string.Join(",", Enumerable.Range(0, 15).Select(i => i switch
        {
            0 => "null",
            1 => """{"to":"IND","text":"me"}""",
            2 => """{"to":"XYZ","text":"who"}""",
            3 => """{"text":""}""",
            4 => $$"""{"text":"{{new string('y', 2001)}}"}""",
            _ => $$"""{"to":"RUS","text":"m{{i}}"}""",
        }));
        var taken = await Act($$"""{"type":"action","decision":1,"messages":[{{messages}}]}""");
        Assert.Equal(HttpStatusCode.OK, taken.Status);
        var receipt = JsonSerializer.Deserialize<ActionReceipt>(taken.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(8, receipt.Messages);
        Assert.Equal(
            ["message 0: a message cannot be null", "message 1: a seat does not message itself", "message 2: unknown seat 'XYZ'", "message 3: a message needs text",
             "message 4: a message holds at most 2000 characters", "message 13: an action holds at most 8 messages", "message 14: an action holds at most 8 messages"],
            receipt.Refusals);
        Assert.Equal(1, (await session.GetStatus()).Round);
    }

    [Theory]
    [InlineData("11", "negotiation rounds must be from 0 to 10 (found 11)")]
    [InlineData("-1", "negotiation rounds must be from 0 to 10 (found -1)")]
    [InlineData("\"two\"", "not the JSON this call expects")]
    [InlineData("2.5", "not the JSON this call expects")]
    [InlineData("99999999999", "not the JSON this call expects")]
    public async Task A_session_asked_for_with_negotiation_rounds_out_of_range_or_of_the_wrong_type_is_refused_with_a_reason(string rounds, string reason)
    {
        using var response = await server.Http.PostAsync("/api/sessions", new StringContent(
            $$"""{"ScenarioId":"{{BaselineScenario.Id}}","TurnSeconds":3600,"HumanSeats":["IND"],"NegotiationRounds":{{rounds}}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_asked_for_with_null_negotiation_rounds_has_none()
    {
        using var response = await server.Http.PostAsync("/api/sessions", new StringContent(
            $$"""{"ScenarioId":"{{BaselineScenario.Id}}","TurnSeconds":3600,"HumanSeats":["IND"],"NegotiationRounds":null}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var passes = (await response.Content.ReadFromJsonAsync<SessionPassesDto>())!;
        var status = await server.Services.GetRequiredService<IClusterClient>().GetGrain<ISessionGrain>(passes.SessionId).GetStatus();
        Assert.Equal(0, status.NegotiationRounds);
    }

    /// <summary>Reads until the condition holds, for at most a minute; the server's agent plays at its own pace.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
