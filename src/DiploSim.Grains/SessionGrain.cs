using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Streams;

namespace DiploSim.Grains;

/// <summary>
/// One classroom session: load the log, check the command against the session's rules, append it, store it,
/// fold it (resolving through Core when a turn closes), then publish. Nothing is answered before it is stored.
/// The log and its storage are the <see cref="SessionJournal"/>'s, the turn's timers the <see cref="SessionClock"/>'s,
/// notifications the <see cref="SessionPublisher"/>'s; the rules are <see cref="SessionTimeline"/>'s.
/// What each caller may do is in a file of its own: creation, players, the teacher, and reading.
/// </summary>
/// <remarks>
/// Sessions are long-lived and alike in weight, and are often created in a burst at the start of a class; random
/// placement spreads them over the nodes, where resource-optimised placement (Orleans' default) would pile a burst
/// onto whichever node looked idlest before its load statistics caught up.
/// </remarks>
[Orleans.Placement.RandomPlacement]
public sealed partial class SessionGrain(
    IScenarioCatalog catalog,
    PinnedScenarios pins,
    TurnClock turnClock,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private const string Teacher = "teacher";
    private const string Clock = "clock";

    private SessionTimeline? _timeline;

    /// <summary>Why the session can be read but not played on; null when it can be played.</summary>
    private string? _readOnly;

    private SessionJournal _journal = null!;
    private SessionClock _clock = null!;
    private SessionPublisher _publisher = null!;

    /// <summary>How long after a turn opens its bots decide: <see cref="SessionClock.BotsDecideAfter"/>.</summary>
    public static TimeSpan BotsDecideAfter => SessionClock.BotsDecideAfter;

    private string SessionId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new SessionJournal(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderNames.Storage), this.GetGrainId(), logger);
        _clock = new SessionClock(this, turnClock, CloseTurnAtDeadline, () => _timeline?.DecideBotsAhead(), logger);
        _publisher = new SessionPublisher(ServiceProvider.GetKeyedService<IStreamProvider>(SessionStreams.Provider), SessionId, logger);
        await _journal.Open(SessionId);
        if (_journal.Exists)
        {
            if (Replay())
            {
                await _journal.StoreSession();
            }

            if (_readOnly is not null)
            {
                LogReadOnly(logger, SessionId, _readOnly);
            }

            ArmClock();
        }

        SessionMetrics.SessionActivated();
    }

    /// <summary>
    /// Rebuilds the timeline from the scenario the session stored and its log. A session whose log no longer replays
    /// (another model version, or, stored before sessions kept their scenario, a library file edited since) is opened
    /// read-only with the reason. One that replays under this model and this text is pinned to them: true when the
    /// record changed and must be written.
    /// </summary>
    private bool Replay()
    {
        var state = _journal.Session;
        var scenarioId = state.ScenarioId!;
        var played = state.ModelVersion == 0 ? ModelVersion.Unrecorded : state.ModelVersion;
        string? unreadable = null;
        Scenario? scenario = null;
        if (state.ScenarioText is { } text)
        {
            (scenario, unreadable) = pins.Read(text);
        }

        var fromLibrary = scenario is null;
        scenario ??= catalog.Find(scenarioId)
            ?? throw new InvalidOperationException(unreadable is null
                ? $"session {SessionId} was stored without its scenario, and the library has no scenario '{scenarioId}'"
                : $"session {SessionId}'s stored scenario does not load ({unreadable}), and the library has no scenario '{scenarioId}'");
        _timeline = new SessionTimeline(scenario, state.Seed, state.Options!);
        try
        {
            foreach (var entry in _journal.Log)
            {
                _timeline.Apply(entry);
            }
        }
        catch (ReplayDivergedException diverged)
        {
            var why = unreadable is not null ? $"its stored scenario no longer loads ({unreadable}) and the library's '{scenarioId}' differs from it"
                : fromLibrary && played != ModelVersion.Current ? $"it was stored without its scenario under model version {played}: the library's '{scenarioId}' has changed since it was played, or this server's model (version {ModelVersion.Current}) resolves it differently"
                : fromLibrary ? $"it was stored without its scenario, and the library's '{scenarioId}' has changed since it was played"
                : played != ModelVersion.Current ? $"it was played under model version {played} and this server runs model version {ModelVersion.Current}, whose rules differ"
                : "this server's model gives another outcome";
            _readOnly = $"This session can be read and exported but no longer played: turn {diverged.Turn} does not replay as it was played, because {why}.";
            return false;
        }

        // It replays: from now on it is played under this model and this text.
        var changed = played != ModelVersion.Current || (fromLibrary && state.ScenarioText is null && catalog.Text(scenarioId) is not null);
        state.ModelVersion = ModelVersion.Current;
        state.ScenarioText ??= fromLibrary ? catalog.Text(scenarioId) : null;
        return changed;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        SessionMetrics.SessionDeactivated();
        _clock?.Dispose();
        return Task.CompletedTask;
    }

    // ---- The turn clock ----

    public async Task CloseTurnAtDeadline(int turn)
    {
        if (_readOnly is null && SessionClock.Due(_timeline, turn, _clock.Now))
        {
            await ResolveTurn(ResolutionCause.Deadline, Clock);
        }
    }

    // ---- Load → Core → persist → notify ----

    private async Task ResolveIfEveryoneReady()
    {
        if (Timeline is { Phase: SessionPhase.Running } t && t.EveryPlayerReady())
        {
            await ResolveTurn(ResolutionCause.AllReady, Clock);
        }
    }

    private async Task ResolveTurn(ResolutionCause cause, string by)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var t = Timeline;
        var bots = t.BotSeats();
        var result = t.Resolve(bots);
        DateTimeOffset? next = t.Phase == SessionPhase.Running ? _clock.Now + t.Options.TurnDuration : null;
        var recording = Record(by, new TurnResolved(t.Turn, cause, bots, result.Result.Outcome.StateHash, next), result);

        // While a durable store flushes the turn's record, the bots decide the next turn, as they would after it opens.
        var ahead = recording.IsCompleted ? null : t.DecideBotsAfter(result);
        var entry = await recording;
        if (ahead is not null)
        {
            t.KeepBotsAhead(ahead);
        }

        await _publisher.PublishResolution(entry, t, Status(t), country => Dashboard(t, country));
        SessionMetrics.TurnResolved(started);
        if (t.ScenarioComplete && t.Phase != SessionPhase.Ended)
        {
            await RecordAndPublish(Clock, new SessionEnded());
            await Registry.SetPhase(SessionId, SessionPhase.Ended);
        }

        ArmClock();
    }

    /// <summary>The log after <paramref name="afterSequence"/> as readers get it: seat tokens' digests removed.</summary>
    private IEnumerable<LoggedEvent> RedactedLog(long afterSequence) => _journal.After(afterSequence).Select(SessionPublisher.Redact);

    private SessionStatus Status(SessionTimeline t) => t.Status(SessionId, _journal.Session.ScenarioId!, _journal.Session.JoinCode!) with { ReadOnly = _readOnly };

    /// <summary>Appends an event to the log and stores it before anything else sees it, then applies it to the timeline.</summary>
    /// <param name="passes">The digests of the passes the event replaces, stored in the same write.</param>
    private async Task<LoggedEvent> Record(string by, SessionEvent e, SessionTimeline.Resolution? resolved = null, PassDigests? passes = null)
    {
        var entry = await _journal.Append(_clock.Now, by, e, passes);
        Timeline.Apply(entry, resolved);
        return entry;
    }

    private async Task RecordAndPublish(string by, SessionEvent e) => await _publisher.Publish(await Record(by, e));

    private Task<Receipt> AsTeacher(string teacherToken, Func<SessionTimeline, Task<string?>> command) => AsTeacher(teacherToken, _ => null, command);

    /// <summary>A teacher's command; when <paramref name="already"/> says it was done already, accepted with that note and not done again.</summary>
    private async Task<Receipt> AsTeacher(string teacherToken, Func<SessionTimeline, string?> already, Func<SessionTimeline, Task<string?>> command)
    {
        if (Refuse() is { } missing)
        {
            return Receipt.Refused(missing);
        }

        if (!IsTeacher(teacherToken))
        {
            return Receipt.Refused("only the session's teacher may do that");
        }

        if (already(Timeline) is { } note)
        {
            return Receipt.Done(note);
        }

        var refusal = await command(Timeline);
        return refusal is null ? Receipt.Accepted : Receipt.Refused(refusal);
    }

    private bool IsTeacher(string? teacherToken) => Secrets.Matches(_journal.TeacherTokenDigest, teacherToken);

    /// <summary>Why a command cannot be taken: the session does not exist, or can only be read.</summary>
    private string? Refuse() => Missing() ?? _readOnly;

    /// <summary>Why nothing can be read: the session does not exist.</summary>
    private string? Missing() => _timeline is null ? $"session {SessionId} does not exist" : null;

    private SessionTimeline Timeline => _timeline ?? throw new InvalidOperationException($"session {SessionId} does not exist");

    /// <summary>Sets the turn's timers while the session runs and can be played; stops them otherwise.</summary>
    private void ArmClock() => _clock.Follow(_readOnly is null ? _timeline : null);

    private ISessionRegistryGrain Registry => GrainFactory.GetGrain<ISessionRegistryGrain>(0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} is open read-only: {Reason}")]
    private static partial void LogReadOnly(ILogger logger, string sessionId, string reason);
}
