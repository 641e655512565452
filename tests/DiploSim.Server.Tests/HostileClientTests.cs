using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using DiploSim.Contracts;
using DiploSim.Server.Hub;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DiploSim.Server.Tests;

/// <summary>
/// The real server with small limits and short timeouts (<c>DiploSim:Limits</c>), so that hostile clients meet them
/// quickly. The test's clients ping every half second because the server drops one silent for five.
/// </summary>
public sealed class HostileServerFixture : ServerFixture
{
    public const int MessagesPerMinute = 5;
    public const int SessionsPerHour = 40;
    public const int ConnectionsPerAddress = 30;

    public static readonly TimeSpan AuthenticationTimeout = TimeSpan.FromSeconds(2);

    public HostileServerFixture()
        : base(new Dictionary<string, string?>
        {
            ["DiploSim:Limits:MessagesPerMinute"] = $"{MessagesPerMinute}",
            ["DiploSim:Limits:SessionsPerAddressPerHour"] = $"{SessionsPerHour}",
            ["DiploSim:Limits:ConnectionsPerAddress"] = $"{ConnectionsPerAddress}",
            ["DiploSim:Limits:AuthenticationTimeout"] = $"{AuthenticationTimeout}",
            ["DiploSim:Limits:KeepAliveInterval"] = "00:00:01",
            ["DiploSim:Limits:ClientTimeout"] = "00:00:05",
        }) => ClientKeepAlive = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// Rules the whole collection: its tests run alone (the memory figure and the timeouts are not shared with other
/// collections' servers) and one after another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection : ICollectionFixture<HostileServerFixture>
{
    public const string Name = "hostile";
}

/// <summary>
/// Hostile clients against the real server on loopback: oversized fields, floods, null and wrong-type arguments to
/// every hub method, silent connections, floods of new sessions. Each test checks the refusal and that a live
/// session's state hash and log are unchanged by it.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileClientTests(HostileServerFixture server, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>What gives away a fault instead of a refusal: an exception's name or text, a stack frame, a silo address.</summary>
    private static readonly string[] Leaks = ["Exception", "Object reference", "   at ", "S127.0.0.1:", "System.", "Orleans."];

    private sealed record Live(SessionPassesDto Passes, SeatPassDto India, GameClient Teacher, GameClient Ind) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Teacher.DisposeAsync();
            await Ind.DisposeAsync();
        }
    }

    /// <summary>A started session with IND seated and a draft saved, its teacher and player connected.</summary>
    private async Task<Live> LiveSession()
    {
        var passes = await server.CreateSession();
        var india = await server.Join(passes.JoinCode, "IND");
        var live = new Live(passes, india, await Connect(passes.TeacherPass), await Connect(india.Pass));
        Assert.Null((await live.Teacher.Call("Start")).Refusal);
        return live;
    }

    private Task<GameClient> Connect(string? pass, bool messagePack = true) => server.Connect(pass, messagePack);

    /// <summary>The session's state hash, turn and log length, read by its teacher.</summary>
    private static async Task<(string Hash, int Turn, long Log)> Fingerprint(Live live)
    {
        var status = (await live.Teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status;
        return (status.StateHash, status.Turn, status.LogLength);
    }

    private static void AssertReadable(string? refusal)
    {
        Assert.False(string.IsNullOrWhiteSpace(refusal), "a refusal with a reason");
        Assert.All(Leaks, leak => Assert.DoesNotContain(leak, refusal, StringComparison.Ordinal));
    }

    private static async Task<string> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Length < 2000, $"a short answer, not an echo ({body.Length} characters)");
        Assert.All(Leaks, leak => Assert.DoesNotContain(leak, body, StringComparison.Ordinal));
        var problem = JsonDocument.Parse(body).RootElement;
        return (problem.TryGetProperty("detail", out var detail) ? detail : problem.GetProperty("title")).GetString()!;
    }

    // ---- The API ----

    [Fact]
    public async Task A_ten_megabyte_player_name_is_refused_at_the_body_limit_and_a_long_one_at_the_name_limit()
    {
        await using var live = await LiveSession();
        var before = await Fingerprint(live);

        var tooLarge = await PostLarge("/api/join", new { Code = live.Passes.JoinCode, Country = "RUS", Player = new string('x', 10 * 1024 * 1024) });
        Assert.Contains("DiploSim:Limits:RequestBodyBytes", await Problem(tooLarge, HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);

        var longName = new string('y', 41);
        var tooLong = await server.Http.PostAsJsonAsync("/api/join", new { Code = live.Passes.JoinCode, Country = "RUS", Player = longName });
        var detail = await Problem(tooLong, HttpStatusCode.BadRequest);
        Assert.Contains("DiploSim:Limits:PlayerNameLength", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(longName, detail, StringComparison.Ordinal);

        Assert.Equal(before, await Fingerprint(live));
        Assert.Equal("RUS", (await server.Join(live.Passes.JoinCode, "RUS", new string('z', 40))).Country);
    }

    [Theory]
    [InlineData(null, "RUS", "Boris", "Code")]
    [InlineData("CODE", null, "Boris", "Country")]
    [InlineData("CODE", "RUS", null, "Player")]
    [InlineData("CODE", "RUS", "", "Player")]
    public async Task A_join_with_a_missing_field_is_a_400_that_names_it(string? code, string? country, string? player, string field)
    {
        await using var live = await LiveSession();
        var before = await Fingerprint(live);

        var response = await server.Http.PostAsJsonAsync("/api/join", new { Code = code == "CODE" ? live.Passes.JoinCode : code, Country = country, Player = player });

        Assert.Contains($"is missing ({field})", await Problem(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(before, await Fingerprint(live));
    }

    [Fact]
    public async Task Oversized_scenario_ids_and_join_codes_are_refused_without_being_echoed()
    {
        var scenario = new string('s', 5000);
        var create = await server.Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = scenario, TurnSeconds = 60 });
        Assert.Contains("DiploSim:Limits:ScenarioIdLength", await Problem(create, HttpStatusCode.BadRequest), StringComparison.Ordinal);

        var seats = await server.Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = TestScenarios.WithInjects, TurnSeconds = 60, HumanSeats = Enumerable.Repeat("IND", 100) });
        Assert.Contains("DiploSim:Limits:ListLength", await Problem(seats, HttpStatusCode.BadRequest), StringComparison.Ordinal);

        var find = await server.Http.GetAsync(new Uri($"/api/join/{new string('C', 3000)}", UriKind.Relative));
        Assert.Contains("DiploSim:Limits:JoinCodeLength", await Problem(find, HttpStatusCode.BadRequest), StringComparison.Ordinal);

        var unknown = await server.Http.PostAsJsonAsync("/api/sessions", new { ScenarioId = "no-such-scenario", TurnSeconds = 60 });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Theory]
    [InlineData("/api/join", "{")]
    [InlineData("/api/join", "[1, 2, 3]")]
    [InlineData("/api/sessions", "{\"ScenarioId\": \"test-injects\", \"TurnSeconds\": \"soon\"}")]
    [InlineData("/api/sessions", "")]
    public async Task Malformed_bodies_are_a_400_with_problem_details_and_no_stack(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await server.Http.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Contains("not the JSON this call expects", await Problem(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_of_new_sessions_from_one_address_is_refused_by_the_rate_limiter_and_others_still_create()
    {
        using var flood = new HttpClient(From(IPAddress.Parse("127.0.0.2"))) { BaseAddress = server.BaseAddress };
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < HostileServerFixture.SessionsPerHour + 5; i++)
        {
            var response = await flood.PostAsJsonAsync("/api/sessions", new { ScenarioId = TestScenarios.WithInjects, TurnSeconds = 60 });
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(HostileServerFixture.SessionsPerHour, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.True(statuses.TakeWhile(s => s == HttpStatusCode.OK).Count() == HostileServerFixture.SessionsPerHour, "refused only once over the limit");
        Assert.Contains("DiploSim:Limits:SessionsPerAddressPerHour", await Problem(refused!, HttpStatusCode.TooManyRequests), StringComparison.Ordinal);
        Assert.NotNull(refused!.Headers.RetryAfter);

        // Another address is not held back.
        await using var live = await LiveSession();
        Assert.Equal(SessionPhase.Running, (await live.Teacher.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Value!.Status.Phase);
    }

    // ---- The hub ----

    public static TheoryData<bool> Protocols => new() { true, false };

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Null_wrong_type_and_miscounted_arguments_to_every_hub_method_are_refused_with_a_reason(bool messagePack)
    {
        await using var live = await LiveSession();
        await using var ind = await Connect(live.India.Pass, messagePack);
        await using var teacher = await Connect(live.Passes.TeacherPass, messagePack);
        var before = await Fingerprint(live);

        var methods = typeof(GameHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(GameHub.OnConnectedAsync) or nameof(GameHub.OnDisconnectedAsync)))
            .ToList();
        Assert.True(methods.Count >= 20, $"every hub method ({methods.Count})");
        var calls = 0;
        foreach (var method in methods)
        {
            var parameters = method.GetParameters();
            var answer = method.ReturnType.GetGenericArguments()[0];
            List<object?[]> attempts = [[.. parameters.Select(p => Fitting(p.ParameterType)), "one too many"]];
            if (parameters.Length > 0)
            {
                attempts.Add([.. parameters.Skip(1).Select(p => Fitting(p.ParameterType))]);
                attempts.Add([.. parameters.Select(p => WrongValue(p.ParameterType))]);
            }

            if (!parameters.All(IsOptional))
            {
                attempts.Add(new object?[parameters.Length]);
            }

            foreach (var arguments in attempts)
            {
                foreach (var client in new[] { ind, teacher })
                {
                    var result = await client.Connection.InvokeCoreAsync(method.Name, answer, arguments).WaitAsync(Bound);
                    AssertReadable((string?)answer.GetProperty("Refusal")!.GetValue(result));
                    calls++;
                }
            }
        }

        Assert.True(calls > 100, $"{calls} hostile calls");
        Assert.Equal(before, await Fingerprint(live));
    }

    [Fact]
    public async Task A_null_move_a_null_item_and_a_move_without_a_kind_or_with_an_infinite_rate_are_refused_by_name()
    {
        await using var live = await LiveSession();
        var before = await Fingerprint(live);
        var turn = before.Turn;

        Assert.Equal("move is missing", (await live.Ind.Call<Reply<MovePreview>>("PreviewEffect", "IND", null)).Refusal);
        Assert.Equal("moves is missing", (await live.Ind.Call("Submit", "IND", turn, null)).Refusal);
        Assert.Equal("moves[1] is missing", (await live.Ind.Call("SaveDraft", "IND", new MoveOrder?[] { new() { Kind = "SetStance", Stance = "Open" }, null })).Refusal);
        Assert.Equal("moves[0].Kind is missing", (await live.Ind.Call("Submit", "IND", turn, new[] { new MoveOrder { Kind = null! } })).Refusal);
        Assert.Equal("moves[0].Rate is not a finite number",
            (await live.Ind.Call("Submit", "IND", turn, new[] { new MoveOrder { Kind = "SetTariff", Target = "RUS", Sector = "Energy", Rate = double.NaN } })).Refusal);
        Assert.Equal("country is missing", (await live.Ind.Call("SetReady", null, turn, true)).Refusal);

        Assert.Equal(before, await Fingerprint(live));
        Assert.Empty((await live.Ind.View()).Value!.Draft);
    }

    [Fact]
    public async Task A_teacher_s_shock_with_a_size_that_is_not_a_number_or_out_of_bounds_or_naming_an_actor_not_in_play_is_refused_by_name()
    {
        await using var live = await LiveSession();
        var before = await Fingerprint(live);
        async Task<string?> Fire(ShockEffectData effect) =>
            (await live.Teacher.Call("FireShock", new ShockData("surprise", "A surprise", "", [effect]))).Refusal;

        Assert.Equal("shock.Effects[0].Delta is not a finite number", await Fire(new() { Kind = "OilDemand", Delta = double.NaN }));
        Assert.Equal("shock.Effects[0].Fraction is not a finite number",
            await Fire(new() { Kind = "PurchaseHalt", Actor = "CHN", Other = "USA", Sector = "Agriculture", Fraction = double.PositiveInfinity }));
        Assert.Equal("shock surprise: OilDemand effect's 'delta' is out of range: 1000000, expected -200 to 200",
            await Fire(new() { Kind = "OilDemand", Delta = 1e6 }));
        Assert.Equal("shock surprise: PurchaseHalt effect's 'fraction' is out of range: 1.5, expected 0 to 1",
            await Fire(new() { Kind = "PurchaseHalt", Actor = "CHN", Other = "USA", Sector = "Agriculture", Fraction = 1.5 }));
        Assert.Equal("shock surprise: PurchaseHalt effect's 'turns' is out of range: 0, expected 1 to 100",
            await Fire(new() { Kind = "PurchaseHalt", Actor = "CHN", Other = "USA", Sector = "Agriculture", Fraction = 0.5, Turns = 0 }));
        Assert.Equal("shock surprise: unknown sector 'Soybeans'",
            await Fire(new() { Kind = "PurchaseHalt", Actor = "CHN", Other = "USA", Sector = "Soybeans", Fraction = 0.5 }));
        Assert.Equal("shock surprise: the purchase halt effect names 'BRA', which is not an actor here (one of CHN, EU, IND, RUS, USA)",
            await Fire(new() { Kind = "PurchaseHalt", Actor = "BRA", Other = "USA", Sector = "Agriculture", Fraction = 0.5 }));
        Assert.Equal("shock surprise: the trade cut effect names IND on both sides",
            await Fire(new() { Kind = "TradeCut", Actor = "IND", Other = "IND", Fraction = 0.5 }));
        Assert.Equal("shock surprise: the gdp effect names 'XX', which is not an actor here (one of CHN, EU, IND, RUS, USA)",
            await Fire(new() { Kind = "Gdp", Actor = "XX", Fraction = -0.1 }));

        var tariff = new MoveOrder { Kind = "SetTariff", Actor = "USA", Target = "CHN", Sector = "Technology", Rate = 0.25 };
        Assert.Equal("shock surprise: TariffAnnouncement effect needs 'turns'", await Fire(new() { Kind = "TariffAnnouncement", Policy = tariff }));
        Assert.Equal("shock surprise: TariffAnnouncement effect needs 'policy'", await Fire(new() { Kind = "TariffAnnouncement", Turns = 2 }));
        Assert.Equal("shock surprise: TariffAnnouncement effect's 'turns' is out of range: 0, expected 1 to 20",
            await Fire(new() { Kind = "TariffAnnouncement", Policy = tariff, Turns = 0 }));
        Assert.Equal("shock surprise: TariffAnnouncement effect's 'turns' is out of range: 21, expected 1 to 20",
            await Fire(new() { Kind = "TariffAnnouncement", Policy = tariff, Turns = 21 }));
        Assert.Equal("shock surprise: TariffAnnouncement effect's policy is a SetSanction, expected SetTariff",
            await Fire(new() { Kind = "TariffAnnouncement", Policy = new MoveOrder { Kind = "SetSanction", Actor = "USA", Target = "CHN", Domain = "Trade", Level = "Targeted" }, Turns = 2 }));
        Assert.Equal("shock surprise: TariffWithdrawal effect needs 'other'", await Fire(new() { Kind = "TariffWithdrawal", Actor = "USA" }));
        Assert.Equal("shock surprise: the tariff announcement effect USA sets a 500% tariff on technology goods from CHN: tariff rate 500% is outside 0–200%",
            await Fire(new() { Kind = "TariffAnnouncement", Policy = tariff with { Rate = 5 }, Turns = 2 }));
        Assert.Equal("shock surprise: the tariff announcement effect names 'XX', which is not an actor here (one of CHN, EU, IND, RUS, USA)",
            await Fire(new() { Kind = "TariffAnnouncement", Policy = tariff with { Actor = "XX" }, Turns = 2 }));

        Assert.Equal(before, await Fingerprint(live));
        Assert.Null(await Fire(new() { Kind = "PurchaseHalt", Actor = "CHN", Other = "USA", Sector = "Agriculture", Fraction = 0.5, Turns = 2 }));
        Assert.Null(await Fire(new() { Kind = "TariffAnnouncement", Policy = tariff, Turns = 2 }));
        Assert.Null(await Fire(new() { Kind = "TariffWithdrawal", Actor = "USA", Other = "CHN", Sector = "Technology" }));
    }

    [Fact]
    public async Task Oversized_hub_arguments_are_refused_naming_the_limit_and_an_oversized_message_closes_the_connection()
    {
        await using var live = await LiveSession();
        var before = await Fingerprint(live);
        var text = new string('m', 2001);

        var message = (await live.Ind.Call("SendMessage", "IND", "RUS", text)).Refusal;
        Assert.Contains("DiploSim:Limits:MessageLength", message, StringComparison.Ordinal);
        Assert.DoesNotContain(text[..100], message, StringComparison.Ordinal);
        var moves = Enumerable.Range(0, 25).Select(i => new MoveOrder { Kind = "SetStance", Stance = "Open" }).ToArray();
        Assert.Contains("DiploSim:Limits:MovesPerSubmission", (await live.Ind.Call("Submit", "IND", before.Turn, moves)).Refusal, StringComparison.Ordinal);
        Assert.Contains("DiploSim:Limits:PlayerNameLength", (await live.Teacher.Call<Reply<SeatPassDto>>("AssignSeat", "CHN", new string('n', 41))).Refusal, StringComparison.Ordinal);
        Assert.Contains("DiploSim:Limits:IdentifierLength", (await live.Teacher.Call("FireInject", new string('i', 101))).Refusal, StringComparison.Ordinal);

        // Over SignalR's MaximumReceiveMessageSize the server closes the connection rather than read the message.
        await using var hostile = await Connect(live.India.Pass, messagePack: false);
        var closed = Closed(hostile.Connection);
        await Assert.ThrowsAnyAsync<Exception>(() => hostile.Call("SendMessage", "IND", "RUS", new string('h', 64 * 1024)).WaitAsync(Bound));
        await closed.WaitAsync(Bound);

        Assert.Equal(before, await Fingerprint(live));
    }

    [Fact]
    public async Task A_message_flood_is_cut_at_the_seats_rate_even_across_new_connections()
    {
        await using var live = await LiveSession();
        var before = await Fingerprint(live);

        var refusals = new List<string?>();
        for (var i = 0; i < 20; i++)
        {
            refusals.Add((await live.Ind.Call("SendMessage", "IND", "RUS", $"offer {i}")).Refusal);
        }

        await using var again = await Connect(live.India.Pass);
        refusals.Add((await again.Call("SendMessage", "IND", "RUS", "one more")).Refusal);

        Assert.Equal(HostileServerFixture.MessagesPerMinute, refusals.Count(r => r is null));
        Assert.All(refusals.Skip(HostileServerFixture.MessagesPerMinute), r => Assert.Contains("DiploSim:Limits:MessagesPerMinute", r, StringComparison.Ordinal));
        var after = await Fingerprint(live);
        Assert.Equal((before.Hash, before.Turn, before.Log + HostileServerFixture.MessagesPerMinute), after);
    }

    // ---- Connections ----

    [Fact]
    public async Task Connections_without_a_valid_pass_are_closed_after_the_timeout_while_admitted_ones_stay()
    {
        await using var live = await LiveSession();
        var before = await Fingerprint(live);
        var clock = Stopwatch.StartNew();

        var silent = new List<GameClient>();
        foreach (var pass in new string?[] { null, "", "forged", live.India.Pass + "x", null, "p.s1.IND.token" })
        {
            silent.Add(await Connect(pass));
        }

        // A forged pass whose country is 20,000 characters long is not read at all, so the country is never repeated.
        silent.Add(await Connect(Identity.PassBook.Player(live.Passes.SessionId, new string('C', 20_000), "token")));

        // Until it is closed, a connection is answered with the reason it was not admitted.
        var closings = silent.Select(c => Closed(c.Connection)).ToArray();
        Assert.Equal("not admitted: the pass is not readable", (await silent[^1].Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);
        await Task.WhenAll(closings).WaitAsync(Bound);
        Assert.True(clock.Elapsed >= HostileServerFixture.AuthenticationTimeout, $"closed after the timeout, not before ({clock.Elapsed})");

        // The admitted connections, idle the whole time, are still open and answer.
        Assert.Equal(HubConnectionState.Connected, live.Ind.Connection.State);
        Assert.Null((await live.Ind.View()).Refusal);
        Assert.Equal(before, await Fingerprint(live));
        foreach (var client in silent)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_admitted_client_that_falls_silent_is_dropped_after_the_client_timeout()
    {
        await using var live = await LiveSession();

        // A client that never pings and never calls: the server hears nothing for longer than its client timeout.
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hub"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(live.India.Pass))
            .WithKeepAliveInterval(TimeSpan.FromHours(1))
            .WithServerTimeout(TimeSpan.FromHours(2))
            .AddMessagePackProtocol()
            .Build();
        await using var _ = connection;
        var closed = Closed(connection);
        await connection.StartAsync();

        await closed.WaitAsync(Bound);
        Assert.Equal(HubConnectionState.Connected, live.Ind.Connection.State);
    }

    [Fact]
    public async Task Connections_from_one_address_are_capped_and_a_freed_one_can_be_reused()
    {
        await using var live = await LiveSession();
        var source = IPAddress.Parse("127.0.0.3");
        var open = new List<HubConnection>();
        try
        {
            for (var i = 0; i < HostileServerFixture.ConnectionsPerAddress; i++)
            {
                open.Add(await ConnectFrom(source, live.Passes.SpectatorPass));
            }

            var refused = await Assert.ThrowsAnyAsync<Exception>(async () => open.Add(await ConnectFrom(source, live.Passes.SpectatorPass)));
            Assert.Contains("429", refused.Message, StringComparison.Ordinal);
            await using (var elsewhere = await Connect(live.Passes.SpectatorPass))
            {
                Assert.Null((await elsewhere.Call<Reply<SnapshotDto>>("GetSnapshot", 0L)).Refusal);
            }

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            open.Add(await Retry(() => ConnectFrom(source, live.Passes.SpectatorPass)));
        }
        finally
        {
            foreach (var c in open)
            {
                await c.DisposeAsync();
            }
        }
    }

    // ---- After the hostile clients leave ----

    [Fact]
    public async Task Server_memory_returns_within_a_fifth_of_its_start_after_the_hostile_clients_leave()
    {
        await using var live = await LiveSession();
        var before = await Fingerprint(live);
        await HostileRound(live, clients: 20); // the first round pays for code and pools that stay
        var start = Heap();

        await HostileRound(live, clients: 200);
        await Connected(server.Services.GetRequiredService<Connections>(), expected: 2);
        var end = Heap();

        output.WriteLine($"managed heap after a forced full collection: {start / 1e6:F1} MB before, {end / 1e6:F1} MB after");
        Assert.True(end <= start * 1.2, $"managed heap {end / 1e6:F1} MB after against {start / 1e6:F1} MB before");
        Assert.Equal(before, await Fingerprint(live));
    }

    /// <summary>
    /// Silent connections (from several loopback addresses, under the cap per address), callers without a pass sending
    /// oversized messages, oversized names: all closed or refused, then gone.
    /// </summary>
    private async Task HostileRound(Live live, int clients)
    {
        var silent = new List<HubConnection>();
        for (var i = 0; i < clients; i++)
        {
            var source = IPAddress.Parse($"127.0.1.{1 + (i / 20)}");
            silent.Add(await ConnectFrom(source, i % 2 == 0 ? null : live.Passes.SpectatorPass));
        }

        // Admitted ones (the unadmitted may already be closed): the text is refused at the limit either way.
        foreach (var connection in silent.Where((_, i) => i % 2 == 1).Take(10))
        {
            AssertReadable((await connection.InvokeAsync<Receipt>("SendMessage", "IND", "RUS", new string('x', 20_000))).Refusal);
        }

        for (var i = 0; i < clients / 10; i++)
        {
            var response = await PostLarge("/api/join", new { Code = live.Passes.JoinCode, Country = "RUS", Player = new string('x', 100_000) });
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        foreach (var connection in silent)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Posts a large body with its length and "Expect: 100-continue", as curl does, so the server can refuse it before it is sent.</summary>
    private async Task<HttpResponseMessage> PostLarge(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body)),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.ExpectContinue = true;
        return await server.Http.SendAsync(request);
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Waits, bounded, until the server holds exactly <paramref name="expected"/> admitted connections.</summary>
    private static async Task Connected(Connections connections, int expected)
    {
        var clock = Stopwatch.StartNew();
        while (connections.Count != expected)
        {
            Assert.True(clock.Elapsed < Bound, $"{connections.Count} admitted connections left, {expected} expected");
            await Task.Delay(50);
        }
    }

    private static Task Closed(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    private static async Task<T> Retry<T>(Func<Task<T>> attempt)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (HttpRequestException) when (clock.Elapsed < Bound)
            {
                await Task.Delay(50); // the server releases the closed connection's permit when its request ends
            }
        }
    }

    /// <summary>A hub connection whose TCP connections start from <paramref name="source"/> (another loopback address).</summary>
    private async Task<HubConnection> ConnectFrom(IPAddress source, string? pass)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hub"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult(pass);
                o.Transports = HttpTransportType.WebSockets;
                o.HttpMessageHandlerFactory = _ => From(source);
                o.WebSocketFactory = async (context, cancellation) =>
                {
                    var socket = new ClientWebSocket();
                    socket.Options.SetRequestHeader("Authorization", $"Bearer {pass}");
                    await socket.ConnectAsync(context.Uri, new HttpMessageInvoker(From(source)), cancellation);
                    return socket;
                };
            })
            .WithKeepAliveInterval(server.ClientKeepAlive!.Value)
            .AddMessagePackProtocol()
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private static SocketsHttpHandler From(IPAddress source) => new()
    {
        ConnectCallback = async (context, cancellation) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static bool IsOptional(ParameterInfo parameter) =>
        new NullabilityInfoContext().Create(parameter).ReadState == NullabilityState.Nullable;

    /// <summary>A value of another type than the parameter's, that neither protocol can read as it.</summary>
    private static object WrongValue(Type type) =>
        type == typeof(string) ? new[] { 1, 2 } : type.IsValueType ? "not a number" : 12345;

    /// <summary>A value the parameter accepts.</summary>
    private static object? Fitting(Type type) =>
        type == typeof(string) ? "IND" : type == typeof(int) ? 1 : type == typeof(long) ? 0L : type == typeof(bool) ? true
        : type == typeof(MoveOrder) ? new MoveOrder { Kind = "SetStance", Stance = "Open" }
        : type == typeof(MoveOrder[]) ? Array.Empty<MoveOrder>()
        : null;
}
