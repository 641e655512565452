using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Grains;
using Microsoft.Extensions.DependencyInjection;
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
        Assert.Equal("HoldSummit", (await again.GetCountryView("IND", token)).Value!.Draft.Single().Kind);

        Assert.True((await again.ResolveNow(teacher)).IsAccepted);
        var outcome = (await again.GetHistory())[1];
        Assert.Single(outcome.Moves, m => m.Move.Actor == "IND" && m.Move.Kind == "HoldSummit");
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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
