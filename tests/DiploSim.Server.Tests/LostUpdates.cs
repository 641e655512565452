using System.Collections.Concurrent;
using DiploSim.Contracts;
using Orleans.Streams.Filtering;

namespace DiploSim.Server.Tests;

/// <summary>
/// A stream filter on the test server's session streams that loses the updates of the sessions a test names, the way
/// the queues of a node that died lose them: the events are logged, and no stream brings them to the relay.
/// </summary>
public sealed class LostUpdates : IStreamFilter
{
    private static readonly ConcurrentDictionary<string, byte> Sessions = new();

    /// <summary>From now on, no stream delivers an update of <paramref name="sessionId"/>.</summary>
    public static void Lose(string sessionId) => Sessions[sessionId] = 0;

    public bool ShouldDeliver(StreamId streamId, object item, string? filterData) =>
        item is not SessionUpdate update || !Sessions.ContainsKey(update.SessionId);
}
