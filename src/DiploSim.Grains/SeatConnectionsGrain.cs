using System.Collections.Immutable;
using DiploSim.Contracts;

namespace DiploSim.Grains;

/// <summary>
/// Counts a session's open connections by seat across the cluster, from the nodes' reports (see
/// <see cref="ISeatConnectionsGrain"/>). It holds nothing in storage and writes nothing to the session's log: a seat whose
/// page closed reads "connection lost" on the teacher's console, and the seat stays the student's, played by nobody else.
/// </summary>
public sealed class SeatConnectionsGrain(TurnClock clock) : Grain, ISeatConnectionsGrain
{
    /// <summary>How often a node reports the sessions it holds connections of, besides when one opens or closes.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    /// <summary>How long a node may stay silent before its connections stop counting (three missed reports: it died).</summary>
    public static readonly TimeSpan NodeSilence = ReportEvery * 3;

    private sealed record NodeReport(long Version, DateTimeOffset At, ImmutableDictionary<string, int> Open);

    private readonly Dictionary<string, NodeReport> _nodes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, DateTimeOffset?> _lostAt = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _since = clock.Now;

    public Task Report(string node, long version, ImmutableDictionary<string, int> openBySeat)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        if (!_nodes.TryGetValue(node, out var known) || known.Version < version)
        {
            _nodes[node] = new NodeReport(version, clock.Now, openBySeat ?? ImmutableDictionary<string, int>.Empty);
        }

        Count();
        return Task.CompletedTask;
    }

    public Task<SeatConnections> Read()
    {
        var open = Count();
        var seats = _lostAt.Select(s => new SeatConnection(s.Key, open.GetValueOrDefault(s.Key), s.Value)).ToImmutableArray();
        return Task.FromResult(new SeatConnections(clock.Now - _since >= ReportEvery * 2, seats));
    }

    /// <summary>The open connections by seat of the nodes heard from lately; notes when a seat's last one closed.</summary>
    private Dictionary<string, int> Count()
    {
        var now = clock.Now;
        foreach (var silent in _nodes.Where(n => now - n.Value.At > NodeSilence).Select(n => n.Key).ToList())
        {
            _nodes.Remove(silent);
        }

        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (country, count) in _nodes.Values.SelectMany(n => n.Open).Where(c => c.Value > 0))
        {
            open[country] = open.GetValueOrDefault(country) + count;
        }

        foreach (var country in open.Keys)
        {
            _lostAt[country] = null;
        }

        foreach (var country in _lostAt.Keys.Where(c => !open.ContainsKey(c) && _lostAt[c] is null).ToList())
        {
            _lostAt[country] = now;
        }

        return open;
    }
}
