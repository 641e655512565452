using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Server.Hub;

namespace DiploSim.Server.Relay;

/// <summary>
/// Tells each session's <see cref="ISeatConnectionsGrain"/> how many connections this node holds for each of its seats:
/// at once when a student's page connects or disconnects here, and every <see cref="SeatConnectionsGrain.ReportEvery"/>
/// for every session this node holds or lately held a student's connection of, so the count heals after a lost report
/// or a lost grain, and a node that dies stops counting once it has been silent for <see cref="SeatConnectionsGrain.NodeSilence"/>.
/// A page's drop is never written to the session: it is what the teacher's console reads, nothing more.
/// </summary>
public sealed partial class SeatConnectionReporter(IClusterClient cluster, Connections connections, TurnClock clock, ILogger<SeatConnectionReporter> logger) : BackgroundService
{
    /// <summary>This node's name in the reports: a process that restarts is a new node, whose old counts fall silent.</summary>
    private readonly string _node = Guid.NewGuid().ToString("N");
    private long _version;

    /// <summary>Sessions reported with some connection last time: reported once more after their last one closes.</summary>
    private ImmutableHashSet<string> _reported = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);

    /// <summary>Reports the session's seats now (a student's page connected or disconnected); a failure waits for the periodic report.</summary>
    public async Task Changed(string sessionId)
    {
        try
        {
            await Report(sessionId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReportFailed(logger, ex, sessionId);
        }
    }

    private Task Report(string sessionId) =>
        cluster.GetGrain<ISeatConnectionsGrain>(sessionId).Report(_node, Interlocked.Increment(ref _version), connections.OpenBySeat(sessionId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(SeatConnectionsGrain.ReportEvery, clock.Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = connections.SessionsWithPlayers();
            var due = _reported.Union(now);
            _reported = now.ToImmutableHashSet(StringComparer.Ordinal);
            await Task.WhenAll(due.Select(Changed));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The open connections of session {SessionId}'s seats could not be reported; the next report brings them")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string sessionId);
}
