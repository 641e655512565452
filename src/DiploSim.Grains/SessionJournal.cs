using DiploSim.Contracts;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace DiploSim.Grains;

/// <summary>
/// A session's stored truth: its record (scenario text, seed, options, the digests of its passes) and its ordered
/// event log. An event is numbered, appended and stored before anyone sees it; reading gives the log in order, whole
/// or after a sequence number.
/// </summary>
/// <remarks>
/// <para>
/// The log is appended in pages of <see cref="PageSize"/> events, each its own record (<see cref="PageRecord"/>):
/// an event's write stores only the page it lands on, so its cost does not grow with the events before it, and the
/// session's record (with its scenario text, some 23 KB) is written when the session is created and when it is
/// pinned to a model version, not per event. A page write is one record's write, so it is whole or not at all.
/// </para>
/// <para>
/// The session's record may begin the log itself: a fork's copy of its parent's history is stored with the fork's
/// record in one write, and a session stored before pages (version 5 and earlier, whose newest events were in a
/// second record, <see cref="RecentEvents"/>) has all its events there once upgraded. Pages follow them.
/// </para>
/// <para>
/// A replaced pass is stored on the page of its <see cref="PassReplaced"/> event, in the same write: the digests a
/// page carries override the session record's and those of earlier pages.
/// </para>
/// Reads and writes go straight to the grain-storage provider, under the session grain's id.
/// </remarks>
public sealed partial class SessionJournal(IGrainStorage storage, GrainId grainId, ILogger logger)
{
    /// <summary>The state name of the session's record.</summary>
    public const string SessionRecord = "session";

    /// <summary>The state name of the record of recent events, written by releases before pages; read once to upgrade.</summary>
    public const string RecentRecord = "session-recent";

    /// <summary>
    /// How many events a page holds. An event's write costs at most this many events; opening a session reads one
    /// record per this many. A 40-turn class of about 300 events opens in 20 reads; a page of 16 messages of the
    /// longest allowed length (<see cref="SessionTimeline.MaxMessageLength"/>) is about 64 KB.
    /// </summary>
    public const int PageSize = 16;

    private readonly GrainState<SessionState> _session = new(new SessionState());
    private readonly List<GrainState<LogPage>> _pages = [];
    private int _count;

    /// <summary>The state name of page <paramref name="index"/> of the log (from 0).</summary>
    public static string PageRecord(int index) => $"session-log-{index}";

    /// <summary>The session's record. Change it only to store it (<see cref="StoreSession"/>).</summary>
    public SessionState Session => _session.State!;

    /// <summary>Whether the session has been created.</summary>
    public bool Exists => Session.ScenarioId is not null;

    /// <summary>How many events the log holds; the last one's sequence number.</summary>
    public int Count => _count;

    /// <summary>How many pages the log's events after the session's record fill.</summary>
    public int Pages => _pages.Count;

    /// <summary>SHA-256 digest of the teacher's token: the last one replaced, or the one the session was created with.</summary>
    public string? TeacherTokenDigest => _pages.Select(p => p.State!.TeacherTokenDigest).LastOrDefault(d => d is not null) ?? Session.TeacherTokenDigest;

    /// <summary>SHA-256 digest of the classroom screen's token (null for a session stored before screens had one and never given one).</summary>
    public string? SpectatorTokenDigest => _pages.Select(p => p.State!.SpectatorTokenDigest).LastOrDefault(d => d is not null) ?? Session.SpectatorTokenDigest;

    /// <summary>The whole log in order: the events stored with the session's record, then the pages'.</summary>
    public IEnumerable<LoggedEvent> Log => Session.Log.Concat(_pages.SelectMany(p => p.State!.Log));

    /// <summary>
    /// Reads the stored session and its pages. A record written by an earlier release is upgraded first: the newest
    /// events, which releases before pages kept in a second record, join the record's log in the upgrade's one write
    /// (copies of events a fold interrupted by a crash left there are dropped).
    /// </summary>
    public async Task Open(string sessionId)
    {
        await storage.ReadStateAsync(SessionRecord, grainId, _session);
        GrainState<RecentEvents>? recent = null;
        if (Session.Version < SessionState.PagedVersion && Exists)
        {
            recent = new GrainState<RecentEvents>();
            await storage.ReadStateAsync(RecentRecord, grainId, recent);
            Session.Log.AddRange(recent.State!.After(Session));
        }

        if (Session.Upgrade(sessionId))
        {
            await StoreSession();
            if (recent is { RecordExists: true })
            {
                await Forget(recent);
            }
        }

        _count = Session.Log.Count;
        _pages.Clear();
        while (Exists)
        {
            var page = new GrainState<LogPage>();
            await storage.ReadStateAsync(PageRecord(_pages.Count), grainId, page);
            if (!page.RecordExists)
            {
                break;
            }

            if (page.State!.Version > LogPage.CurrentVersion)
            {
                throw new InvalidOperationException(
                    $"session {sessionId}'s log page {_pages.Count} was stored by a newer DiploSim (page version {page.State.Version}); this server reads versions up to {LogPage.CurrentVersion}");
            }

            _pages.Add(page);
            _count += page.State.Log.Count;
        }
    }

    /// <summary>
    /// Stores a new session's record, with the events it starts from (a fork's copy of its parent's history and
    /// the fork's own first event), in one write.
    /// </summary>
    public async Task Begin(SessionState session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session.State = session;
        await StoreSession();
        _count = session.Log.Count;
    }

    /// <summary>Stores the session's record as it now is.</summary>
    public Task StoreSession() => storage.WriteStateAsync(SessionRecord, grainId, _session);

    /// <summary>
    /// The log after <paramref name="afterSequence"/>: a page's update reads only the pages that hold newer events,
    /// not the whole log.
    /// </summary>
    public IEnumerable<LoggedEvent> After(long afterSequence)
    {
        var head = Session.Log;
        var fromHead = head.Skip((int)Math.Clamp(afterSequence, 0, head.Count));
        return fromHead.Concat(_pages.Select(p => p.State!.Log).Where(p => p.Count > 0 && p[^1].Sequence > afterSequence).SelectMany(p => p))
            .Where(e => e.Sequence > afterSequence);
    }

    /// <summary>
    /// Appends an event and stores the page it lands on before returning it; with <paramref name="passes"/>, a
    /// replaced pass's digest is stored in the same write. If the write fails the log is as it was.
    /// </summary>
    public async Task<LoggedEvent> Append(DateTimeOffset at, string by, SessionEvent e, PassDigests? passes = null)
    {
        var entry = new LoggedEvent(_count + 1, at, by, e);
        var opened = _pages.Count == 0 || _pages[^1].State!.Log.Count >= PageSize;
        if (opened)
        {
            _pages.Add(new GrainState<LogPage>(new LogPage()));
        }

        var page = _pages[^1];
        var kept = (page.State!.TeacherTokenDigest, page.State.SpectatorTokenDigest);
        page.State.Log.Add(entry);
        if (passes is not null)
        {
            page.State.TeacherTokenDigest = passes.Teacher ?? page.State.TeacherTokenDigest;
            page.State.SpectatorTokenDigest = passes.Spectator ?? page.State.SpectatorTokenDigest;
        }

        try
        {
            await storage.WriteStateAsync(PageRecord(_pages.Count - 1), grainId, page);
        }
        catch
        {
            page.State.Log.RemoveAt(page.State.Log.Count - 1);
            (page.State.TeacherTokenDigest, page.State.SpectatorTokenDigest) = kept;
            if (opened)
            {
                _pages.RemoveAt(_pages.Count - 1);
            }

            throw;
        }

        _count++;
        return entry;
    }

    /// <summary>Removes the record of recent events a release before pages wrote, once its events are in the session's record.</summary>
    private async Task Forget(GrainState<RecentEvents> recent)
    {
        try
        {
            await storage.ClearStateAsync(RecentRecord, grainId, recent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Harmless: an upgraded session never reads it again.
            LogRecentNotCleared(logger, ex, grainId.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing the old record of recent events of {SessionId} after its upgrade failed; it is not read again")]
    private static partial void LogRecentNotCleared(ILogger logger, Exception exception, string sessionId);
}

/// <summary>The digests of passes replaced by an event, stored with it; null for a pass it leaves alone.</summary>
public sealed record PassDigests(string? Teacher, string? Spectator);
