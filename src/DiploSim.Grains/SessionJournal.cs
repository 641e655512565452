using DiploSim.Contracts;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace DiploSim.Grains;

/// <summary>
/// A session's stored truth: its record (scenario, seed, options, the digests of its passes) and its ordered event
/// log. An event is numbered, appended and stored before anyone sees it; reading gives the log in order, whole or
/// after a sequence number. The newest events are kept in a second, small record, so an event's write does not grow
/// with the session; when <see cref="Compaction"/> says so they are folded into the session's record.
/// </summary>
/// <remarks>Reads and writes go straight to the grain-storage provider, under the state names sessions have always used.</remarks>
public sealed partial class SessionJournal(IGrainStorage storage, GrainId grainId, ILogger logger)
{
    /// <summary>The state name of the session's record.</summary>
    public const string SessionRecord = "session";

    /// <summary>The state name of the record of recent events.</summary>
    public const string RecentRecord = "session-recent";

    private readonly GrainState<SessionState> _session = new(new SessionState());
    private readonly GrainState<RecentEvents> _recent = new(new RecentEvents());

    /// <summary>The session's record. Change it only to store it (<see cref="StoreSession"/>).</summary>
    public SessionState Session => _session.State!;

    // A storage provider gives a new, empty state when there is no record.
    private RecentEvents Recent => _recent.State!;

    /// <summary>Whether the session has been created.</summary>
    public bool Exists => Session.ScenarioId is not null;

    /// <summary>How many events the log holds; the last one's sequence number.</summary>
    public int Count => Session.Log.Count + Recent.Log.Count;

    /// <summary>The whole log in order: the events folded into the session's record, then the recent ones.</summary>
    public IEnumerable<LoggedEvent> Log => Session.Log.Concat(Recent.Log);

    /// <summary>
    /// Reads the stored session, upgrades a record written by an earlier release, and drops the copies a fold
    /// interrupted by a crash left in the recent record.
    /// </summary>
    public async Task Open(string sessionId)
    {
        await storage.ReadStateAsync(SessionRecord, grainId, _session);
        await storage.ReadStateAsync(RecentRecord, grainId, _recent);
        if (Session.Upgrade(sessionId))
        {
            await StoreSession();
        }

        if (Exists)
        {
            // Events folded into the session's record whose removal from the recent one was lost to a crash are there twice.
            Recent.Log = [.. Recent.After(Session)];
        }
    }

    /// <summary>Stores a new session's record, with the log it starts from (a fork's copy of its parent's history).</summary>
    public async Task Begin(SessionState session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session.State = session;
        await StoreSession();
    }

    /// <summary>Stores the session's record as it now is.</summary>
    public Task StoreSession() => storage.WriteStateAsync(SessionRecord, grainId, _session);

    /// <summary>
    /// The log after <paramref name="afterSequence"/>. Sequences number the log from 1 without gaps, so the events
    /// wanted start at index <paramref name="afterSequence"/>: a page's update skips to them instead of reading the whole log.
    /// </summary>
    public IEnumerable<LoggedEvent> After(long afterSequence)
    {
        var folded = Session.Log;
        var skip = (int)Math.Clamp(afterSequence, 0, Count);
        return folded.Skip(skip).Concat(Recent.Log.Skip(Math.Max(0, skip - folded.Count)))
            .Where(e => e.Sequence > afterSequence);
    }

    /// <summary>
    /// Appends an event and stores it before returning it. It goes to the small recent record, so a write does not
    /// grow with the session; when <see cref="Compaction"/> says so, or when <paramref name="withSession"/> asks (a
    /// change to the session's record itself, such as a replaced pass, must be stored in the same write as its
    /// event), the recent events are folded into the session's record. If the write fails the log is as it was.
    /// </summary>
    public async Task<LoggedEvent> Append(DateTimeOffset at, string by, SessionEvent e, bool withSession = false)
    {
        var entry = new LoggedEvent(Count + 1, at, by, e);
        Recent.Log.Add(entry);
        if (withSession || Compaction.Due(Recent.Log.Count, Session.Log.Count))
        {
            await Fold();
        }
        else
        {
            try
            {
                await storage.WriteStateAsync(RecentRecord, grainId, _recent);
            }
            catch
            {
                Recent.Log.RemoveAt(Recent.Log.Count - 1);
                throw;
            }
        }

        return entry;
    }

    /// <summary>
    /// Moves the recent events (the last one not yet stored anywhere) into the session's record and stores it, then
    /// empties the recent record. If emptying it fails, the events are safe in the session's record and
    /// <see cref="Open"/> drops the copies.
    /// </summary>
    private async Task Fold()
    {
        var count = Recent.Log.Count;
        Session.Log.AddRange(Recent.Log);
        try
        {
            await StoreSession();
        }
        catch
        {
            Session.Log.RemoveRange(Session.Log.Count - count, count);
            Recent.Log.RemoveAt(Recent.Log.Count - 1);
            throw;
        }

        Recent.Log.Clear();
        try
        {
            await storage.WriteStateAsync(RecentRecord, grainId, _recent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecentNotEmptied(logger, ex, grainId.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Emptying the recent events of session {SessionId} after folding them failed; activation drops the copies")]
    private static partial void LogRecentNotEmptied(ILogger logger, Exception exception, string sessionId);
}
