using System.Collections.Immutable;

namespace DiploSim.Contracts;

/// <summary>
/// How many pages a seat has open right now, across the cluster, and since when it has none. Live only: it is never
/// journaled, it is not the seat's <c>Present</c> (which a student changes by leaving or returning, and which hands the
/// seat to the computer), and it takes no part in the session's state or its hash.
/// </summary>
/// <param name="Country">The seat.</param>
/// <param name="Open">Its open connections on the nodes that reported within <c>SeatConnectionsGrain.NodeSilence</c>.</param>
/// <param name="LostAt">When its last connection closed, as far as this count has seen; null while one is open, or when none was ever seen.</param>
[GenerateSerializer, Immutable, Alias("diplosim.SeatConnection")]
public sealed record SeatConnection(string Country, int Open, DateTimeOffset? LostAt);

/// <summary>Every seat some node reported, and whether the count is complete (the grain has heard a whole round of reports since it started).</summary>
[GenerateSerializer, Immutable, Alias("diplosim.SeatConnections")]
public sealed record SeatConnections(bool Complete, ImmutableArray<SeatConnection> Seats);

/// <summary>
/// The seats' open connections of one session (key: the session id). Each node reports the counts of its own
/// connections, when one opens or closes and every few seconds besides; a node that stops reporting (it died) stops
/// counting after a short silence. Nothing is stored: after the grain's node is lost, the count is rebuilt from the
/// nodes' next reports, and says it is not yet complete until then.
/// </summary>
[Alias("diplosim.ISeatConnectionsGrain")]
public interface ISeatConnectionsGrain : IGrainWithStringKey
{
    /// <summary>
    /// A node's open connections by seat (seats missing have none). <paramref name="version"/> grows with each report of
    /// the node, so a report overtaken by a later one on the way is ignored.
    /// </summary>
    [Alias("Report")] Task Report(string node, long version, ImmutableDictionary<string, int> openBySeat);

    [Alias("Read")] Task<SeatConnections> Read();
}
