using System.Collections.Concurrent;
using System.Collections.Immutable;
using DiploSim.Server.Identity;

namespace DiploSim.Server.Hub;

/// <summary>
/// The passes of this node's live connections that may hear the session, so a freed seat or a replaced pass can be
/// shut out of its channels.
/// </summary>
public sealed class Connections
{
    private readonly ConcurrentDictionary<string, Pass> _byConnection = new(StringComparer.Ordinal);

    public void Add(string connectionId, Pass pass) => _byConnection[connectionId] = pass;

    /// <summary>Forgets the connection; false if it was not listed (never admitted, or already shut out).</summary>
    public bool Remove(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    public IReadOnlyList<(string ConnectionId, Pass Pass)> Seat(string sessionId, string country) =>
        [.. _byConnection.Where(c => c.Value.Role == Role.Player && c.Value.SessionId == sessionId && c.Value.Country == country)
            .Select(c => (c.Key, c.Value))];

    /// <summary>This node's connections of a session with a teacher's or a screen's pass.</summary>
    public IReadOnlyList<(string ConnectionId, Pass Pass)> Holding(string sessionId, Role role) =>
        [.. _byConnection.Where(c => c.Value.Role == role && c.Value.SessionId == sessionId).Select(c => (c.Key, c.Value))];

    /// <summary>This node's open connections of each seat of a session (a student with two tabs open counts two).</summary>
    public ImmutableDictionary<string, int> OpenBySeat(string sessionId) =>
        _byConnection.Values.Where(p => p.Role == Role.Player && p.SessionId == sessionId)
            .GroupBy(p => p.Country!, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>The sessions this node holds a player's connection of.</summary>
    public IReadOnlySet<string> SessionsWithPlayers() =>
        _byConnection.Values.Where(p => p.Role == Role.Player).Select(p => p.SessionId).ToHashSet(StringComparer.Ordinal);

    public int Count => _byConnection.Count;

    public static string SessionGroup(string sessionId) => $"s:{sessionId}";

    public static string CountryGroup(string sessionId, string country) => $"c:{sessionId}/{country}";
}
