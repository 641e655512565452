namespace DiploSim.Grains;

/// <summary>
/// The turns this silo is resolving at this moment. A session that resolves a turn alone lets its next turn's bots
/// decide on the idle core while the turn is stored and published (<see cref="SessionTimeline.DecideBotsAheadOf"/>);
/// when others are resolving too (deadlines on the hour, a class's burst of "resolve now") or work is queued for the
/// silo's threads, the bots wait for the turn clock (<see cref="SessionClock.BotsDecideAfter"/>) and that moment goes
/// to the outcomes.
/// </summary>
public sealed class Resolutions
{
    private int _inProgress;

    /// <summary>Counts a resolution until the scope is disposed.</summary>
    public Scope Begin()
    {
        Interlocked.Increment(ref _inProgress);
        return new Scope(this);
    }

    /// <summary>How many resolutions are in progress.</summary>
    public int InProgress => Volatile.Read(ref _inProgress);

    /// <summary>Whether one resolution is in progress (the caller's) and no work waits for a thread.</summary>
    public bool Alone => InProgress == 1 && ThreadPool.PendingWorkItemCount == 0;

    /// <summary>One resolution in progress.</summary>
    public readonly struct Scope(Resolutions owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._inProgress);
    }
}
