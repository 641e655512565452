using System.Collections.Immutable;
using Orleans.Concurrency;

namespace DiploSim.Contracts;

/// <summary>
/// One classroom session (key: the session id). Player calls carry the seat's country and token; teacher
/// calls carry the teacher token. Every command is written to the log and stored before it is answered.
/// </summary>
[Alias("diplosim.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    [Alias("Create")] Task<Reply<SessionTicket>> Create(CreateSession request);

    // Players
    [Alias("Join")] Task<Reply<SeatTicket>> Join(string country, string player);
    [Alias("Submit")] Task<Receipt> Submit(string country, string token, int turn, ImmutableArray<MoveOrder> moves);
    [Alias("SetReady")] Task<Receipt> SetReady(string country, string token, int turn, bool ready);
    [Alias("SendMessage")] Task<Receipt> SendMessage(string country, string token, string? to, string text);
    [Alias("Leave")] Task<Receipt> Leave(string country, string token);
    [Alias("Return")] Task<Receipt> Return(string country, string token);
    [Alias("HoldsSeat")] Task<bool> HoldsSeat(string country, string token);

    /// <summary>
    /// Marks the seat as played by a program (<see cref="SeatPlayedByAgent"/>): the registered agent <paramref name="agent"/>
    /// the server runs, or with null a remote one over HTTP. The server calls it, never a page; a seat already marked stays as it is.
    /// </summary>
    [Alias("DeclareAgent")] Task<Receipt> DeclareAgent(string country, string token, string? agent);

    /// <summary>
    /// A seat a program plays answers negotiation round <paramref name="round"/> of <paramref name="turn"/> with its
    /// messages (none is an answer too). Refused, with nothing logged, when the round is not the open one, the seat is not
    /// an agent's or has answered it already; otherwise each message is sent or refused (the value: why, per message).
    /// </summary>
    [Alias("Negotiate")] Task<Reply<ImmutableArray<string>>> Negotiate(string country, string token, int turn, int round, ImmutableArray<OutgoingNote> messages);

    /// <summary>The model's preview of one move's direct effect for the seat's country, or the reason the move is invalid.</summary>
    [Alias("PreviewMove")] Task<Reply<MovePreview>> PreviewMove(string country, string token, MoveOrder move);

    // Teacher. A command that names its turn, or carries an id, does what was meant once however often it is sent: sent
    // again after an answer was lost, it is accepted with a note of what had been done ("turn 6 was already resolved").
    // A null turn or id means whatever turn is open (tools and tests that drive a session step by step).

    [Alias("Start")] Task<Receipt> Start(string teacherToken);

    /// <summary>Pauses the clock of <paramref name="turn"/>, refused once that turn is over.</summary>
    [Alias("Pause")] Task<Receipt> Pause(string teacherToken, int? turn = null);

    /// <summary>Restarts the clock of <paramref name="turn"/>, refused once that turn is over.</summary>
    [Alias("Resume")] Task<Receipt> Resume(string teacherToken, int? turn = null);

    /// <summary>Resolves <paramref name="turn"/> now; a turn resolved already is not resolved again.</summary>
    [Alias("ResolveNow")] Task<Receipt> ResolveNow(string teacherToken, int? turn = null);

    /// <summary>Moves the deadline of <paramref name="turn"/> later; an extension with a <paramref name="commandId"/> already logged is not made again.</summary>
    [Alias("ExtendDeadline")] Task<Receipt> ExtendDeadline(string teacherToken, TimeSpan by, int? turn = null, string? commandId = null);
    [Alias("FireInject")] Task<Receipt> FireInject(string teacherToken, string shockId);
    [Alias("FireShock")] Task<Receipt> FireShock(string teacherToken, ShockData shock);
    [Alias("AssignSeat")] Task<Reply<SeatTicket>> AssignSeat(string teacherToken, string country, string player);
    [Alias("FreeSeat")] Task<Receipt> FreeSeat(string teacherToken, string country);
    [Alias("RollBack")] Task<Receipt> RollBack(string teacherToken, int toTurn, string? commandId = null);

    /// <summary>
    /// Makes a new session from this one's log up to <paramref name="atTurn"/>. With a <paramref name="commandId"/>, the
    /// fork's id and passes follow from it and the teacher's token, so the same call sent again answers with the same fork.
    /// </summary>
    [Alias("Fork")] Task<Reply<SessionTicket>> Fork(string teacherToken, int atTurn, string? commandId = null);
    [Alias("End")] Task<Receipt> End(string teacherToken);

    /// <summary>Replaces the teacher token: the old one is refused from then on. Returns the ticket with the new token.</summary>
    [Alias("RotateTeacherToken")] Task<Reply<SessionTicket>> RotateTeacherToken(string teacherToken);

    /// <summary>Replaces the classroom screen's token: the old one is refused from then on. Returns the ticket with the new token.</summary>
    [Alias("RotateSpectatorToken")] Task<Reply<SessionTicket>> RotateSpectatorToken(string teacherToken);

    // Reading
    [Alias("GetStatus")] Task<SessionStatus> GetStatus();

    /// <summary>
    /// The sequence number of the session's last logged event (0 while its log is empty): the cheap read with which web
    /// nodes and pages check, every second or few, that no update passed them by.
    /// </summary>
    [Alias("GetSequence")] Task<long> GetSequence();
    /// <summary>The summaries of the turns played from <paramref name="fromTurn"/> on (0: all of them), in order.</summary>
    [Alias("GetHistory")] Task<ImmutableArray<TurnSummary>> GetHistory(int fromTurn);

    /// <summary>
    /// The logged events after <paramref name="afterSequence"/> (0: the whole log), seat tokens redacted: what a web node
    /// that relayed up to that number missed.
    /// </summary>
    [Alias("GetLog")] Task<ImmutableArray<LoggedEvent>> GetLog(long afterSequence);

    /// <summary>
    /// What a web node that relayed up to <paramref name="afterSequence"/> missed, with what the streams carry beside it
    /// (<see cref="MissedUpdates"/>): the dashboards of those of <paramref name="seats"/> that someone holds.
    /// </summary>
    [Alias("GetMissed")] Task<MissedUpdates> GetMissed(long afterSequence, ImmutableArray<string> seats);

    /// <summary>
    /// The seat's agent documents (docs/agents.md), as JSON: its <c>newGame</c> when <paramref name="newGame"/> is set,
    /// else its observation of the current turn.
    /// </summary>
    [Alias("Observe")] Task<Reply<string>> Observe(string country, string token, bool newGame);

    /// <summary>Whether the session honours the token: the teacher's, the classroom screen's or the seat's.</summary>
    [Alias("Honours")] Task<bool> Honours(Credential credential);

    /// <summary>
    /// A page's update in one call, for a reader whose token the session still honours (else refused): the turns from
    /// index <paramref name="historyFrom"/> on, provided the turn before it still has the hash
    /// <paramref name="lastStateHash"/> (else the whole history), the log after <paramref name="afterSequence"/> with
    /// seat tokens redacted, the status and the relations; for a seat's credential, the seat's dashboard too.
    /// </summary>
    [Alias("GetSlice")] Task<Reply<SessionSlice>> GetSlice(Credential reader, long afterSequence, int historyFrom, string? lastStateHash);

    /// <summary>The turn clock's callback: closes <paramref name="turn"/> if it is still open and its deadline has passed.</summary>
    [Alias("CloseTurnAtDeadline")] Task CloseTurnAtDeadline(int turn);

    /// <summary>Makes this session a fork of another: its log is the parent's up to the fork.</summary>
    /// <param name="tokens">The fork's teacher and screen tokens, when its parent derived them (else new ones).</param>
    [Alias("InitializeFork")] Task<Reply<SessionTicket>> InitializeFork(string parentId, string scenarioId, string? scenarioText, ulong seed, SessionOptions options, ImmutableArray<LoggedEvent> log, int atTurn, ForkTokens? tokens = null);
}

/// <summary>A message a seat sends: to one country, or with <paramref name="To"/> null to everyone.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.OutgoingNote")]
public sealed record OutgoingNote(string? To, string Text);

/// <summary>One country in one session (key: <c>session/country</c>): its player's saved draft.</summary>
[Alias("diplosim.ICountryGrain")]
public interface ICountryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Keeps <paramref name="moves"/> as the seat's draft for <paramref name="turn"/>, which must be the open turn (a
    /// save that arrives after its turn closed is refused, and becomes no later turn's draft). A save must be based on
    /// the draft as last saved this turn: <paramref name="basedOn"/> is the revision its page last had, and a save based
    /// on an older one is refused (another page of the seat changed the plan since), unless it holds the moves already
    /// kept (the same save sent again). Null <paramref name="turn"/> means the open turn and null
    /// <paramref name="basedOn"/> whatever is kept, for the callers from before drafts had revisions.
    /// </summary>
    [Alias("SaveDraft")] Task<Reply<DraftSaved>> SaveDraft(string token, int? turn, long? basedOn, ImmutableArray<MoveOrder> moves);

    /// <summary>
    /// The draft saved in <paramref name="turn"/> (no moves if it was saved in another turn, or none was) and the
    /// revision of the seat's draft, for a caller that has just had the seat's token checked by the session: the hub
    /// reads a player's slice from the session itself, then completes it with this, so a player's read needs this
    /// grain's node only for the draft.
    /// </summary>
    [Alias("SavedDraft")] Task<KeptDraft> SavedDraft(int turn);

    /// <summary>
    /// The draft saved in <paramref name="turn"/> since it opened at log length <paramref name="openedAt"/>
    /// (<see cref="SessionStatus.TurnOpenedAt"/>): a plan saved in the turn before the teacher rolled the game back to
    /// it is not this turn's plan, and no moves are given.
    /// </summary>
    [Alias("SavedDraftSince")] Task<KeptDraft> SavedDraft(int turn, int openedAt);
}

/// <summary>
/// A seat's draft as saved: its <paramref name="Revision"/> counts the saves of the seat's draft (0 before the first), so a
/// page tells a plan another page saved from the one it holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.KeptDraft")]
public sealed record KeptDraft(ImmutableArray<MoveOrder> Moves, long Revision);

/// <summary>A seat's draft was saved for <paramref name="Turn"/>, as revision <paramref name="Revision"/>.</summary>
[GenerateSerializer, Immutable, Alias("diplosim.DraftSaved")]
public sealed record DraftSaved(int Turn, long Revision);

/// <summary>
/// What one client address may still do across the whole cluster (key: the address as the edge groups it, an IPv6
/// client by its /64), so that a limit holds however many nodes a load balancer spreads the address over.
/// </summary>
[Alias("diplosim.IAddressQuotaGrain")]
public interface IAddressQuotaGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes one of the <paramref name="perHour"/> sessions the address may create in an hour (a bucket of that many,
    /// refilled one at a time); answers null when taken, else how long until the next one is free.
    /// </summary>
    [Alias("TakeSession")] Task<TimeSpan?> TakeSession(int perHour);
}

/// <summary>The lobby: every session and its join code (key: 0).</summary>
[Alias("diplosim.ISessionRegistryGrain")]
public interface ISessionRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Lists a session and gives it a join code no other session has.</summary>
    [Alias("Register")] Task<string> Register(string sessionId, string scenarioId, string? forkedFrom);
    [Alias("SetPhase")] Task SetPhase(string sessionId, SessionPhase phase);
    [Alias("FindByJoinCode")] Task<string?> FindByJoinCode(string joinCode);
    [Alias("List")] Task<ImmutableArray<SessionListing>> List();
}
