using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace DiploSim.Grains.Tests;

/// <summary>
/// Stored sessions across changes to their inputs: a library file edited, a model whose rules changed, a record from
/// before sessions kept their scenario. Servers over a real SQLite file and a library folder of the test's own.
/// </summary>
public sealed class PinnedSessionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("diplosim-pinned-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    public PinnedSessionTests() =>
        File.Copy(ScenarioLibrary.Find("first-class")!, LibraryFile);

    private string LibraryFile => Path.Combine(_folder, "first-class.yaml");

    private string DatabasePath => Path.Combine(_folder, "data", "diplosim.db");

    /// <summary>A server whose library is the test's folder, read when it starts, like a server's scenarios folder.</summary>
    private async Task<InProcessTestCluster> StartServer()
    {
        var (clock, path, library) = (_clock, DatabasePath, LibraryFile);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(ProviderNames.Storage, path)
                .AddMemoryGrainStorage("PubSubStore")
                .AddMemoryStreams(SessionStreams.Provider)
                .AddDiploSimGrains();
            silo.Services.AddSingleton(new TurnClock(clock));
            silo.Services.AddSingleton<IScenarioCatalog>(LibraryScenarioCatalog.Of([library], NullLogger<LibraryScenarioCatalog>.Instance));
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(SessionStreams.Provider));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// Creates a session on first-class with India played, starts it, resolves one turn and pauses it (a running
    /// session is activated by the next server as it starts, before a test could change its record).
    /// </summary>
    private static async Task<(ISessionGrain Session, SessionTicket Ticket, string Seat, string Hash)> PlayOneTurn(IClusterClient client, string id)
    {
        var session = client.GetGrain<ISessionGrain>(id);
        var ticket = (await session.Create(new CreateSession("first-class", 7, new SessionOptions(TimeSpan.FromMinutes(10), ["IND"])))).Value!;
        var seat = (await session.Join("IND", "Asha")).Value!.Token;
        Assert.True((await session.Start(ticket.TeacherToken)).IsAccepted);
        Assert.True((await session.SendMessage("IND", seat, null, "hello")).IsAccepted);
        Assert.True((await session.ResolveNow(ticket.TeacherToken)).IsAccepted);
        Assert.True((await session.Pause(ticket.TeacherToken)).IsAccepted);
        return (session, ticket, seat, (await session.GetStatus()).StateHash);
    }

    private void EditLibraryFile() =>
        File.WriteAllText(LibraryFile, File.ReadAllText(LibraryFile).Replace("gdp: 4100", "gdp: 4101", StringComparison.Ordinal));

    /// <summary>Changes the stored record of a session whose grain is not active, its log whole in the main record.</summary>
    private static Task Rewrite(InProcessTestCluster cluster, string sessionId, Action<SessionState> change) =>
        StoredSessions.Rewrite(Storage(cluster), cluster.Client.GetGrain<ISessionGrain>(sessionId).GetGrainId(), change);

    private static Task<SessionState> Read(InProcessTestCluster cluster, string sessionId) =>
        StoredSessions.Read(Storage(cluster), cluster.Client.GetGrain<ISessionGrain>(sessionId).GetGrainId());

    private static Orleans.Storage.IGrainStorage Storage(InProcessTestCluster cluster) =>
        cluster.GetSiloServiceProvider().GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(ProviderNames.Storage);

    /// <summary>What a teacher's export reads: the status, the turns and the whole log, in one call.</summary>
    private static async Task<SessionSlice> Export(ISessionGrain session, SessionTicket ticket)
    {
        var slice = await session.GetSlice(new Credential(TokenHolder.Teacher, null, ticket.TeacherToken), 0, 0, null);
        Assert.True(slice.IsAccepted, slice.Refusal);
        return slice.Value!;
    }

    [Fact]
    public async Task A_session_opens_plays_and_exports_after_its_library_file_is_edited()
    {
        SessionTicket ticket;
        string hash;
        await using (var first = await StartServer())
        {
            (_, ticket, _, hash) = await PlayOneTurn(first.Client, "pinned-edit");
            await first.StopAllSilosAsync();
        }

        EditLibraryFile();
        await using var second = await StartServer();
        var session = second.Client.GetGrain<ISessionGrain>(ticket.SessionId);

        var status = await session.GetStatus();
        Assert.Equal((null, 1, hash), (status.ReadOnly, status.Turn, status.StateHash));
        Assert.True((await session.ResolveNow(ticket.TeacherToken)).IsAccepted);
        var export = await Export(session, ticket);
        Assert.Equal(2, export.History.Length);
        Assert.Contains(export.Log, e => e.Event is MessageSent { Text: "hello" });

        // The edit is one the model sees: a session created now starts from another world.
        var (_, _, _, edited) = await PlayOneTurn(second.Client, "pinned-edit-new");
        Assert.NotEqual(hash, edited);
    }

    [Fact]
    public async Task A_session_played_under_another_model_that_replays_differently_opens_read_only_with_its_reason_and_exports()
    {
        SessionTicket ticket;
        string seat;
        await using (var first = await StartServer())
        {
            (_, ticket, seat, _) = await PlayOneTurn(first.Client, "pinned-model");
            await first.StopAllSilosAsync();
        }

        // What a release whose rules changed (a parameter's default, say) finds: the turn played under version 1 ends elsewhere now.
        await using var second = await StartServer();
        await Rewrite(second, ticket.SessionId, s =>
        {
            s.ModelVersion = ModelVersion.Current - 1;
            var turn = s.Log.FindIndex(e => e.Event is TurnResolved);
            s.Log[turn] = s.Log[turn] with { Event = (TurnResolved)s.Log[turn].Event with { StateHash = new string('0', 64) } };
        });
        var session = second.Client.GetGrain<ISessionGrain>(ticket.SessionId);

        var status = await session.GetStatus();
        Assert.Contains($"played under model version {ModelVersion.Current - 1}", status.ReadOnly, StringComparison.Ordinal);
        Assert.Contains("turn 0", status.ReadOnly, StringComparison.Ordinal);
        Assert.True(await session.HoldsSeat("IND", seat));
        Assert.Equal(status.ReadOnly, (await session.ResolveNow(ticket.TeacherToken)).Refusal);
        Assert.Equal(status.ReadOnly, (await session.SendMessage("IND", seat, null, "still here?")).Refusal);
        Assert.Equal(status.ReadOnly, (await session.Fork(ticket.TeacherToken, 0)).Refusal);

        // The export holds the whole stored log, and the player's page still reads the session.
        var export = await Export(session, ticket);
        Assert.Equal(status.ReadOnly, export.Status.ReadOnly);
        Assert.Contains(export.Log, e => e.Event is TurnResolved);
        Assert.Contains(export.Log, e => e.Event is MessageSent { Text: "hello" });
        Assert.True((await session.GetSlice(new Credential(TokenHolder.Seat, "IND", seat), 0, 0, null)).IsAccepted);
    }

    [Fact]
    public async Task A_session_played_under_an_earlier_model_that_replays_the_same_is_carried_to_this_model()
    {
        SessionTicket ticket;
        await using (var first = await StartServer())
        {
            (_, ticket, _, _) = await PlayOneTurn(first.Client, "pinned-carried");
            await first.StopAllSilosAsync();
        }

        await using var second = await StartServer();
        await Rewrite(second, ticket.SessionId, s => s.ModelVersion = ModelVersion.Current - 1);
        var session = second.Client.GetGrain<ISessionGrain>(ticket.SessionId);

        Assert.Null((await session.GetStatus()).ReadOnly);
        Assert.Equal(ModelVersion.Current, (await Read(second, ticket.SessionId)).ModelVersion);
        Assert.True((await session.ResolveNow(ticket.TeacherToken)).IsAccepted);
    }

    [Fact]
    public async Task A_session_stored_without_its_scenario_replays_from_the_library_and_is_pinned_to_it()
    {
        SessionTicket ticket;
        string hash;
        await using (var first = await StartServer())
        {
            (_, ticket, _, hash) = await PlayOneTurn(first.Client, "pinned-legacy");
            await first.StopAllSilosAsync();
        }

        await using (var second = await StartServer())
        {
            await Rewrite(second, ticket.SessionId, StoredByVersion4);
            var session = second.Client.GetGrain<ISessionGrain>(ticket.SessionId);

            Assert.Equal((null, hash), ((await session.GetStatus()).ReadOnly, (await session.GetStatus()).StateHash));
            var pinned = await Read(second, ticket.SessionId);
            Assert.Equal((File.ReadAllText(LibraryFile), ModelVersion.Current), (pinned.ScenarioText, pinned.ModelVersion));
            await second.StopAllSilosAsync();
        }

        // Pinned: a later edit of the library no longer reaches it.
        EditLibraryFile();
        await using var third = await StartServer();
        var again = third.Client.GetGrain<ISessionGrain>(ticket.SessionId);
        Assert.Equal((null, hash), ((await again.GetStatus()).ReadOnly, (await again.GetStatus()).StateHash));
        Assert.True((await again.ResolveNow(ticket.TeacherToken)).IsAccepted);
    }

    [Fact]
    public async Task A_session_stored_without_its_scenario_whose_library_file_changed_opens_read_only_and_exports()
    {
        SessionTicket ticket;
        await using (var first = await StartServer())
        {
            (_, ticket, _, _) = await PlayOneTurn(first.Client, "pinned-legacy-edited");
            await first.StopAllSilosAsync();
        }

        EditLibraryFile();
        await using var second = await StartServer();
        await Rewrite(second, ticket.SessionId, StoredByVersion4);
        var session = second.Client.GetGrain<ISessionGrain>(ticket.SessionId);

        var status = await session.GetStatus();
        Assert.Contains("stored without its scenario", status.ReadOnly, StringComparison.Ordinal);
        Assert.Contains("'first-class' has changed", status.ReadOnly, StringComparison.Ordinal);
        Assert.Equal(status.ReadOnly, (await session.Start(ticket.TeacherToken)).Refusal);
        var export = await Export(session, ticket);
        Assert.Contains(export.Log, e => e.Event is MessageSent { Text: "hello" });
        Assert.Null((await Read(second, ticket.SessionId)).ScenarioText);
    }

    /// <summary>The record as a release before version 5 kept it: no scenario text, no model version.</summary>
    private static void StoredByVersion4(SessionState s)
    {
        s.Version = 4;
        s.ScenarioText = null;
        s.ModelVersion = 0;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
