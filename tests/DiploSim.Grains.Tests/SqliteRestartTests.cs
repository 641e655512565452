using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;
using DiploSim.Scenarios;

namespace DiploSim.Grains.Tests;

/// <summary>Clusters over a real SQLite file, stopped and started again like a server restart.</summary>
public sealed class SqliteRestartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("diplosim-sqlite-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 12, 4, 9, 0, 0, TimeSpan.Zero));

    private string DatabasePath => Path.Combine(_folder, "data", "diplosim.db");

    /// <summary>What the silos of every start logged at warning level and above.</summary>
    private readonly FakeLogCollector _logs = FakeLogCollector.Create(new FakeLogCollectorOptions { FilteredLevels = { LogLevel.Warning, LogLevel.Error, LogLevel.Critical } });

    private async Task<InProcessTestCluster> StartServer()
    {
        var clock = _clock;
        var path = DatabasePath;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(ProviderNames.Storage, path)
                .AddMemoryGrainStorage("PubSubStore")
                .AddMemoryStreams(SessionStreams.Provider)
                .AddDiploSimGrains();
            silo.Services.AddSingleton(new TurnClock(clock));
            silo.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(_logs));
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(SessionStreams.Provider));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    [Fact]
    public async Task A_restarted_server_resumes_mid_turn_with_every_acknowledged_move()
    {
        string sessionId, teacher, token, joinCode, hashAfterTurn0;
        await using (var first = await StartServer())
        {
            var session = first.Client.GetGrain<ISessionGrain>("restart-1");
            var created = await session.Create(new CreateSession(BaselineScenario.Id, 9, new SessionOptions(TimeSpan.FromMinutes(10), ["IND", "RUS"])));
            Assert.True(created.IsAccepted, created.Refusal);
            var ticket = created.Value!;
            (sessionId, teacher, joinCode) = (ticket.SessionId, ticket.TeacherToken, ticket.JoinCode);
            token = (await session.Join("IND", "Asha")).Value!.Token;
            await session.Join("RUS", "Ivan"); // present and not ready, so the turn stays open
            await session.Start(teacher);
            await session.ResolveNow(teacher);
            hashAfterTurn0 = (await session.GetStatus()).StateHash;
            Assert.True((await session.Submit("IND", token, 1, [Sessions.Summit("RUS")])).IsAccepted);
            Assert.True((await session.SetReady("IND", token, 1, true)).IsAccepted);
            await first.StopAllSilosAsync();
        }

        Assert.True(File.Exists(DatabasePath));
        await using var second = await StartServer();
        var again = second.Client.GetGrain<ISessionGrain>(sessionId);
        var status = await again.GetStatus();

        Assert.Equal((1, SessionPhase.Running, hashAfterTurn0), (status.Turn, status.Phase, status.StateHash));
        Assert.True(status.Seats.Single(s => s.Country == "IND") is { Player: "Asha", Submitted: true, Ready: true });
        Assert.Equal(sessionId, await second.Client.GetGrain<ISessionRegistryGrain>(0).FindByJoinCode(joinCode));
        Assert.Equal("HoldSummit", (await again.SeatSlice("IND", token)).Value!.Seat!.View.Draft.Single().Kind);

        Assert.True((await again.ResolveNow(teacher)).IsAccepted);
        var outcome = (await again.GetHistory(fromTurn: 0))[1];
        Assert.Single(outcome.Moves, m => m.Move.Actor == "IND" && m.Move.Kind == "HoldSummit");
    }

    [Fact]
    public async Task On_a_durable_store_the_bots_deciding_while_a_turn_is_flushed_play_the_in_process_turns_and_give_way_to_a_player()
    {
        const ulong seed = 6;
        const int botTurns = 5;
        await using var server = await StartServer();
        var session = server.Client.GetGrain<ISessionGrain>("flush-ahead");
        var ticket = (await session.Create(new CreateSession(BaselineScenario.Id, seed, new SessionOptions(TimeSpan.FromMinutes(10), ["IND"])))).Value!;
        Assert.True((await session.Start(ticket.TeacherToken)).IsAccepted);
        for (var t = 0; t < botTurns; t++)
        {
            Assert.True((await session.ResolveNow(ticket.TeacherToken)).IsAccepted);
        }

        var scenario = BaselineScenario.Load(seed);
        var expected = Simulation.Play(scenario.World, scenario.Script, botTurns, endTurn: scenario.World.Turn + scenario.Turns).Select(r => r.Outcome.StateHash);
        Assert.Equal(expected, (await session.GetHistory(fromTurn: 0)).Select(s => s.StateHash));

        // India's bot decided the next turn while the last was flushed; a player who takes the seat plays it instead.
        var india = (await session.Join("IND", "Asha")).Value!;
        Assert.True((await session.Submit("IND", india.Token, botTurns, [Sessions.Summit("RUS")])).IsAccepted);
        Assert.True((await session.ResolveNow(ticket.TeacherToken)).IsAccepted);
        var played = (await session.GetHistory(fromTurn: botTurns))[0];
        Assert.Equal("HoldSummit", Assert.Single(played.Moves, m => m.Move.Actor == "IND").Move.Kind);
        Assert.Contains(played.Moves, m => m.Move.Actor == "RUS");
    }

    [Fact]
    public async Task A_restarted_server_closes_a_running_turn_at_its_deadline_with_nobody_calling_the_session()
    {
        string sessionId;
        DateTimeOffset deadline;
        await using (var first = await StartServer())
        {
            var session = first.Client.GetGrain<ISessionGrain>("restart-deadline");
            var ticket = (await session.Create(new CreateSession(BaselineScenario.Id, 4, new SessionOptions(TimeSpan.FromMinutes(10), ["IND"])))).Value!;
            sessionId = ticket.SessionId;
            var india = (await session.Join("IND", "Asha")).Value!;
            await session.Start(ticket.TeacherToken);
            Assert.True((await session.Submit("IND", india.Token, 0, [Sessions.Summit("RUS")])).IsAccepted);
            deadline = (await session.GetStatus()).Deadline!.Value;
            await first.StopAllSilosAsync();
        }

        await using var second = await StartServer();
        var updates = await UpdateRecorder.Subscribe(second.Client, SessionStreams.SessionNamespace, sessionId);
        _clock.Advance(deadline - _clock.GetUtcNow());

        var resolved = await updates.WaitForTurn(0);
        Assert.Equal(ResolutionCause.Deadline, ((TurnResolved)resolved.Entry.Event).Cause);
        Assert.Single(resolved.Outcome!.Moves, m => m.Move is { Actor: "IND", Kind: "HoldSummit" });
        Assert.DoesNotContain(updates.Updates, u => u.Entry.Event is not TurnResolved);
    }

    [Fact]
    public async Task After_a_restart_the_first_push_reaches_its_subscriber_and_no_subscription_was_stored()
    {
        string sessionId, teacher;
        await using (var first = await StartServer())
        {
            var session = first.Client.GetGrain<ISessionGrain>("restart-push");
            var ticket = (await session.Create(new CreateSession(BaselineScenario.Id, 4, new SessionOptions(TimeSpan.FromMinutes(10), ["IND"])))).Value!;
            (sessionId, teacher) = (ticket.SessionId, ticket.TeacherToken);
            var before = await UpdateRecorder.Subscribe(first.Client, SessionStreams.SessionNamespace, sessionId);
            await session.Start(teacher);
            await before.WaitFor(u => u.Entry.Event is SessionStarted);
            await first.StopAllSilosAsync();
        }

        // The subscriptions were the streams' business, held in memory: the sessions' database has none of them.
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT count(*) FROM grain_state WHERE grain_id LIKE 'pubsub%'";
        Assert.Equal(0L, (long)(await query.ExecuteScalarAsync())!);

        // What the first server logged while it stopped (its memory queues' pulling agents can fail a last read then)
        // is not the restart's business: only the second server's logs are checked below.
        _logs.Clear();
        await using var second = await StartServer();
        var updates = await UpdateRecorder.Subscribe(second.Client, SessionStreams.SessionNamespace, sessionId);
        Assert.True((await second.Client.GetGrain<ISessionGrain>(sessionId).Pause(teacher)).IsAccepted);

        await updates.WaitFor(u => u.Entry.Event is SessionPaused);
        // Nothing failed on the way (before, the push went first to the consumers of the process before: ClientNotAvailableException).
        Assert.Empty(_logs.GetSnapshot().Where(r => r.Exception is not null || r.Level >= LogLevel.Error).Select(r => $"{r.Category}: {r.Message} {r.Exception}"));
    }

    [Fact]
    public async Task A_stale_write_is_refused_by_the_version_check()
    {
        await using var cluster = await StartServer();
        var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(ProviderNames.Storage);
        var id = GrainId.Create("test", "stale");
        var writer = new GrainState<RegistryState>(new RegistryState());
        await storage.WriteStateAsync("registry", id, writer);
        var stale = new GrainState<RegistryState>(new RegistryState()) { ETag = writer.ETag };
        await storage.WriteStateAsync("registry", id, writer);

        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => storage.WriteStateAsync("registry", id, stale));

        var read = new GrainState<RegistryState>();
        await storage.ReadStateAsync("registry", id, read);
        Assert.Equal(("2", RegistryState.CurrentVersion), (read.ETag, read.State!.Version));
    }

    /// <summary>A session as release 1 stored it: the teacher's and a player's tokens themselves, and one turn played.</summary>
    private static SessionState StoredByVersion1(string teacherToken, string seatToken) => new()
    {
        Version = 1,
        ScenarioId = BaselineScenario.Id,
        Seed = 5,
        Options = new SessionOptions(TimeSpan.FromMinutes(10), ["IND"]),
        TeacherTokenDigest = teacherToken,
        JoinCode = "OLD-CODE",
        Log =
        [
            new LoggedEvent(1, DateTimeOffset.UnixEpoch, "IND", new SeatAssigned("IND", "Asha", seatToken)),
        ],
    };

    private static async Task<SessionState> ReadSession(InProcessTestCluster cluster, GrainId id)
    {
        var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(ProviderNames.Storage);
        return await StoredSessions.Read(storage, id);
    }

    private static async Task WriteSession(InProcessTestCluster cluster, GrainId id, SessionState state)
    {
        var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(ProviderNames.Storage);
        await storage.WriteStateAsync("session", id, new GrainState<SessionState>(state));
    }

    [Fact]
    public async Task A_seats_plan_stored_before_plans_had_revisions_shows_as_it_was_and_the_first_save_on_it_is_kept_across_a_restart()
    {
        string sessionId, token;
        await using (var first = await StartServer())
        {
            var session = first.Client.GetGrain<ISessionGrain>("plan-revisions");
            var created = await session.Create(new CreateSession(BaselineScenario.Id, 9, new SessionOptions(TimeSpan.FromMinutes(10), ["IND", "RUS"])));
            Assert.True(created.IsAccepted, created.Refusal);
            sessionId = created.Value!.SessionId;
            token = (await session.Join("IND", "Asha")).Value!.Token;
            await session.Start(created.Value.TeacherToken);

            // India's record as a release before revisions stored it: her turn-0 plan, and no count of its saves.
            var country = first.Client.GetGrain<ICountryGrain>(SessionStreams.CountryKey(sessionId, "IND"));
            var storage = first.GetSiloServiceProvider().GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(ProviderNames.Storage);
            await storage.WriteStateAsync("country", country.GetGrainId(), new GrainState<CountryState>(new CountryState { Draft = [Sessions.Summit("RUS")], DraftTurn = 0 }));
            await first.StopAllSilosAsync();
        }

        await using (var second = await StartServer())
        {
            var country = second.Client.GetGrain<ICountryGrain>(SessionStreams.CountryKey(sessionId, "IND"));
            var kept = await country.SavedDraft(0);
            Assert.Equal((0L, "HoldSummit"), (kept.Revision, kept.Moves.Single().Kind));
            Assert.Equal(new DraftSaved(0, 1), (await country.SaveDraft(token, 0, 0, [Sessions.Summit("RUS"), Sessions.Tariff("USA", 0.25)])).Value);
            await second.StopAllSilosAsync();
        }

        await using var third = await StartServer();
        var again = await third.Client.GetGrain<ICountryGrain>(SessionStreams.CountryKey(sessionId, "IND")).SavedDraft(0);
        Assert.Equal((1L, 2), (again.Revision, again.Moves.Length));
        Assert.Equal("your plan was changed on another screen since this page last had it (revision 0; it is at 1): this change was not saved",
            (await third.Client.GetGrain<ICountryGrain>(SessionStreams.CountryKey(sessionId, "IND")).SaveDraft(token, 0, 0, [])).Refusal);
    }

    [Fact]
    public async Task A_session_stored_by_version_1_is_upgraded_and_its_tokens_go_on_working_without_being_kept()
    {
        await using var cluster = await StartServer();
        var session = cluster.Client.GetGrain<ISessionGrain>("upgrade-1");
        await WriteSession(cluster, session.GetGrainId(), StoredByVersion1("teacher-secret", "seat-secret"));

        Assert.True(await session.Honours(new Credential(TokenHolder.Teacher, null, "teacher-secret")));
        Assert.True(await session.HoldsSeat("IND", "seat-secret"));
        Assert.False(await session.HoldsSeat("IND", "guess"));
        Assert.True((await session.Start("teacher-secret")).IsAccepted);
        Assert.True((await session.ResolveNow("teacher-secret")).IsAccepted);

        var upgraded = await ReadSession(cluster, session.GetGrainId());
        Assert.Equal(SessionState.CurrentVersion, upgraded.Version);
        Assert.NotEqual("teacher-secret", upgraded.TeacherTokenDigest);
        var seat = upgraded.Log.Select(e => e.Event).OfType<SeatAssigned>().Single();
        Assert.Equal("Asha", seat.Player);
        Assert.NotEqual("seat-secret", seat.TokenDigest);
        Assert.Contains(upgraded.Log, e => e.Event is TurnResolved);
    }

    [Fact]
    public async Task A_session_stored_by_a_newer_release_is_refused_and_left_as_it_was()
    {
        await using var cluster = await StartServer();
        var session = cluster.Client.GetGrain<ISessionGrain>("from-the-future");
        var future = StoredByVersion1("t", "s");
        future.Version = SessionState.CurrentVersion + 1;
        await WriteSession(cluster, session.GetGrainId(), future);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => session.GetStatus());
        Assert.Contains("stored by a newer DiploSim", refused.ToString(), StringComparison.Ordinal);
        var kept = await ReadSession(cluster, session.GetGrainId());
        Assert.Equal((SessionState.CurrentVersion + 1, "t"), (kept.Version, kept.TeacherTokenDigest));
    }

    [Fact]
    public async Task The_database_keeps_digests_of_tokens_never_the_tokens()
    {
        await using var cluster = await StartServer();
        var session = cluster.Client.GetGrain<ISessionGrain>("digests");
        var ticket = (await session.Create(new CreateSession(BaselineScenario.Id, 3, new SessionOptions(TimeSpan.FromMinutes(10), ["IND"])))).Value!;
        var seat = (await session.Join("IND", "Asha")).Value!;
        var rotated = (await session.RotateTeacherToken(ticket.TeacherToken)).Value!;
        var screen = (await session.RotateSpectatorToken(rotated.TeacherToken)).Value!;

        Assert.True(await session.Honours(new Credential(TokenHolder.Teacher, null, rotated.TeacherToken)));
        Assert.False(await session.Honours(new Credential(TokenHolder.Teacher, null, ticket.TeacherToken)));
        var stored = await ReadSession(cluster, session.GetGrainId());
        var bytes = File.ReadAllText(DatabasePath, System.Text.Encoding.Latin1) + (File.Exists(DatabasePath + "-wal") ? File.ReadAllText(DatabasePath + "-wal", System.Text.Encoding.Latin1) : "");
        foreach (var token in new[] { ticket.TeacherToken, rotated.TeacherToken, seat.Token, ticket.SpectatorToken!, screen.SpectatorToken! })
        {
            Assert.DoesNotContain(token, bytes, StringComparison.Ordinal);
        }

        Assert.Equal(64, stored.TeacherTokenDigest!.Length);
        Assert.Equal(64, stored.SpectatorTokenDigest!.Length);
    }

    [Fact]
    public async Task A_session_stored_before_screens_had_a_token_keeps_its_screen_pass_until_the_teacher_replaces_it()
    {
        await using var cluster = await StartServer();
        var session = cluster.Client.GetGrain<ISessionGrain>("upgrade-screen");
        await WriteSession(cluster, session.GetGrainId(), StoredByVersion1("teacher-secret", "seat-secret"));

        // Its screen's pass carries an empty token, and goes on working after the upgrade.
        Assert.True(await session.Honours(new Credential(TokenHolder.Spectator, null, string.Empty)));
        Assert.False(await session.Honours(new Credential(TokenHolder.Spectator, null, "guess")));
        var upgraded = await ReadSession(cluster, session.GetGrainId());
        Assert.Equal((SessionState.CurrentVersion, null), (upgraded.Version, upgraded.SpectatorTokenDigest));

        var replaced = (await session.RotateSpectatorToken("teacher-secret")).Value!;
        Assert.False(await session.Honours(new Credential(TokenHolder.Spectator, null, string.Empty)));
        Assert.True(await session.Honours(new Credential(TokenHolder.Spectator, null, replaced.SpectatorToken!)));
        Assert.Equal(64, (await ReadSession(cluster, session.GetGrainId())).SpectatorTokenDigest!.Length);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
