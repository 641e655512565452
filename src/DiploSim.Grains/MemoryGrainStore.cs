using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;

namespace DiploSim.Grains;

/// <summary>
/// Grain storage held in this silo's memory and lost when it stops: for tests, demos and benchmarks on one silo.
/// State is kept as Orleans' binary form, as <see cref="SqliteGrainStorage"/> keeps it, so a write costs the same
/// serialization and a read gives a fresh copy; ETags are versions, checked on every write as the durable store
/// checks them. Unlike Orleans' memory provider, which keeps state in storage grains so that every silo of a
/// cluster sees it, a write here is a dictionary update, not a grain call: a cluster of several silos needs a
/// shared store (SQLite on one machine, Redis across machines).
/// </summary>
public sealed class MemoryGrainStore(Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (long Version, byte[] Payload)> _records = new();
    private long _bytesWritten;

    /// <summary>How many bytes of state this store has written: what a durable store would have had to write.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_records.TryGetValue((stateName, grainId), out var record))
        {
            grainState.ETag = record.Version.ToString(CultureInfo.InvariantCulture);
            grainState.State = serializer.Deserialize<T>(record.Payload);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var key = (stateName, grainId);
        var payload = serializer.SerializeToArray(grainState.State);
        bool written;
        long version;
        if (grainState.ETag is null)
        {
            version = 1;
            written = _records.TryAdd(key, (version, payload));
        }
        else
        {
            var expected = long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
            version = expected + 1;
            written = _records.TryGetValue(key, out var current) && current.Version == expected
                && _records.TryUpdate(key, (version, payload), current);
        }

        if (!written)
        {
            throw new InconsistentStateException($"{stateName} of {grainId} was changed by someone else", "unknown", grainState.ETag ?? "none");
        }

        Interlocked.Add(ref _bytesWritten, payload.Length);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        StorageMetrics.Written(stateName, startedAt);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        _records.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }
}
