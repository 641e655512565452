using DiploSim.Contracts;
using Microsoft.Extensions.Logging;

namespace DiploSim.Grains;

/// <summary>
/// Keeps every running session's turn clock going without waiting for someone to call it. A session arms its
/// deadline timer when it activates; after a restart, or after the silo that held it was lost, nothing would
/// activate it until a player or the teacher called. So each silo, when it starts and then every
/// <see cref="SweepInterval"/> on the turn clock, asks the registry for running sessions and touches each one,
/// which activates it (somewhere in the cluster) and re-arms its timer. Touching an active session costs one call.
/// </summary>
public sealed partial class DeadlineWatch(IGrainFactory grains, TurnClock clock, ILogger<DeadlineWatch> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>How often a silo sweeps after its first sweep: an upper bound on how late a lost session's deadline fires.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private ITimer? _timer;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(DeadlineWatch), ServiceLifecycleStage.Active, OnStart, OnStop);
    }

    /// <summary>
    /// Activates every session the registry lists as running. Failures are logged, not thrown: one broken
    /// session must neither keep the others' clocks stopped nor stop the silo from starting.
    /// </summary>
    /// <returns>How many running sessions were touched.</returns>
    public async Task<int> Sweep()
    {
        try
        {
            var listings = await grains.GetGrain<ISessionRegistryGrain>(0).List();
            var running = listings.Where(s => s.Phase == SessionPhase.Running).ToList();
            await Task.WhenAll(running.Select(s => Touch(s.SessionId)));
            return running.Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSweepFailed(logger, ex);
            return 0;
        }
    }

    private async Task Touch(string sessionId)
    {
        try
        {
            await grains.GetGrain<ISessionGrain>(sessionId).GetStatus();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTouchFailed(logger, ex, sessionId);
        }
    }

    private async Task OnStart(CancellationToken cancellationToken)
    {
        await Sweep();
        _timer = clock.Time.CreateTimer(_ => _ = Sweep(), null, SweepInterval, SweepInterval);
    }

    private Task OnStop(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweeping running sessions to re-arm their deadlines failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Activating running session {SessionId} to re-arm its deadline failed")]
    private static partial void LogTouchFailed(ILogger logger, Exception exception, string sessionId);
}
