using System.Collections.Immutable;
using DiploSim.Contracts;

namespace DiploSim.Grains;

/// <summary>
/// What a session stores: its scenario, seed, options, the digests of its secrets, and its log. Everything else is
/// derived from the log. <see cref="Version"/> is the schema version: a record of an older version is upgraded when
/// the session activates (<see cref="Upgrade"/>), and one written by a newer release is refused rather than misread.
/// </summary>
/// <remarks>
/// Versions: 1 stored the teacher's and players' tokens themselves; 2 stores only their SHA-256 digests; 3 adds the
/// digest of the classroom screen's token (an older record has none: its screen's pass, which carries an empty token,
/// holds until the teacher replaces it); 4 keeps the newest events in a second record (<see cref="RecentEvents"/>),
/// which a release that reads only this one would miss, so such a release must refuse it; 5 adds the scenario's text
/// and the model version the session is played under (an older record has neither: it is replayed from the library's
/// file of its scenario and pinned to it if that replays); 6 appends new events in pages (<see cref="LogPage"/>) after
/// those in this record, which a release that reads only this record and the recent one would miss, and no longer
/// writes the recent record: a version-5 record's recent events join this one's log when it is upgraded.
/// </remarks>
[GenerateSerializer, Alias("diplosim.SessionState")]
public sealed class SessionState
{
    public const int CurrentVersion = 6;

    /// <summary>The first version whose log continues in pages (<see cref="LogPage"/>) rather than in <see cref="RecentEvents"/>.</summary>
    public const int PagedVersion = 6;

    [Id(0)] public int Version { get; set; } = CurrentVersion;

    /// <summary>The scenario's id in the library: its name for people. What the session plays is <see cref="ScenarioText"/>.</summary>
    [Id(1)] public string? ScenarioId { get; set; }
    [Id(2)] public ulong Seed { get; set; }
    [Id(3)] public SessionOptions? Options { get; set; }

    /// <summary>SHA-256 digest of the teacher's token (the token itself up to version 1).</summary>
    [Id(4)] public string? TeacherTokenDigest { get; set; }
    [Id(5)] public string? JoinCode { get; set; }

    /// <summary>
    /// The beginning of the log: events stored with this record (all of a session's events up to version 5, a fork's
    /// copy of its parent's history). The rest of the log is in pages (<see cref="LogPage"/>).
    /// </summary>
    [Id(6)] public List<LoggedEvent> Log { get; set; } = [];

    /// <summary>SHA-256 digest of the classroom screen's token; null for a session stored before version 3.</summary>
    [Id(7)] public string? SpectatorTokenDigest { get; set; }

    /// <summary>
    /// The scenario file's text as it was when the session was created: what the session replays, whatever the library
    /// holds now. Null for a session stored before version 5, or created from a scenario built in code.
    /// </summary>
    [Id(8)] public string? ScenarioText { get; set; }

    /// <summary>The <see cref="DiploSim.Core.ModelVersion"/> the session's turns were played under; 0 before version 5 (version 1).</summary>
    [Id(9)] public int ModelVersion { get; set; }

    /// <summary>
    /// Brings a record written by an earlier release up to <see cref="CurrentVersion"/>. Returns false, changing
    /// nothing, when there is nothing to do; throws when the record comes from a newer release.
    /// </summary>
    public bool Upgrade(string sessionId)
    {
        if (Version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"session {sessionId} was stored by a newer DiploSim (state version {Version}); this server reads versions up to {CurrentVersion}");
        }

        if (Version == CurrentVersion)
        {
            return false;
        }

        if (Version < 2)
        {
            // Version 1 kept the tokens themselves: keep only their digests, so the same tokens go on working.
            TeacherTokenDigest = TeacherTokenDigest is { } teacher ? Secrets.Digest(teacher) : null;
            Log = [.. Log.Select(e => e.Event is SeatAssigned s ? e with { Event = s with { TokenDigest = Secrets.Digest(s.TokenDigest) } } : e)];
        }

        // Before version 3 there was no screen token to keep: SpectatorTokenDigest stays null until the teacher replaces it.
        // Before version 4 every event was in this record, and the recent one is empty: nothing to move.
        // Before version 5 there was no scenario text: the session opens from the library's file and is pinned then.
        // Before version 6 the newest events were in the recent record: the journal moves them here before this runs.

        Version = CurrentVersion;
        return true;
    }
}

/// <summary>
/// The session's newest events as releases before pages stored them (session record versions 4 and 5), apart from
/// <see cref="SessionState"/>, folded into its log from time to time. Their sequence numbers follow that log's; one
/// already there (a fold interrupted before this record was emptied) is dropped. Read once, when such a session is
/// upgraded; never written.
/// </summary>
[GenerateSerializer, Alias("diplosim.RecentEvents")]
public sealed class RecentEvents
{
    public const int CurrentVersion = 1;

    [Id(0)] public int Version { get; set; } = CurrentVersion;
    [Id(1)] public List<LoggedEvent> Log { get; set; } = [];

    /// <summary>
    /// The events of this record that follow <paramref name="session"/>'s log: all of them, but for copies of events
    /// already folded into it by a fold that was interrupted before this record was emptied.
    /// </summary>
    public IEnumerable<LoggedEvent> After(SessionState session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var folded = session.Log.Count;
        return Log.Where(e => e.Sequence > folded);
    }
}

/// <summary>
/// A page of a session's log (see <see cref="SessionJournal"/>): up to <see cref="SessionJournal.PageSize"/> events
/// in sequence, following the previous page's, and the digests of any pass replaced by one of them.
/// </summary>
[GenerateSerializer, Alias("diplosim.LogPage")]
public sealed class LogPage
{
    public const int CurrentVersion = 1;

    [Id(0)] public int Version { get; set; } = CurrentVersion;
    [Id(1)] public List<LoggedEvent> Log { get; set; } = [];

    /// <summary>SHA-256 digest of the teacher's token if an event of this page replaced it.</summary>
    [Id(2)] public string? TeacherTokenDigest { get; set; }

    /// <summary>SHA-256 digest of the classroom screen's token if an event of this page replaced it.</summary>
    [Id(3)] public string? SpectatorTokenDigest { get; set; }
}

/// <summary>What a country stores: its player's draft.</summary>
[GenerateSerializer, Alias("diplosim.CountryState")]
public sealed class CountryState
{
    public const int CurrentVersion = 1;

    [Id(0)] public int Version { get; set; } = CurrentVersion;
    [Id(1)] public ImmutableArray<MoveOrder> Draft { get; set; } = [];
    /// <summary>Copies of the country's messages, written by releases before the session's log was their one copy; read by none.</summary>
    [Id(2)] public List<LoggedEvent> Inbox { get; set; } = [];
    /// <summary>The turn the draft was saved in: a draft belongs to its turn, and is gone once that turn has resolved.</summary>
    [Id(3)] public int DraftTurn { get; set; } = -1;
    /// <summary>
    /// How many times the draft was saved: a page's save names the revision its plan was based on, so a plan another
    /// page of the seat saved since is not overwritten. A record from before revisions reads 0 and counts on from there.
    /// </summary>
    [Id(4)] public long Revision { get; set; }
    /// <summary>
    /// The session log's length when the draft's turn opened (<see cref="SessionStatus.TurnOpenedAt"/>): after the
    /// teacher rolls the game back to that turn it opens again at another length, and the draft saved before is not its
    /// plan. -1 in a record from before this was kept: its draft is told by its turn alone.
    /// </summary>
    [Id(5)] public int DraftOpenedAt { get; set; } = -1;
}

/// <summary>What the registry stores: every session by id.</summary>
[GenerateSerializer, Alias("diplosim.RegistryState")]
public sealed class RegistryState
{
    public const int CurrentVersion = 1;

    [Id(0)] public int Version { get; set; } = CurrentVersion;
    [Id(1)] public Dictionary<string, SessionListing> Sessions { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// What one client address has left of its sessions an hour: the tokens in its bucket and when the bucket was last
/// counted. Stored, so a grain reactivated on another node after its node died continues the same bucket.
/// </summary>
[GenerateSerializer, Alias("diplosim.AddressQuotaState")]
public sealed class AddressQuotaState
{
    /// <summary>The limit the bucket was filled for; a new limit starts a full bucket of the new size.</summary>
    [Id(0)] public int PerHour { get; set; }
    [Id(1)] public int Tokens { get; set; }
    /// <summary>When the bucket last gained a token, or was full: the next token comes one period after it.</summary>
    [Id(2)] public DateTimeOffset Counted { get; set; }
}
