using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DiploSim.Grains;

/// <summary>
/// The sessions' instruments (meter <c>DiploSim.Sessions</c>), recorded on the silo that holds each session:
/// sessions active, turns resolved and how long a turn takes to resolve (Core, storage and notification).
/// </summary>
public static class SessionMetrics
{
    public const string MeterName = "DiploSim.Sessions";

    private static readonly Meter Meter = new(MeterName);

    private static readonly UpDownCounter<int> Active =
        Meter.CreateUpDownCounter<int>("diplosim.sessions.active", "{session}", "Sessions active on this silo");

    private static readonly Counter<long> Resolved =
        Meter.CreateCounter<long>("diplosim.turns.resolved", "{turn}", "Turns resolved on this silo");

    private static readonly Histogram<double> Resolution =
        Meter.CreateHistogram<double>("diplosim.turn.resolution.duration", "s", "Time to resolve a turn, persist it and publish its outcome");

    internal static void SessionActivated() => Active.Add(1);

    internal static void SessionDeactivated() => Active.Add(-1);

    internal static void TurnResolved(long startedAt)
    {
        Resolved.Add(1);
        Resolution.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
    }
}
