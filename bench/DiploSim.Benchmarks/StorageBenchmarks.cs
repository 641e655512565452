using BenchmarkDotNet.Attributes;
using DiploSim.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;

namespace DiploSim.Benchmarks;

/// <summary>
/// One durable write of the embedded store (<see cref="SqliteGrainStorage"/>: a commit with <c>synchronous = FULL</c>)
/// of a record the size of a session's page of events: what every acknowledged command costs on this disk, whatever
/// the grains do. <c>SessionBenchmarks</c>' <c>sqlite</c> rows pay it once for each of a session's events. Fifty writes
/// made at once share commits (the store's group commit).
/// </summary>
[MemoryDiagnoser]
public class StorageBenchmarks
{
    private string _folder = null!;
    private ServiceProvider _services = null!;
    private SqliteGrainStorage _storage = null!;
    private readonly GrainState<byte[]> _state = new(new byte[4096]);
    private readonly GrainId _grain = GrainId.Create("session", "bench");
    private readonly (GrainId Grain, GrainState<byte[]> State)[] _classes =
        [.. Enumerable.Range(0, 50).Select(i => (GrainId.Create("session", $"class-{i}"), new GrainState<byte[]>(new byte[4096])))];

    [GlobalSetup]
    public async Task Open()
    {
        _folder = Directory.CreateTempSubdirectory("diplosim-storage-bench-").FullName;
        _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        _storage = new SqliteGrainStorage(
            new SqliteGrainStorageOptions { DatabasePath = Path.Combine(_folder, "sessions.db") },
            _services.GetRequiredService<Serializer>(),
            NullLogger<SqliteGrainStorage>.Instance);
        await _storage.WriteStateAsync("journal", _grain, _state);
        await FiftyAtOnce();
    }

    [GlobalCleanup]
    public void Close()
    {
        _storage.Dispose();
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "one durable write of a 4 KB record (SQLite, synchronous = FULL)")]
    public Task DurableWrite() => _storage.WriteStateAsync("journal", _grain, _state);

    /// <summary>Fifty classes' turns stored at the same moment, as when their teachers resolve together: until the last is durable.</summary>
    [Benchmark(Description = "fifty grains' durable writes of 4 KB made at once")]
    public Task FiftyAtOnce() => Task.WhenAll(_classes.Select(c => _storage.WriteStateAsync("journal", c.Grain, c.State)));
}
