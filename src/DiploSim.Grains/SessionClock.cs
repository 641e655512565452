using DiploSim.Contracts;
using Microsoft.Extensions.Logging;

namespace DiploSim.Grains;

/// <summary>
/// A running session's turn clock: a deadline timer on the injectable <see cref="TurnClock"/> that asks the session
/// to close the turn when it is due, a grain timer that keeps the session in memory while it runs (so its deadline
/// timer is not lost to idle collection), and a grain timer that lets the bots decide a little after a turn opens.
/// </summary>
/// <remarks>
/// One deadline timer serves every turn, moved with <see cref="ITimer.Change"/>. It fires for the turn armed last; a
/// firing that races with a resolution finds the next turn's deadline not yet passed and does nothing (<see cref="Due"/>).
/// The deadline timer runs outside the grain, so it calls the session through its reference; the grain timers run
/// like calls to the grain, never during one, so they call it directly.
/// </remarks>
/// <param name="grain">The session whose timers these are.</param>
/// <param name="closeTurnAtDeadline">Closes the given turn if it is due (the session's <see cref="ISessionGrain.CloseTurnAtDeadline"/>).</param>
/// <param name="decideBotsAhead">Lets the bots decide the open turn ahead of its resolution.</param>
public sealed partial class SessionClock(Grain grain, TurnClock clock, Func<int, Task> closeTurnAtDeadline, Action decideBotsAhead, ILogger logger) : IDisposable
{
    /// <summary>
    /// How long after a turn opens its bots decide (<see cref="SessionTimeline.DecideBotsAhead"/>): after the outcome
    /// of the turn before has reached the pages and they have fetched their updates, well before a turn of minutes ends.
    /// </summary>
    public static readonly TimeSpan BotsDecideAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the keep-alive timer looks at the deadline, as a second chance if the deadline timer's call failed.</summary>
    public static readonly TimeSpan KeepAliveEvery = TimeSpan.FromMinutes(1);

    private ITimer? _deadline;
    private int _armedTurn;
    private IGrainTimer? _keepAlive;
    private IGrainTimer? _botsAhead;
    private int _openTurn;

    /// <summary>The turn clock's time now.</summary>
    public DateTimeOffset Now => clock.Now;

    /// <summary>Whether <paramref name="turn"/> of the session is running, still open and past its deadline at <paramref name="now"/>.</summary>
    public static bool Due(SessionTimeline? timeline, int turn, DateTimeOffset now) =>
        timeline is { Phase: SessionPhase.Running, Deadline: { } deadline } t && t.Turn == turn && now >= deadline;

    /// <summary>How long from <paramref name="now"/> until <paramref name="deadline"/>; zero once it has passed.</summary>
    public static TimeSpan Until(DateTimeOffset deadline, DateTimeOffset now) => deadline > now ? deadline - now : TimeSpan.Zero;

    /// <summary>
    /// Sets the timers for the session's open turn when <paramref name="running"/> is a running session with a
    /// deadline; otherwise stops them and lets the session be collected when idle.
    /// </summary>
    public void Follow(SessionTimeline? running)
    {
        if (running is not { Phase: SessionPhase.Running, Deadline: { } deadline } t)
        {
            _deadline?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _botsAhead?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _keepAlive?.Dispose();
            _keepAlive = null;
            return;
        }

        _openTurn = t.Turn;
        _botsAhead ??= grain.RegisterGrainTimer(
            () =>
            {
                decideBotsAhead();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _botsAhead.Change(BotsDecideAfter, Timeout.InfiniteTimeSpan);

        Volatile.Write(ref _armedTurn, t.Turn);
        if (_deadline is null)
        {
            var self = grain.AsReference<ISessionGrain>();
            var sessionId = grain.GetPrimaryKeyString();
            _deadline = clock.Time.CreateTimer(
                _ =>
                {
                    var turn = Volatile.Read(ref _armedTurn);
                    self.CloseTurnAtDeadline(turn).ContinueWith(
                        task => LogDeadlineFailed(logger, task.Exception, sessionId, turn),
                        CancellationToken.None,
                        TaskContinuationOptions.OnlyOnFaulted,
                        TaskScheduler.Default);
                },
                null,
                Timeout.InfiniteTimeSpan,
                Timeout.InfiniteTimeSpan);
        }

        _deadline.Change(Until(deadline, clock.Now), Timeout.InfiniteTimeSpan);

        // A silo timer keeps a running session in memory, so its deadline timer is not lost to idle collection.
        _keepAlive ??= grain.RegisterGrainTimer(
            _ => closeTurnAtDeadline(_openTurn),
            new GrainTimerCreationOptions(KeepAliveEvery, KeepAliveEvery) { KeepAlive = true });
    }

    public void Dispose()
    {
        _deadline?.Dispose();
        _deadline = null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Closing turn {Turn} of session {SessionId} at its deadline failed")]
    private static partial void LogDeadlineFailed(ILogger logger, Exception? exception, string sessionId, int turn);
}
