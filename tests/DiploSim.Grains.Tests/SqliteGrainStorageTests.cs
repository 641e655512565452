using System.Diagnostics.Metrics;
using DiploSim.Contracts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;

namespace DiploSim.Grains.Tests;

// Alone: a test counts the store's commits on its meter, which every SQLite store in the process records on.
[CollectionDefinition(nameof(SqliteGrainStorageTests), DisableParallelization = true)]
public sealed class SqliteGrainStorageTestsAlone;

[Collection(nameof(SqliteGrainStorageTests))]
public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("diplosim-sqlite-store-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(SessionState).Assembly).AddAssembly(typeof(LoggedEvent).Assembly))
        .BuildServiceProvider();

    private string DatabasePath => Path.Combine(_folder, "data", "diplosim.db");

    private SqliteGrainStorage NewStore() => new(
        new SqliteGrainStorageOptions { DatabasePath = DatabasePath },
        _services.GetRequiredService<Serializer>(),
        NullLogger<SqliteGrainStorage>.Instance);

    [Fact]
    public async Task Writes_from_many_grains_at_once_are_all_stored_with_their_versions_and_read_back_by_a_new_store()
    {
        using (var store = NewStore())
        {
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            {
                var state = new GrainState<SessionState>(new SessionState { Seed = (ulong)i });
                for (var write = 0; write < 5; write++)
                {
                    state.State!.Seed = (ulong)(i * 100 + write);
                    await store.WriteStateAsync("session", GrainId.Create("session", $"s{i}"), state);
                }
            })));
        }

        using var reopened = NewStore();
        for (var i = 0; i < 40; i++)
        {
            var read = new GrainState<SessionState>();
            await reopened.ReadStateAsync("session", GrainId.Create("session", $"s{i}"), read);
            Assert.Equal(("5", (ulong)(i * 100 + 4)), (read.ETag, read.State!.Seed));
        }
    }

    [Fact]
    public async Task A_stale_write_is_refused_and_the_store_goes_on_serving_the_next_call()
    {
        using var store = NewStore();
        var id = GrainId.Create("session", "stale");
        var current = new GrainState<SessionState>(new SessionState { Seed = 1 });
        await store.WriteStateAsync("session", id, current);
        var stale = new GrainState<SessionState>(new SessionState { Seed = 2 }) { ETag = current.ETag };
        await store.WriteStateAsync("session", id, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteStateAsync("session", id, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteStateAsync("session", id, new GrainState<SessionState>(new SessionState())));

        await store.ClearStateAsync("session", id, current);
        var read = new GrainState<SessionState>();
        await store.ReadStateAsync("session", id, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task Writes_that_queue_while_a_commit_is_flushed_share_the_next_commit_and_a_stale_one_among_them_is_refused_alone()
    {
        var commits = new List<int>();
        var listener = Listen("diplosim.storage.commit.calls", calls =>
        {
            lock (commits)
            {
                commits.Add(calls);
            }
        });
        var id = GrainId.Create("session", "stale-among-many");
        using var store = NewStore();
        var current = new GrainState<SessionState>(new SessionState { Seed = 1 });
        await store.WriteStateAsync("session", id, current);
        var stale = new GrainState<SessionState>(new SessionState { Seed = 2 }) { ETag = "0" };

        // Two hundred writes of as many grains, made at once with a stale one among them, as fifty classes resolving together would.
        var writes = Enumerable.Range(0, 200)
            .Select(i => store.WriteStateAsync("session", GrainId.Create("session", $"g{i}"), new GrainState<SessionState>(new SessionState { Seed = (ulong)i })))
            .Append(store.WriteStateAsync("session", id, stale))
            .ToList();
        var refused = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return false;
            }
            catch (InconsistentStateException)
            {
                return true;
            }
        }));
        listener.Dispose();

        Assert.Equal([.. Enumerable.Repeat(false, 200), true], refused);
        using var reopened = NewStore();
        for (var i = 0; i < 200; i++)
        {
            var read = new GrainState<SessionState>();
            await reopened.ReadStateAsync("session", GrainId.Create("session", $"g{i}"), read);
            Assert.Equal(("1", (ulong)i), (read.ETag, read.State!.Seed));
        }

        var kept = new GrainState<SessionState>();
        await reopened.ReadStateAsync("session", id, kept);
        Assert.Equal(1UL, kept.State!.Seed);
        lock (commits)
        {
            // 202 calls (the first write, the 201 at once), in fewer commits than calls.
            Assert.Equal(202, commits.Sum());
            Assert.True(commits.Count < 202, $"{commits.Count} commits for 202 calls");
            Assert.All(commits, c => Assert.InRange(c, 1, SqliteGrainStorage.MaxCallsPerCommit));
        }
    }

    [Fact]
    public async Task A_store_disposed_of_answers_what_it_was_asked_before_and_refuses_what_comes_after()
    {
        var store = NewStore();
        var writes = Enumerable.Range(0, 20)
            .Select(i => store.WriteStateAsync("session", GrainId.Create("session", $"d{i}"), new GrainState<SessionState>(new SessionState { Seed = (ulong)i })))
            .ToList();

        store.Dispose();

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.WriteStateAsync("session", GrainId.Create("session", "late"), new GrainState<SessionState>(new SessionState())));
        using var reopened = NewStore();
        var read = new GrainState<SessionState>();
        await reopened.ReadStateAsync("session", GrainId.Create("session", "d19"), read);
        Assert.Equal(19UL, read.State!.Seed);
    }

    [Fact]
    public async Task The_database_file_the_store_creates_is_in_write_ahead_logging_mode()
    {
        using var store = NewStore();
        await store.WriteStateAsync("session", GrainId.Create("session", "sync"), new GrainState<SessionState>(new SessionState()));

        // The journal mode is the file's; a connection that is not the store's sees it too.
        await using var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await other.OpenAsync();
        await using var mode = other.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await mode.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Reads_and_writes_are_measured_by_the_kind_of_state_without_a_page_number()
    {
        var measured = new List<(string Instrument, string? State)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StorageMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            Assert.True(value >= 0);
            lock (measured)
            {
                measured.Add((instrument.Name, tags.ToArray().Single(t => t.Key == "diplosim.state").Value as string));
            }
        });
        listener.Start();

        using var store = NewStore();
        var id = GrainId.Create("session", "measured-" + Guid.NewGuid().ToString("N"));
        await store.WriteStateAsync(SessionJournal.PageRecord(12), id, new GrainState<LogPage>(new LogPage()));
        await store.ReadStateAsync(SessionJournal.SessionRecord, id, new GrainState<SessionState>());

        lock (measured)
        {
            Assert.Contains(("diplosim.storage.write.duration", "session-log"), measured);
            Assert.Contains(("diplosim.storage.read.duration", "session"), measured);
        }
    }

    private static MeterListener Listen(string instrument, Action<int> measured)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (published, l) =>
        {
            if (published.Meter.Name == StorageMetrics.MeterName && published.Name == instrument)
            {
                l.EnableMeasurementEvents(published);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => measured(value));
        listener.Start();
        return listener;
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
