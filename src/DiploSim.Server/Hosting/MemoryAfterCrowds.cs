namespace DiploSim.Server;

/// <summary>
/// Gives memory back to the machine once a crowd of hub connections has left. A thousand connections that open, idle
/// and close (a class leaving, or a hostile client) leave the collector with regions it keeps and with their objects
/// promoted into the old generation, where only a full collection finds them, and an idle server makes none: it held
/// 265–276 MB after such a crowd against about 200 MB before (docs/deployment.md, "Memory after hostile clients").
/// When the hub's open connections have fallen by <see cref="Crowd"/> or more below their peak, to half of it or less,
/// and stayed there for one look, the server makes one full, compacting collection that returns free memory to the
/// operating system (<see cref="GCCollectionMode.Aggressive"/>, meant for a process about to idle), then counts its
/// peak again from what is open.
/// </summary>
public sealed partial class MemoryAfterCrowds(TimeProvider time, ILogger<MemoryAfterCrowds> logger) : BackgroundService
{
    /// <summary>Connections that must have left since the peak for the collection to be worth its pause.</summary>
    public const int Crowd = 200;

    /// <summary>How often the count is looked at; a crowd is taken to have left when two looks agree.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private int _open;
    private int _peak;

    /// <summary>A hub connection was accepted.</summary>
    public void Opened()
    {
        var open = Interlocked.Increment(ref _open);
        int peak;
        while (open > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, open, peak) != peak)
        {
        }
    }

    /// <summary>A hub connection closed.</summary>
    public void Closed() => Interlocked.Decrement(ref _open);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        var seen = -1;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var open = Volatile.Read(ref _open);
                var peak = Volatile.Read(ref _peak);
                if (open == seen && peak - open >= Crowd && open <= peak / 2)
                {
                    var (before, paused) = (Environment.WorkingSet, GC.GetTotalPauseDuration());
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    paused = GC.GetTotalPauseDuration() - paused;
                    Interlocked.Exchange(ref _peak, open);
                    LogGaveBack(logger, peak - open, before >> 20, Environment.WorkingSet >> 20, paused.TotalMilliseconds);
                }

                seen = open;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Left} connections left: a full collection took the server from {Before} MB resident to {After} MB, pausing it for {PauseMs:F0} ms")]
    private static partial void LogGaveBack(ILogger logger, int left, long before, long after, double pauseMs);
}
