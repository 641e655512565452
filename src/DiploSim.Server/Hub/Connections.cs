using System.Collections.Concurrent;
using DiploSim.Server.Identity;

namespace DiploSim.Server.Hub;

/// <summary>The passes of this node's live connections, so a freed seat can be shut out of its private channel.</summary>
public sealed class Connections
{
    private readonly ConcurrentDictionary<string, Pass> _byConnection = new(StringComparer.Ordinal);

    public void Add(string connectionId, Pass pass) => _byConnection[connectionId] = pass;

    public void Remove(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    public IReadOnlyList<(string ConnectionId, Pass Pass)> Seat(string sessionId, string country) =>
        [.. _byConnection.Where(c => c.Value.Role == Role.Player && c.Value.SessionId == sessionId && c.Value.Country == country)
            .Select(c => (c.Key, c.Value))];

    /// <summary>This node's teacher connections of a session holding <paramref name="secret"/> (a pass that is about to stop working).</summary>
    public IReadOnlyList<string> Teachers(string sessionId, string secret) =>
        [.. _byConnection.Where(c => c.Value.Role == Role.Teacher && c.Value.SessionId == sessionId && c.Value.Secret == secret).Select(c => c.Key)];

    public int Count => _byConnection.Count;

    public static string SessionGroup(string sessionId) => $"s:{sessionId}";

    public static string CountryGroup(string sessionId, string country) => $"c:{sessionId}/{country}";
}
