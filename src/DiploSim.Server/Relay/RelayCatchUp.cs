using DiploSim.Grains;

namespace DiploSim.Server.Relay;

/// <summary>
/// Keeps this node's relay level with the sessions' logs (<see cref="SessionRelay.CheckAll"/>): at once when a node
/// leaves the cluster (its stream queues and whatever they held are gone), and every <see cref="Period"/> otherwise,
/// sooner while a session is ahead of what was relayed, so an update lost on its way reaches the pages within about
/// <see cref="Grace"/> and <see cref="Soon"/> of the session's answering again, and at once when a node leaves.
/// </summary>
public sealed partial class RelayCatchUp(SessionRelay relay, IServiceProvider services, TurnClock clock, ILogger<RelayCatchUp> logger) : BackgroundService
{
    /// <summary>Between two checks of every watched session (one light read of each).</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>Between two checks while a session is ahead.</summary>
    public static readonly TimeSpan Soon = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long an update a check saw missing may still be on its way before the log relays it: tens of milliseconds
    /// on a quiet node, up to a few hundred when fifty sessions resolve at once (docs/benchmarks.md, "SignalR fan-out").
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Periodically(stoppingToken), OnMembershipChanges(stoppingToken));

    private async Task Periodically(CancellationToken stoppingToken)
    {
        var wait = Period;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, clock.Time, stoppingToken);
                wait = await relay.CheckAll(now: false) ? Soon : Period;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogCheckFailed(logger, ex);
                wait = Period;
            }
        }
    }

    private async Task OnMembershipChanges(CancellationToken stoppingToken)
    {
        if (services.GetService<IClusterMembershipService>() is not { } membership)
        {
            return;
        }

        // Nodes dead before this one joined are no news.
        HashSet<SiloAddress>? dead = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var gone = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress);
                if (dead is null)
                {
                    dead = [.. gone];
                    continue;
                }

                var newlyDead = gone.Where(dead.Add).ToList();
                if (newlyDead.Count == 0)
                {
                    continue;
                }

                LogNodeLeft(logger, string.Join(", ", newlyDead));
                try
                {
                    await relay.CheckAll(now: true);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCheckFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the relayed sessions against their logs failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Silos} left the cluster: relaying what this node's pages missed")]
    private static partial void LogNodeLeft(ILogger logger, string silos);
}
