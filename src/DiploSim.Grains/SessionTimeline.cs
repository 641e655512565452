using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Core.Bots;
using DiploSim.Core.State;

namespace DiploSim.Grains;

/// <summary>
/// A session's state folded from its log: the current world, each played turn's inputs and outcome, the
/// seats, this turn's moves, readiness and injects, the phase and the deadline. It also holds the session's
/// rules (who may submit what, and when a turn is due); the model's rules stay in Core. Folding the same log
/// always gives the same states, which is what replay, rollback and forks rest on.
/// </summary>
public sealed class SessionTimeline
{
    /// <summary>At most this many moves in one submission; more is malformed.</summary>
    public const int MaxMovesPerTurn = 24;

    /// <summary>At most this many characters in one message.</summary>
    public const int MaxMessageLength = 4000;

    private readonly Scenario _scenario;
    private readonly WorldState _first;

    /// <summary>The first world's hash, once computed: a status is read often (every node checks its sessions each second) and hashing a world is not cheap.</summary>
    private string? _firstHash;
    private readonly List<PlayedTurn> _outcomes = [];
    private WorldState _current;
    private readonly List<int> _turnOpenedAt = [0];
    private readonly SortedDictionary<string, Seat> _seats = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ImmutableArray<MoveOrder>> _pending = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _ready = new(StringComparer.Ordinal);
    private readonly List<InjectFired> _injects = [];
    private readonly SortedSet<string> _negotiated = new(StringComparer.Ordinal);
    private int _logLength;
    private BotsAhead? _botsAhead;

    /// <summary>The bots' moves decided ahead for a world and a set of bot seats.</summary>
    public sealed record BotsAhead(WorldState World, ImmutableArray<string> Seats, ImmutableArray<Move> Moves);

    public SessionTimeline(Scenario scenario, ulong seed, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        _scenario = scenario;
        Options = options;
        Seed = seed;
        _first = _current = scenario.World.WithSeed(seed);
        foreach (var actor in scenario.World.Actors)
        {
            _seats[actor.Id] = new Seat(options.HumanSeats.Contains(actor.Id), null, null, false);
        }
    }

    /// <summary>
    /// A resolved turn: what went into it and its outcome. Its wire summary is made the first time someone asks for
    /// it, so replaying a log on activation (or a session nobody watches) does not map every turn.
    /// </summary>
    /// <remarks>
    /// The timeline keeps the inputs rather than the world each turn started from: a world is large, and keeping
    /// forty of them made every young-generation collection copy them. A rollback resolves the kept inputs again
    /// from the first world, which costs what the resolver costs without the bots' look-ahead (tens of microseconds
    /// a turn) and gives the same worlds, since the resolver is a pure function of its inputs.
    /// </remarks>
    private sealed class PlayedTurn(TurnInputs inputs, TurnOutcome outcome)
    {
        private TurnSummary? _summary;

        public TurnInputs Inputs => inputs;

        public TurnOutcome Outcome => outcome;

        public TurnSummary Summary => _summary ??= TurnSummary.From(outcome);
    }

    /// <summary>A seat: open to players or not, its player and the digest of their token, whether the player is present, and the program playing it, if one does.</summary>
    public sealed record Seat(bool OpenToPlayers, string? Player, string? TokenDigest, bool Present, SeatAgent? Agent = null)
    {
        public bool BotPlays => Player is null || !Present;
    }

    public SessionOptions Options { get; }

    public ulong Seed { get; }

    public Scenario Scenario => _scenario;

    public SessionPhase Phase { get; private set; } = SessionPhase.Lobby;

    public DateTimeOffset? Deadline { get; private set; }

    /// <summary>
    /// The open turn's round: below <see cref="SessionOptions.NegotiationRounds"/> a negotiation round, which closes once
    /// every agent seat has answered it (<see cref="NegotiationAnswered"/>); equal to it, the move round.
    /// </summary>
    public int Round { get; private set; }

    /// <summary>Whether the open turn is in one of its negotiation rounds.</summary>
    public bool Negotiating => Round < Options.NegotiationRounds;

    /// <summary>How many log entries precede the opening of the current round: what an agent's observation of it may hold.</summary>
    public int RoundOpenedAt { get; private set; }

    /// <summary>Time left on the turn when the clock was stopped.</summary>
    public TimeSpan PausedRemaining { get; private set; }

    public string? ForkedFrom { get; private set; }

    public WorldState Current => _current;

    public int FirstTurn => _first.Turn;

    public int Turn => Current.Turn;

    /// <summary>The summaries of the turns played so far, in order.</summary>
    public IEnumerable<TurnSummary> Outcomes() => _outcomes.Select(o => o.Summary);

    /// <summary>
    /// The summaries a page lacks: those from index <paramref name="historyFrom"/> on, provided the turn before it still
    /// ends at <paramref name="lastStateHash"/> (after a rollback it does not); otherwise all of them, from 0. Only the
    /// turns returned are summarised.
    /// </summary>
    public (int From, ImmutableArray<TurnSummary> Turns) OutcomesAfter(int historyFrom, string? lastStateHash)
    {
        var from = historyFrom > 0 && historyFrom <= _outcomes.Count
            && string.Equals(_outcomes[historyFrom - 1].Outcome.StateHash, lastStateHash, StringComparison.Ordinal)
                ? historyFrom : 0;
        var turns = ImmutableArray.CreateBuilder<TurnSummary>(_outcomes.Count - from);
        for (var i = from; i < _outcomes.Count; i++)
        {
            turns.Add(_outcomes[i].Summary);
        }

        return (from, turns.MoveToImmutable());
    }

    /// <summary>The summary of the last turn played.</summary>
    public TurnSummary? LatestOutcome => _outcomes.Count > 0 ? _outcomes[^1].Summary : null;

    public IReadOnlyDictionary<string, Seat> Seats => _seats;

    /// <summary>How many events the log holds: the sequence number of the last one.</summary>
    public int LogLength => _logLength;

    /// <summary>How many log entries precede the opening of <paramref name="turn"/> in this timeline (what a fork copies).</summary>
    public int LogLengthAtOpening(int turn) => _turnOpenedAt[turn - FirstTurn];

    /// <summary>Seats the bot plays if the turn resolved now, in ordinal order.</summary>
    public ImmutableArray<string> BotSeats() => [.. _seats.Where(s => s.Value.BotPlays).Select(s => s.Key)];

    /// <summary>Seats someone holds (a player's or a program's token), in ordinal order: the ones whose pages a seat's dashboard reaches.</summary>
    public IEnumerable<string> HeldSeats() => _seats.Where(s => s.Value.TokenDigest is not null).Select(s => s.Key);

    /// <summary>
    /// Decides the bots' moves for the current turn before it resolves, so that the resolution need not: a server
    /// where many sessions resolve at once (deadlines on the hour, a burst of "resolve now") then spends that moment on
    /// the outcomes. A bot decides from the world alone, its randomness seeded by turn and actor, so these are the moves
    /// the resolution would decide; it uses them only for the same world and the same bot seats, and decides again
    /// when a seat changed hands or the world changed (a rollback). False when there was nothing to decide.
    /// </summary>
    public bool DecideBotsAhead()
    {
        var seats = BotSeats();
        if (Phase != SessionPhase.Running || seats.IsEmpty || DecidedAhead(Current, seats) is not null)
        {
            return false;
        }

        _botsAhead = new BotsAhead(Current, seats, Bot.DecideAll(Current, seats, EndTurn));
        return true;
    }

    /// <summary>
    /// Decides the bots' moves for the turn that <paramref name="resolution"/> opens, before it is folded in: the grain
    /// does this while the resolved turn's record is being flushed to disk, so that the flush and the next turn's
    /// decisions share the time. Null when the next turn is past the scenario's end or has no bots to decide.
    /// </summary>
    public BotsAhead? DecideBotsAfter(Resolution resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        var seats = BotSeats();
        var next = resolution.Result.State;
        return Phase == SessionPhase.Running && !seats.IsEmpty && next.Turn < EndTurn
            ? new BotsAhead(next, seats, Bot.DecideAll(next, seats, EndTurn))
            : null;
    }

    /// <summary>Keeps moves from <see cref="DecideBotsAfter"/> once the turn they were decided for is the current one.</summary>
    public void KeepBotsAhead(BotsAhead ahead)
    {
        ArgumentNullException.ThrowIfNull(ahead);
        if (ReferenceEquals(ahead.World, Current))
        {
            _botsAhead = ahead;
        }
    }

    /// <summary>The moves decided ahead for exactly this world and these bot seats, if any.</summary>
    private ImmutableArray<Move>? DecidedAhead(WorldState world, ImmutableArray<string> seats) =>
        _botsAhead is { } ahead && ReferenceEquals(ahead.World, world) && ahead.Seats.SequenceEqual(seats, StringComparer.Ordinal)
            ? ahead.Moves : null;

    /// <summary>True when at least one player is present and every present player is ready.</summary>
    public bool EveryPlayerReady()
    {
        var players = _seats.Where(s => !s.Value.BotPlays).Select(s => s.Key).ToList();
        return players.Count > 0 && players.All(_ready.Contains);
    }

    public bool IsReady(string country) => _ready.Contains(country);

    public bool HasSubmitted(string country) => _pending.ContainsKey(country);

    /// <summary>True when the scenario's planned turns have all been played.</summary>
    public bool ScenarioComplete => Turn >= EndTurn;

    /// <summary>The turn after the scenario's planned turns: the bots value slow moves only for what they give before it.</summary>
    public int EndTurn => FirstTurn + _scenario.Turns;

    // ---- The session's rules: each returns null when the command may go ahead, else the reason. ----

    public string? CheckSeat(string country, string token)
    {
        if (!_seats.TryGetValue(country, out var seat))
        {
            return $"there is no seat for '{country}'";
        }

        return Secrets.Matches(seat.TokenDigest, token) ? null : $"you do not hold the seat of {country}";
    }

    public string? CheckSubmission(string country, string token, int turn, ImmutableArray<MoveOrder> orders)
    {
        var refusal = CheckSeat(country, token) ?? Open(turn) ?? AgentNegotiating(country);
        if (refusal is not null)
        {
            return refusal;
        }

        if (orders.IsDefault)
        {
            return "malformed submission: no move list";
        }

        if (orders.Length > MaxMovesPerTurn)
        {
            return $"malformed submission: at most {MaxMovesPerTurn} moves a turn";
        }

        var moves = new List<Move>();
        for (var i = 0; i < orders.Length; i++)
        {
            if (orders[i] is null)
            {
                return $"move {i + 1}: malformed: empty";
            }

            var read = MoveMapping.ToCore(orders[i], country);
            if (!read.IsOk)
            {
                return $"move {i + 1}: {read.Error}";
            }

            moves.Add(read.Value!);
        }

        var proposals = moves.OfType<ProposeAgreement>().Select(p => p.ProposalId).ToList();
        for (var i = 0; i < moves.Count; i++)
        {
            if (MoveRules.Validate(Current, moves[i], proposals) is { } reason)
            {
                return $"move {i + 1}: {reason}";
            }
        }

        var cost = moves.Sum(MoveRules.Cost);
        var capital = Current.Actor(country).Capital;
        return cost > capital ? $"over budget: the moves cost {cost} political capital and {country} has {capital}" : null;
    }

    /// <summary>
    /// Whether a seat may say it is ready (or not) for <paramref name="turn"/>. Not in the lobby: a seat marked ready
    /// there stayed so into turn 0, where the teacher's Start does not resolve the turn for it, so a class that all
    /// pressed Ready early waited for the clock. (Readiness a session logged in its lobby before this rule still replays.)
    /// </summary>
    public string? CheckReadiness(string country, string token, int turn) => CheckSeat(country, token)
        ?? (Phase == SessionPhase.Lobby ? "the session has not started yet: the teacher starts it" : null)
        ?? Open(turn) ?? AgentNegotiating(country);

    /// <summary>
    /// A program's seat moves in the move round: before it, its moves and readiness are refused. Rounds are numbered
    /// from 0 here as in every refusal and in the agent protocol's requests.
    /// </summary>
    private string? AgentNegotiating(string country) => Negotiating && _seats[country].Agent is not null
        ? $"turn {Turn} is in negotiation round {Round} (rounds 0 to {Options.NegotiationRounds - 1}): a seat a program plays sends messages now and moves in the move round"
        : null;

    /// <summary>Seats a program plays and whose player is present, in ordinal order: those a negotiation round waits for.</summary>
    public IEnumerable<string> AgentSeats() => _seats.Where(s => s.Value.Agent is not null && !s.Value.BotPlays).Select(s => s.Key);

    /// <summary>Why the seat may not answer negotiation round <paramref name="round"/> of <paramref name="turn"/> now, or null.</summary>
    public string? CheckNegotiation(string country, string token, int turn, int round)
    {
        var refusal = CheckSeat(country, token) ?? Open(turn);
        if (refusal is not null)
        {
            return refusal;
        }

        var rounds = Options.NegotiationRounds;
        return Phase != SessionPhase.Running ? $"the session is {Phase.ToString().ToLowerInvariant()}: rounds are answered while it runs"
            : rounds == 0 ? "this session has no negotiation rounds"
            : round < 0 || round >= rounds ? $"round {round} is not a negotiation round: they are 0 to {rounds - 1}"
            : round < Round ? $"negotiation round {round} of turn {turn} is over: the turn is in {RoundName()}"
            : round > Round ? $"negotiation round {round} of turn {turn} has not begun: the turn is in {RoundName()}"
            : _seats[country].Agent is null ? $"{country} is not played by a program: only agent seats answer negotiation rounds"
            : _negotiated.Contains(country) ? $"{country} has already answered negotiation round {round} of turn {turn}"
            : null;
    }

    private string RoundName() => Negotiating ? $"negotiation round {Round}" : "its move round";

    public string? CheckMessage(string country, string token, string? to, string text)
    {
        var refusal = CheckSeat(country, token) ?? (Phase == SessionPhase.Ended ? "the session has ended" : null);
        if (refusal is not null)
        {
            return refusal;
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength)
        {
            return $"a message needs between 1 and {MaxMessageLength} characters";
        }

        return Options.Press switch
        {
            PressRules.None => "press rules allow no messages in this session",
            PressRules.PublicOnly when to is not null => "press rules allow only messages to everyone",
            _ when to is not null && (!_seats.ContainsKey(to) || to == country) => $"'{to}' is not another country of this session",
            _ => null,
        };
    }

    public string? CheckInject(string shockId) => Open(Turn)
        ?? (_scenario.Script.Find(shockId) is null ? $"the scenario has no shock '{shockId}'" : null);

    /// <summary>Whether the scenario's event <paramref name="shockId"/> was fired in the open turn.</summary>
    public bool FiredThisTurn(string shockId) => _injects.Any(i => i.AdHoc is null && string.Equals(i.ShockId, shockId, StringComparison.Ordinal));

    /// <summary>Why a command naming <paramref name="turn"/> does not apply: that turn is over, or has not begun.</summary>
    public string? CheckTurnOpen(int turn) =>
        turn == Turn ? null
        : turn < Turn ? $"turn {turn} is over: the session is in turn {Turn}"
        : $"turn {turn} has not begun: the session is in turn {Turn}";

    /// <summary>What to tell a teacher who asks to resolve <paramref name="turn"/> again: it was resolved already (null if not).</summary>
    public string? AlreadyResolved(int turn) => turn >= FirstTurn && turn < Turn ? $"turn {turn} was already resolved" : null;

    public string? CheckRollback(int toTurn) =>
        toTurn < FirstTurn || toTurn >= Turn ? $"can roll back only to a past turn ({FirstTurn}–{Turn - 1})" : null;

    public string? CheckFork(int atTurn) =>
        atTurn < FirstTurn || atTurn > Turn ? $"can fork only at a turn of this session ({FirstTurn}–{Turn})" : null;

    private string? Open(int turn) => Phase == SessionPhase.Ended
        ? "the session has ended"
        : turn != Turn ? $"turn {turn} is closed; the session is at turn {Turn}" : null;

    // ---- Resolution ----

    /// <summary>What one turn resolved: the shocks and moves that went in, and the result.</summary>
    public sealed record TurnInputs(IReadOnlyList<Shock> Shocks, IReadOnlyList<Move> Moves);

    /// <summary>A turn resolved and not yet folded: its inputs and its result.</summary>
    public sealed record Resolution(TurnInputs Inputs, TurnResult Result);

    /// <summary>Resolves the current turn through Core: the shocks due and fired, the bots' moves for <paramref name="botSeats"/>, the players' last submissions.</summary>
    public Resolution Resolve(ImmutableArray<string> botSeats)
    {
        var state = Current;
        var shocks = new List<Shock>(_scenario.Script.Due(state));
        foreach (var inject in _injects)
        {
            var shock = inject.AdHoc is { } adHoc ? ShockMapping.ToCore(adHoc).Value : _scenario.Script.Find(inject.ShockId);
            if (shock is not null)
            {
                shocks.Add(shock);
            }
        }

        var moves = new List<Move>(botSeats.IsDefaultOrEmpty ? [] : DecidedAhead(state, botSeats) ?? Bot.DecideAll(state, botSeats, EndTurn));
        foreach (var (country, orders) in _pending)
        {
            if (botSeats.Contains(country))
            {
                continue;
            }

            foreach (var order in orders)
            {
                if (MoveMapping.ToCore(order, country) is { IsOk: true } read)
                {
                    moves.Add(read.Value!);
                }
            }
        }

        return new Resolution(new TurnInputs(shocks, moves), TurnResolver.Resolve(state, shocks, moves));
    }

    // ---- The fold ----

    /// <summary>
    /// Applies one logged event. For a resolved turn, <paramref name="resolved"/> is the result the grain just
    /// computed; when replaying it is null and the turn is resolved again and checked against the logged hash.
    /// </summary>
    public void Apply(LoggedEvent entry, Resolution? resolved = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _logLength++;
        switch (entry.Event)
        {
            case NegotiationAnswered n when n.Turn == Turn && n.Round == Round:
                _negotiated.Add(n.Country);
                break;
            case MovesSubmitted m when m.Turn == Turn:
                _pending[m.Country] = m.Moves;
                break;
            case ReadinessChanged r when r.Turn == Turn:
                if (r.Ready)
                {
                    _ready.Add(r.Country);
                }
                else
                {
                    _ready.Remove(r.Country);
                }

                break;
            case SeatAssigned s:
                _seats[s.Country] = _seats[s.Country] with { Player = s.Player, TokenDigest = s.TokenDigest, Present = true, Agent = null };
                _ready.Remove(s.Country);
                break;
            case SeatFreed s:
                _seats[s.Country] = _seats[s.Country] with { Player = null, TokenDigest = null, Present = false, Agent = null };
                _ready.Remove(s.Country);
                _pending.Remove(s.Country);
                break;
            case SeatPlayedByAgent a:
                _seats[a.Country] = _seats[a.Country] with { Agent = new SeatAgent(a.Agent) };
                break;
            case PlayerLeft p:
                _seats[p.Country] = _seats[p.Country] with { Present = false };
                _ready.Remove(p.Country);
                break;
            case PlayerReturned p:
                _seats[p.Country] = _seats[p.Country] with { Present = true };
                break;
            case SessionStarted s:
                Phase = SessionPhase.Running;
                Deadline = s.Deadline;
                OpenRounds();
                break;
            case SessionPaused p:
                Phase = SessionPhase.Paused;
                PausedRemaining = p.Remaining;
                Deadline = null;
                break;
            case SessionResumed r:
                Phase = SessionPhase.Running;
                Deadline = r.Deadline;
                break;
            case DeadlineExtended d:
                Deadline = d.Deadline;
                break;
            case InjectFired i when i.Turn == Turn:
                _injects.Add(i);
                break;
            case TurnResolved t:
                var (inputs, result) = resolved ?? Resolve(t.BotSeats);
                if (!Logged(t.StateHash, result))
                {
                    throw new ReplayDivergedException(t.Turn,
                        $"replay diverged at turn {t.Turn}: the log says {t.StateHash}, the model gives {result.Outcome.StateHash}");
                }

                _current = result.State;
                _outcomes.Add(new PlayedTurn(inputs, result.Outcome));
                _turnOpenedAt.Add(_logLength);
                Deadline = t.NextDeadline;
                ClearTurn();
                break;
            case RolledBack r:
                var keep = r.ToTurn - FirstTurn;
                _outcomes.RemoveRange(keep, _outcomes.Count - keep);
                _current = Replay(keep);
                _turnOpenedAt.RemoveRange(keep + 1, _turnOpenedAt.Count - keep - 1);
                _turnOpenedAt[keep] = _logLength;
                ClearTurn();
                Pause();
                break;
            case ForkedFrom f:
                ForkedFrom = f.SessionId;
                _turnOpenedAt[^1] = _logLength;
                OpenRounds();
                Pause();
                break;
            case SessionEnded:
                Phase = SessionPhase.Ended;
                Deadline = null;
                break;
        }

        CloseAnsweredRounds();
    }

    /// <summary>The turn's rounds start again from the first (the turn opened, or the session started).</summary>
    private void OpenRounds()
    {
        Round = 0;
        RoundOpenedAt = _logLength;
        _negotiated.Clear();
    }

    /// <summary>
    /// Closes the open negotiation round while every agent seat has answered it (at once when no seat is a program's):
    /// a function of the log, so a replay closes the same rounds at the same events. Rounds only move forward.
    /// </summary>
    private void CloseAnsweredRounds()
    {
        while (Negotiating && Phase == SessionPhase.Running && AgentSeats().All(_negotiated.Contains))
        {
            Round++;
            RoundOpenedAt = _logLength;
            _negotiated.Clear();
        }
    }

    /// <summary>
    /// Whether a turn resolved again ends where the log says. A turn logged under model version 1 carries that
    /// version's hash, which left fields out (<see cref="StateHash.ComputeVersion1"/>); the same state gives it still.
    /// </summary>
    private static bool Logged(string loggedHash, TurnResult result) =>
        string.Equals(result.Outcome.StateHash, loggedHash, StringComparison.Ordinal)
        || string.Equals(StateHash.ComputeVersion1(result.State), loggedHash, StringComparison.Ordinal);

    /// <summary>The world after the first <paramref name="turns"/> played turns, resolved again from their inputs.</summary>
    private WorldState Replay(int turns)
    {
        var world = _first;
        for (var i = 0; i < turns; i++)
        {
            var inputs = _outcomes[i].Inputs;
            world = TurnResolver.Resolve(world, inputs.Shocks, inputs.Moves, ResolveOptions.Lookahead).State;
        }

        if (turns > 0 && StateHash.Compute(world) is var hash && !string.Equals(hash, _outcomes[turns - 1].Outcome.StateHash, StringComparison.Ordinal))
        {
            throw new ReplayDivergedException(world.Turn,
                $"rollback diverged at turn {world.Turn}: the turn ended at {_outcomes[turns - 1].Outcome.StateHash}, its inputs give {hash}");
        }

        return world;
    }

    private void Pause()
    {
        if (Phase is SessionPhase.Running or SessionPhase.Paused)
        {
            Phase = SessionPhase.Paused;
            PausedRemaining = Options.TurnDuration;
            Deadline = null;
        }
    }

    private void ClearTurn()
    {
        OpenRounds();
        _pending.Clear();
        _ready.Clear();
        _injects.Clear();
        _botsAhead = null; // they were for the world before; dropping them lets it go
    }

    // ---- Views ----

    public SessionStatus Status(string sessionId, string scenarioId, string joinCode) => new(
        sessionId,
        scenarioId,
        Seed,
        joinCode,
        Phase,
        Turn,
        Current.Date,
        Deadline,
        _outcomes.Count > 0 ? _outcomes[^1].Outcome.StateHash : FirstHash(),
        [.. _seats.Select(s => new SeatView(s.Key, s.Value.OpenToPlayers, s.Value.Player, s.Value.Present, s.Value.BotPlays, IsReady(s.Key), HasSubmitted(s.Key), s.Value.Agent))],
        ForkedFrom,
        _logLength,
        NegotiationRounds: Options.NegotiationRounds,
        Round: Round,
        TurnOpenedAt: LogLengthAtOpening(Turn));

    /// <summary>The hash of the world before any resolved turn (a session that has not resolved one, or rolled back to its start).</summary>
    private string FirstHash() => ReferenceEquals(_current, _first) ? _firstHash ??= StateHash.Compute(_first) : StateHash.Compute(_current);

    public CountryView View(string country) =>
        DashboardViews.View(Current, country, _seats[country].BotPlays, _pending.TryGetValue(country, out var submitted) ? submitted : []);
}

/// <summary>A logged turn that resolves, played again, to another state than the log recorded.</summary>
public sealed class ReplayDivergedException(int turn, string message) : InvalidOperationException(message)
{
    /// <summary>The turn that resolved differently.</summary>
    public int Turn { get; } = turn;
}
