using Orleans.Serialization;
using Orleans.Storage;

namespace DiploSim.Grains.Tests;

/// <summary>
/// Grain state kept outside any silo, so it outlives the silo that wrote it (Orleans' memory storage keeps state
/// in grains, which die with their silo). Every silo of a test cluster gets a <see cref="SharedGrainStorage"/>
/// over the same store. States are kept serialized, so no silo shares an object with another, and writes are
/// checked by version as a real store checks them. Tests can wait for a write instead of calling a grain.
/// </summary>
public sealed class SharedGrainStore
{
    private readonly Dictionary<(string State, GrainId Grain), (long Version, byte[] Payload)> _rows = [];
    private readonly List<(Func<string, bool> State, GrainId Grain, Func<byte[], bool> Match, TaskCompletionSource Done)> _waiters = [];
    private readonly Lock _gate = new();

    public (long Version, byte[] Payload)? Read(string stateName, GrainId grainId)
    {
        lock (_gate)
        {
            return _rows.TryGetValue((stateName, grainId), out var row) ? row : null;
        }
    }

    /// <summary>Stores <paramref name="payload"/> if the stored version is still <paramref name="expected"/> (null: no row yet).</summary>
    public long? Write(string stateName, GrainId grainId, long? expected, byte[] payload)
    {
        lock (_gate)
        {
            var current = _rows.TryGetValue((stateName, grainId), out var row) ? row.Version : (long?)null;
            if (current != expected)
            {
                return null;
            }

            var version = (expected ?? 0) + 1;
            _rows[(stateName, grainId)] = (version, payload);
            foreach (var w in _waiters.Where(w => w.State(stateName) && w.Grain == grainId && w.Match(payload)).ToList())
            {
                w.Done.TrySetResult();
                _waiters.Remove(w);
            }

            return version;
        }
    }

    public void Clear(string stateName, GrainId grainId)
    {
        lock (_gate)
        {
            _rows.Remove((stateName, grainId));
        }
    }

    /// <summary>
    /// Completes when a stored state whose name <paramref name="stateName"/> accepts (now or after a later write)
    /// matches; fails after a generous bound rather than hanging.
    /// </summary>
    public Task WaitFor(Func<string, bool> stateName, GrainId grainId, Func<byte[], bool> match)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        lock (_gate)
        {
            if (_rows.Any(r => stateName(r.Key.State) && r.Key.Grain == grainId && match(r.Value.Payload)))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((stateName, grainId, match, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}

/// <summary>One silo's grain-storage provider over a <see cref="SharedGrainStore"/>.</summary>
public sealed class SharedGrainStorage(SharedGrainStore store, Serializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.Read(stateName, grainId) is { } row)
        {
            grainState.State = serializer.Deserialize<T>(row.Payload);
            grainState.ETag = row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = grainState.ETag is null ? (long?)null : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
        var version = store.Write(stateName, grainId, expected, serializer.SerializeToArray(grainState.State))
            ?? throw new InconsistentStateException($"{stateName} of {grainId} was changed by someone else", "unknown", grainState.ETag ?? "none");
        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.Clear(stateName, grainId);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
