using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
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

    // ---- Creation ----

    public async Task<Reply<SessionTicket>> Create(CreateSession request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scenario = catalog.Find(request.ScenarioId);
        var refusal = CheckNew(request.ScenarioId, scenario, request.Options);
        if (refusal is not null)
        {
            return Reply<SessionTicket>.Refused(refusal);
        }

        var joinCode = await Registry.Register(SessionId, request.ScenarioId, null);
        var (teacherToken, spectatorToken) = (Secrets.NewToken(), Secrets.NewToken());
        await _journal.Begin(new SessionState
        {
            ScenarioId = request.ScenarioId,
            ScenarioText = catalog.Text(request.ScenarioId),
            ModelVersion = ModelVersion.Current,
            Seed = request.Seed,
            Options = request.Options,
            TeacherTokenDigest = Secrets.Digest(teacherToken),
            SpectatorTokenDigest = Secrets.Digest(spectatorToken),
            JoinCode = joinCode,
        });
        _timeline = new SessionTimeline(scenario!, request.Seed, request.Options);
        return Reply<SessionTicket>.Ok(new SessionTicket(SessionId, joinCode, teacherToken, spectatorToken));
    }

    public async Task<Reply<SessionTicket>> InitializeFork(string parentId, string scenarioId, string? scenarioText, ulong seed, SessionOptions options, ImmutableArray<LoggedEvent> log, int atTurn, ForkTokens? tokens = null)
    {
        // The fork plays what its parent plays: the parent's stored text, not the library's file of the same name.
        var scenario = scenarioText is null ? catalog.Find(scenarioId) : pins.Read(scenarioText).Scenario;
        var refusal = CheckNew(scenarioId, scenario, options);
        if (refusal is not null)
        {
            return Reply<SessionTicket>.Refused(refusal);
        }

        // The fork keeps the parent's history but none of its seats or passes: its players join with its own code.
        var copied = log
            .Where(e => e.Event is not (SeatAssigned or SeatFreed or SeatPlayedByAgent or PlayerLeft or PlayerReturned or PassReplaced))
            .Select((e, i) => e with { Sequence = i + 1 })
            .ToList();
        var timeline = new SessionTimeline(scenario!, seed, options);
        foreach (var entry in copied)
        {
            timeline.Apply(entry);
        }

        // The fork's first event of its own is stored with the copy, in the same write.
        var forked = new LoggedEvent(copied.Count + 1, _clock.Now, Teacher, new ForkedFrom(parentId, atTurn));
        copied.Add(forked);
        var joinCode = await Registry.Register(SessionId, scenarioId, parentId);
        var (teacherToken, spectatorToken) = tokens is { } given ? (given.Teacher, given.Spectator) : (Secrets.NewToken(), Secrets.NewToken());
        await _journal.Begin(new SessionState
        {
            ScenarioId = scenarioId,
            ScenarioText = scenarioText,
            ModelVersion = ModelVersion.Current,
            Seed = seed,
            Options = options,
            TeacherTokenDigest = Secrets.Digest(teacherToken),
            SpectatorTokenDigest = Secrets.Digest(spectatorToken),
            JoinCode = joinCode,
            Log = copied,
        });
        timeline.Apply(forked);
        _timeline = timeline;
        return Reply<SessionTicket>.Ok(new SessionTicket(SessionId, joinCode, teacherToken, spectatorToken));
    }

    private string? CheckNew(string scenarioId, Scenario? scenario, SessionOptions options)
    {
        if (_timeline is not null)
        {
            return $"session {SessionId} already exists";
        }

        if (scenario is null)
        {
            return $"unknown scenario '{scenarioId}'";
        }

        if (options is null || options.TurnDuration <= TimeSpan.Zero || options.TurnDuration > TimeSpan.FromDays(30))
        {
            return "a turn must last between a moment and 30 days";
        }

        var world = scenario.World;
        var unknown = options.HumanSeats.IsDefault ? null : options.HumanSeats.FirstOrDefault(c => !world.Has(c));
        return options.HumanSeats.IsDefault ? "human seats missing"
            : unknown is not null ? $"the scenario has no country '{unknown}'"
            : !Enum.IsDefined(options.Press) ? "unknown press rules"
            : options.NegotiationRounds is < 0 or > DiploSim.Agents.AgentOptions.MaxRounds
                ? $"negotiation rounds must be from 0 to {DiploSim.Agents.AgentOptions.MaxRounds} (found {options.NegotiationRounds})"
            : null;
    }

    // ---- Players ----

    public async Task<Reply<SeatTicket>> Join(string country, string player)
    {
        if (Refuse() is { } missing)
        {
            return Reply<SeatTicket>.Refused(missing);
        }

        var t = Timeline;
        if (!t.Seats.TryGetValue(country, out var seat) || !seat.OpenToPlayers)
        {
            return Reply<SeatTicket>.Refused($"{country} is not open to players in this session");
        }

        if (seat.Player is not null)
        {
            return Reply<SeatTicket>.Refused($"{country} is already taken");
        }

        if (string.IsNullOrWhiteSpace(player) || t.Phase == SessionPhase.Ended)
        {
            return Reply<SeatTicket>.Refused(t.Phase == SessionPhase.Ended ? "the session has ended" : "a player needs a name");
        }

        var token = Secrets.NewToken();
        await RecordAndPublish(country, new SeatAssigned(country, player.Trim(), Secrets.Digest(token)));
        return Reply<SeatTicket>.Ok(new SeatTicket(SessionId, country, token));
    }

    public async Task<Receipt> Submit(string country, string token, int turn, ImmutableArray<MoveOrder> moves)
    {
        // The same submission sent again after its answer was lost, when the turn has resolved since: it counted.
        if (Refuse() is null && Timeline.CheckSeat(country, token) is null && turn < Timeline.Turn
            && _journal.Log.LastOrDefault(e => e.Event is MovesSubmitted m && m.Turn == turn && m.Country == country)?.Event is MovesSubmitted last
            && SameMoves(last.Moves, moves))
        {
            return Receipt.Done($"your moves for turn {turn} were in when it resolved");
        }

        if ((Refuse() ?? Timeline.CheckSubmission(country, token, turn, moves)) is { } refusal)
        {
            return Receipt.Refused(refusal);
        }

        await RecordAndPublish(country, new MovesSubmitted(turn, country, moves));
        return Receipt.Accepted;
    }

    public async Task<Receipt> SetReady(string country, string token, int turn, bool ready)
    {
        if ((Refuse() ?? Timeline.CheckReadiness(country, token, turn)) is { } refusal)
        {
            return Receipt.Refused(refusal);
        }

        if (Timeline.IsReady(country) != ready)
        {
            await RecordAndPublish(country, new ReadinessChanged(turn, country, ready));
            await ResolveIfEveryoneReady();
        }

        return Receipt.Accepted;
    }

    public async Task<Receipt> SendMessage(string country, string token, string? to, string text)
    {
        if ((Refuse() ?? Timeline.CheckMessage(country, token, to, text)) is { } refusal)
        {
            return Receipt.Refused(refusal);
        }

        await Send(country, to, text);
        return Receipt.Accepted;
    }

    private async Task Send(string country, string? to, string text)
    {
        var entry = await Record(country, new MessageSent(Timeline.Turn, country, to, text, Timeline.Round));
        // The log is the message's one copy, stored before this answers; the pushes only tell pages to show it.
        await _publisher.PublishMessage(entry, to is null ? Timeline.Seats.Keys.ToList() : [country, to]);
    }

    public async Task<Reply<ImmutableArray<string>>> Negotiate(string country, string token, int turn, int round, ImmutableArray<OutgoingNote> messages)
    {
        if ((Refuse() ?? Timeline.CheckNegotiation(country, token, turn, round)
            ?? (messages.IsDefault ? "malformed answer: no message list" : null)
            ?? (messages.Length > MaxNotesPerRound ? $"malformed answer: at most {MaxNotesPerRound} messages a round" : null)) is { } refusal)
        {
            return Reply<ImmutableArray<string>>.Refused(refusal);
        }

        var refused = ImmutableArray.CreateBuilder<string>();
        foreach (var (message, i) in messages.Select((m, i) => (m, i)))
        {
            if ((message is null ? "a message cannot be null" : Timeline.CheckMessage(country, token, message.To, message.Text)) is { } no)
            {
                refused.Add($"message {i}: {no}");
                continue;
            }

            await Send(country, message!.To, message.Text);
        }

        // Logged after its messages: when it closes the round, they are in the round's observations that follow.
        await RecordAndPublish(country, new NegotiationAnswered(turn, round, country));
        return Reply<ImmutableArray<string>>.Ok(refused.ToImmutable());
    }

    /// <summary>At most this many messages in one answer to a negotiation round.</summary>
    public const int MaxNotesPerRound = 24;

    public async Task<Receipt> Leave(string country, string token)
    {
        if ((Refuse() ?? Timeline.CheckSeat(country, token)) is { } refusal)
        {
            return Receipt.Refused(refusal);
        }

        if (Timeline.Seats[country].Present)
        {
            await RecordAndPublish(country, new PlayerLeft(country));
            await ResolveIfEveryoneReady();
        }

        return Receipt.Accepted;
    }

    public async Task<Receipt> DeclareAgent(string country, string token, string? agent)
    {
        if ((Refuse() ?? Timeline.CheckSeat(country, token)) is { } refusal)
        {
            return Receipt.Refused(refusal);
        }

        if (Timeline.Seats[country].Agent is null)
        {
            await RecordAndPublish(country, new SeatPlayedByAgent(country, agent));
        }

        return Receipt.Accepted;
    }

    public async Task<Receipt> Return(string country, string token)
    {
        if ((Refuse() ?? Timeline.CheckSeat(country, token)) is { } refusal)
        {
            return Receipt.Refused(refusal);
        }

        if (!Timeline.Seats[country].Present)
        {
            await RecordAndPublish(country, new PlayerReturned(country));
        }

        return Receipt.Accepted;
    }

    public Task<bool> HoldsSeat(string country, string token) => Task.FromResult(Holds(new Credential(TokenHolder.Seat, country, token)));

    public Task<Reply<MovePreview>> PreviewMove(string country, string token, MoveOrder move) =>
        Task.FromResult((Missing() ?? Timeline.CheckSeat(country, token)) is { } refusal
            ? Reply<MovePreview>.Refused(refusal)
            : Reply<MovePreview>.Ok(move is null ? MovePreview.Invalid("no move") : MovePreviewer.Preview(Timeline.Current, country, move)));

    // ---- Teacher ----

    public Task<Receipt> Start(string teacherToken) => AsTeacher(teacherToken, async t =>
    {
        if (t.Phase != SessionPhase.Lobby)
        {
            return $"the session is {t.Phase.ToString().ToLowerInvariant()}, not in the lobby";
        }

        await RecordAndPublish(Teacher, new SessionStarted(_clock.Now + t.Options.TurnDuration));
        await Registry.SetPhase(SessionId, SessionPhase.Running);
        ArmClock();
        return null;
    });

    public Task<Receipt> Pause(string teacherToken, int? turn = null) => AsTeacher(
        teacherToken,
        t => turn == t.Turn && t.Phase == SessionPhase.Paused ? $"the session was already paused in turn {t.Turn}" : null,
        async t =>
    {
        if (turn is { } named && t.CheckTurnOpen(named) is { } over)
        {
            return over;
        }

        if (t.Phase != SessionPhase.Running)
        {
            return "only a running session can be paused";
        }

        var remaining = t.Deadline is { } d && d > _clock.Now ? d - _clock.Now : TimeSpan.Zero;
        await RecordAndPublish(Teacher, new SessionPaused(remaining));
        await Registry.SetPhase(SessionId, SessionPhase.Paused);
        ArmClock();
        return null;
    });

    public Task<Receipt> Resume(string teacherToken, int? turn = null) => AsTeacher(
        teacherToken,
        t => turn == t.Turn && t.Phase == SessionPhase.Running ? $"the session was already running turn {t.Turn}" : null,
        async t =>
    {
        if (turn is { } named && t.CheckTurnOpen(named) is { } over)
        {
            return over;
        }

        if (t.Phase != SessionPhase.Paused)
        {
            return "only a paused session can be resumed";
        }

        var remaining = t.PausedRemaining > TimeSpan.Zero ? t.PausedRemaining : t.Options.TurnDuration;
        await RecordAndPublish(Teacher, new SessionResumed(_clock.Now + remaining));
        await Registry.SetPhase(SessionId, SessionPhase.Running);
        ArmClock();
        return null;
    });

    public Task<Receipt> ResolveNow(string teacherToken, int? turn = null) => AsTeacher(
        teacherToken,
        t => turn is { } named ? t.AlreadyResolved(named) : null,
        async t =>
    {
        if (t.Phase is SessionPhase.Ended or SessionPhase.Lobby)
        {
            return $"a session in the {(t.Phase == SessionPhase.Lobby ? "lobby" : "end")} resolves no turns";
        }

        if (turn is { } named && t.CheckTurnOpen(named) is { } closed)
        {
            return closed;
        }

        await ResolveTurn(ResolutionCause.Teacher, Teacher);
        return null;
    });

    public Task<Receipt> ExtendDeadline(string teacherToken, TimeSpan by, int? turn = null, string? commandId = null) => AsTeacher(
        teacherToken,
        _ => commandId is not null && _journal.Log.Any(e => e.Event is DeadlineExtended { Command: var c } && c == commandId)
            ? "the deadline was already extended by this request"
            : null,
        async t =>
    {
        if (turn is { } named && t.CheckTurnOpen(named) is { } over)
        {
            return over;
        }

        if (t.Phase != SessionPhase.Running || t.Deadline is not { } deadline)
        {
            return "only a running turn has a deadline to extend";
        }

        if (by <= TimeSpan.Zero || by > TimeSpan.FromDays(7))
        {
            return "an extension must be positive and at most 7 days";
        }

        await RecordAndPublish(Teacher, new DeadlineExtended(deadline + by, commandId));
        ArmClock();
        return null;
    });

    public Task<Receipt> FireInject(string teacherToken, string shockId) => AsTeacher(teacherToken, async t =>
    {
        if (t.CheckInject(shockId) is { } refusal)
        {
            return refusal;
        }

        await RecordAndPublish(Teacher, new InjectFired(t.Turn, shockId, null));
        return null;
    });

    public Task<Receipt> FireShock(string teacherToken, ShockData shock) => AsTeacher(teacherToken, async t =>
    {
        if (shock is null)
        {
            return "no shock";
        }

        var read = ShockMapping.ToCore(shock);
        if ((read.IsOk ? read.Value!.Problem(t.Current) : read.Error) is { } problem)
        {
            return problem;
        }

        if (t.Phase == SessionPhase.Ended)
        {
            return "the session has ended";
        }

        await RecordAndPublish(Teacher, new InjectFired(t.Turn, shock.Id, shock));
        return null;
    });

    public async Task<Reply<SeatTicket>> AssignSeat(string teacherToken, string country, string player)
    {
        SeatTicket? ticket = null;
        var receipt = await AsTeacher(teacherToken, async t =>
        {
            if (!t.Seats.ContainsKey(country))
            {
                return $"there is no seat for '{country}'";
            }

            if (string.IsNullOrWhiteSpace(player))
            {
                return "a player needs a name";
            }

            var token = Secrets.NewToken();
            await RecordAndPublish(Teacher, new SeatAssigned(country, player.Trim(), Secrets.Digest(token)));
            ticket = new SeatTicket(SessionId, country, token);
            return null;
        });
        return receipt.IsAccepted ? Reply<SeatTicket>.Ok(ticket!) : Reply<SeatTicket>.Refused(receipt.Refusal!);
    }

    public Task<Receipt> FreeSeat(string teacherToken, string country) => AsTeacher(teacherToken, async t =>
    {
        if (!t.Seats.TryGetValue(country, out var seat) || seat.Player is null)
        {
            return $"no player holds the seat of '{country}'";
        }

        await RecordAndPublish(Teacher, new SeatFreed(country));
        await ResolveIfEveryoneReady();
        return null;
    });

    public Task<Receipt> RollBack(string teacherToken, int toTurn, string? commandId = null) => AsTeacher(
        teacherToken,
        _ => commandId is not null && _journal.Log.Any(e => e.Event is RolledBack { Command: var c } && c == commandId)
            ? $"the session was already rolled back to turn {toTurn} by this request"
            : null,
        async t =>
    {
        if ((t.CheckRollback(toTurn) ?? (t.Phase == SessionPhase.Ended ? "the session has ended" : null)) is { } refusal)
        {
            return refusal;
        }

        await RecordAndPublish(Teacher, new RolledBack(toTurn, commandId));
        await Registry.SetPhase(SessionId, t.Phase);
        ArmClock();
        return null;
    });

    public async Task<Reply<SessionTicket>> Fork(string teacherToken, int atTurn, string? commandId = null)
    {
        SessionTicket? ticket = null;

        // With a command id, the fork's id and tokens follow from it and the teacher's token: the same call sent again
        // after its answer was lost finds the fork it made and answers with it.
        var forkId = commandId is null
            ? $"{SessionId}~{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}"
            : $"{SessionId}~{Secrets.Derive(teacherToken, $"fork/{commandId}")[..8]}";
        var tokens = commandId is null ? null
            : new ForkTokens(Secrets.Derive(teacherToken, $"fork/{commandId}/teacher"), Secrets.Derive(teacherToken, $"fork/{commandId}/screen"));
        var child = GrainFactory.GetGrain<ISessionGrain>(forkId);
        var receipt = await AsTeacher(
            teacherToken,
            _ => commandId is not null && _journal.Log.Any(e => e.Event is ForkedInto { Command: var c } && c == commandId) ? $"the fork at turn {atTurn} was already made" : null,
            async t =>
        {
            if (t.CheckFork(atTurn) is { } refusal)
            {
                return refusal;
            }

            var prefix = _journal.Log.Take(t.LogLengthAtOpening(atTurn)).ToImmutableArray();
            var reply = await child.InitializeFork(SessionId, _journal.Session.ScenarioId!, _journal.Session.ScenarioText, t.Seed, t.Options, prefix, atTurn, tokens);
            if (!reply.IsAccepted && !(tokens is not null && await child.Honours(new Credential(TokenHolder.Teacher, null, tokens.Teacher))))
            {
                return reply.Refusal;
            }

            await RecordAndPublish(Teacher, new ForkedInto(forkId, atTurn, commandId));
            ticket = reply.Value;
            return null;
        });
        if (receipt.IsAccepted && ticket is null && tokens is not null)
        {
            // Made already (by this call's earlier copy): the same fork, its passes derived again.
            ticket = new SessionTicket(forkId, (await child.GetStatus()).JoinCode, tokens.Teacher, tokens.Spectator);
        }

        return receipt.IsAccepted ? Reply<SessionTicket>.Ok(ticket!) : Reply<SessionTicket>.Refused(receipt.Refusal!);
    }

    public Task<Receipt> End(string teacherToken) => AsTeacher(teacherToken, async t =>
    {
        if (t.Phase == SessionPhase.Ended)
        {
            return "the session has already ended";
        }

        await RecordAndPublish(Teacher, new SessionEnded());
        await Registry.SetPhase(SessionId, SessionPhase.Ended);
        ArmClock();
        return null;
    });

    public Task<Reply<SessionTicket>> RotateTeacherToken(string teacherToken) => ReplacePass(teacherToken, PassHolder.Teacher);

    public Task<Reply<SessionTicket>> RotateSpectatorToken(string teacherToken) => ReplacePass(teacherToken, PassHolder.Spectator);

    /// <summary>A session stored before screens had a token honours the empty one until the teacher replaces it.</summary>
    private bool IsSpectator(string? spectatorToken) => _journal.SpectatorTokenDigest is { } digest
        ? Secrets.Matches(digest, spectatorToken)
        : string.IsNullOrEmpty(spectatorToken);

    /// <summary>
    /// Gives the holder a new token and logs that the old one is void, in one write; the published notice (which carries
    /// no token) is what tells every web node to drop the connections that held the old pass.
    /// </summary>
    private async Task<Reply<SessionTicket>> ReplacePass(string teacherToken, PassHolder holder)
    {
        var token = Secrets.NewToken();
        var receipt = await AsTeacher(teacherToken, async _ =>
        {
            var digest = Secrets.Digest(token);
            var passes = holder == PassHolder.Teacher ? new PassDigests(digest, null) : new PassDigests(null, digest);
            await _publisher.Publish(await Record(Teacher, new PassReplaced(holder), passes: passes));
            return null;
        });
        if (!receipt.IsAccepted)
        {
            return Reply<SessionTicket>.Refused(receipt.Refusal!);
        }

        // Only the new token is known here, and the teacher's the caller presented: the session keeps digests.
        return Reply<SessionTicket>.Ok(holder == PassHolder.Teacher
            ? new SessionTicket(SessionId, _journal.Session.JoinCode!, token, null)
            : new SessionTicket(SessionId, _journal.Session.JoinCode!, teacherToken, token));
    }

    // ---- Reading ----

    public Task<SessionStatus> GetStatus() =>
        Task.FromResult(_timeline is null
            ? throw new InvalidOperationException($"session {SessionId} does not exist")
            : Status(_timeline));

    public Task<long> GetSequence() =>
        Task.FromResult(_timeline is null
            ? throw new InvalidOperationException($"session {SessionId} does not exist")
            : (long)_timeline.LogLength);

    public Task<ImmutableArray<TurnSummary>> GetHistory(int fromTurn) =>
        Task.FromResult(_timeline is null ? [] : _timeline.Outcomes().Where(o => o.Turn >= fromTurn).ToImmutableArray());

    public Task<Reply<string>> Observe(string country, string token, bool newGame) =>
        Task.FromResult((Missing() ?? Timeline.CheckSeat(country, token)) is { } refusal
            ? Reply<string>.Refused(refusal)
            : Reply<string>.Ok(newGame
                ? LiveObservations.NewGame(Timeline, SessionId, _journal.Session.ScenarioId!, country)
                : LiveObservations.Write(Timeline, SessionId, country, SeatMessages(country, token), _clock.Now)));

    private IEnumerable<LoggedEvent> SeatMessages(string country, string token) =>
        _journal.Log.Where(e => e.Event is MessageSent && SessionPublisher.Readable(e, new Credential(TokenHolder.Seat, country, token)));

    public Task<ImmutableArray<LoggedEvent>> GetLog(long afterSequence) => Task.FromResult(RedactedLog(afterSequence).ToImmutableArray());

    public Task<MissedUpdates> GetMissed(long afterSequence, ImmutableArray<string> seats)
    {
        var t = Timeline;
        var log = RedactedLog(afterSequence).ToImmutableArray();
        var turns = log.Select(e => e.Event).OfType<TurnResolved>().Select(r => r.Turn).ToList();
        var wanted = seats.IsDefault ? [] : seats.ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(new MissedUpdates(
            log,
            turns.Count == 0 ? [] : [.. t.Outcomes().Where(o => o.Turn >= turns.Min())],
            Status(t),
            DashboardViews.Network(t.Current),
            turns.Count == 0 ? [] : [.. t.HeldSeats().Where(wanted.Contains).Select(c => Dashboard(t, c))]));
    }

    public Task<bool> Honours(Credential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Task.FromResult(Holds(credential));
    }

    private bool Holds(Credential credential) => _timeline is not null && credential.Holder switch
    {
        TokenHolder.Teacher => IsTeacher(credential.Token),
        TokenHolder.Spectator => IsSpectator(credential.Token),
        TokenHolder.Seat => credential.Country is { } country && _timeline.CheckSeat(country, credential.Token) is null,
        _ => false,
    };

    public Task<Reply<SessionSlice>> GetSlice(Credential reader, long afterSequence, int historyFrom, string? lastStateHash)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (Missing() is { } missing)
        {
            return Task.FromResult(Reply<SessionSlice>.Refused(missing));
        }

        if (!Holds(reader))
        {
            return Task.FromResult(Reply<SessionSlice>.Refused("the session no longer honours this token"));
        }

        var t = Timeline;
        var (from, turns) = t.OutcomesAfter(historyFrom, lastStateHash);
        return Task.FromResult(Reply<SessionSlice>.Ok(new SessionSlice(
            Status(t),
            turns,
            from,
            [.. RedactedLog(afterSequence).Where(e => SessionPublisher.Readable(e, reader))],
            DashboardViews.Network(t.Current),
            reader.Holder == TokenHolder.Seat ? Dashboard(t, reader.Country!) : null)));
    }

    private static SeatDashboard Dashboard(SessionTimeline t, string country) => new(t.View(country), DashboardViews.Ledger(t.Current, country));

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

    private static bool SameMoves(ImmutableArray<MoveOrder> a, ImmutableArray<MoveOrder> b) =>
        !a.IsDefault && !b.IsDefault && JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} is open read-only: {Reason}")]
    private static partial void LogReadOnly(ILogger logger, string sessionId, string reason);
}
