using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Server.Identity;
using DiploSim.Server.Relay;
using Microsoft.AspNetCore.SignalR;

namespace DiploSim.Server.Hub;

/// <summary>
/// The game's hub. A connection presents a pass (the <c>access_token</c>); every call is checked against it — a player
/// acts and reads only for its country, only the teacher reaches teacher controls — and then routed to the session
/// grain, which checks the token again. Refusals are logged and answered with a reason; a fault behind the hub (a
/// missing session, a node going away) is answered in words by <see cref="HubGuard"/>, around every call.
/// </summary>
public sealed partial class GameHub(
    IClusterClient cluster,
    PassBook passes,
    Connections connections,
    SessionRelay relay,
    IScenarioCatalog catalog,
    TurnClock clock,
    MemoryAfterCrowds crowds,
    SeatConnectionReporter seatConnections,
    ILogger<GameHub> logger) : Hub<IGameClient>
{
    private const string PassItem = "pass";
    private const string RefusalItem = "refusal";

    public override async Task OnConnectedAsync()
    {
        crowds.Opened();
        try
        {
            await Admit();
        }
        catch (Exception ex) when (HubFaults.IsSwitchingOver(ex))
        {
            // The session's node is being replaced: the page reconnects by itself, and is admitted once a node holds it.
            LogConnectDeferred(logger, ex, Context.ConnectionId);
            Context.Abort();
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync threw.
            crowds.Closed();
            throw;
        }
    }

    private async Task Admit()
    {
        var http = Context.GetHttpContext();
        var text = http?.Request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(text) && http?.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            text = auth["Bearer ".Length..];
        }

        var (pass, refusal) = passes.Read(text);
        if (pass is not null && !await Session(pass.SessionId).Honours(pass))
        {
            refusal = NoLongerHonoured(pass);
            pass = null;
        }

        if (pass is null)
        {
            // The connection stays open so that each call can be answered with the reason; it joins no group.
            Context.Items[RefusalItem] = refusal;
            LogRefused(logger, "connect", Context.ConnectionId, refusal!);
            return;
        }

        Context.Items[PassItem] = pass;
        connections.Add(Context.ConnectionId, pass);
        await relay.WatchSession(pass.SessionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, Connections.SessionGroup(pass.SessionId));
        if (pass.Role == Role.Player)
        {
            await relay.WatchCountry(pass.SessionId, pass.Country!);
            await Groups.AddToGroupAsync(Context.ConnectionId, Connections.CountryGroup(pass.SessionId, pass.Country!));
            await seatConnections.Changed(pass.SessionId);
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        crowds.Closed();
        if (Context.Items.TryGetValue(PassItem, out var item) && item is Pass pass)
        {
            connections.Remove(Context.ConnectionId);
            await relay.UnwatchSession(pass.SessionId);
            if (pass.Role == Role.Player)
            {
                await relay.UnwatchCountry(pass.SessionId, pass.Country!);
                await seatConnections.Changed(pass.SessionId);
            }
        }
    }

    // ---- Everyone ----

    /// <summary>What the page needs to draw itself: status, turn history, the events after <paramref name="afterSequence"/> it may read, and a player's view.</summary>
    public Task<Reply<SnapshotDto>> GetSnapshot(long afterSequence) =>
        Admitted(nameof(GetSnapshot), pass => Snapshot(nameof(GetSnapshot), pass, afterSequence, 0, null));

    /// <summary>
    /// What changed since the caller's copy: the status, view and network as they are, the events after
    /// <paramref name="afterSequence"/>, and the turns from index <paramref name="historyFrom"/> on — provided the
    /// caller's last turn, whose state hash is <paramref name="lastStateHash"/>, is still this session's. After a
    /// rollback it is not, and the whole history comes back (<see cref="SnapshotDto.HistoryFrom"/> is then 0).
    /// </summary>
    public Task<Reply<SnapshotDto>> GetUpdate(long afterSequence, int historyFrom, string? lastStateHash) =>
        Admitted(nameof(GetUpdate), pass => Snapshot(nameof(GetUpdate), pass, afterSequence, historyFrom, lastStateHash));

    private async Task<Reply<SnapshotDto>> Snapshot(string method, Pass pass, long afterSequence, int historyFrom, string? lastStateHash)
    {
        // One call into the session: it checks the pass and sends only the turns and events the page lacks, checking the
        // page's last turn. Every reader asks the session itself, so a read needs only the node that holds the session.
        var reply = await Session(pass.SessionId).GetSlice(pass.Credential(), afterSequence, historyFrom, lastStateHash);
        if (reply.Value is not { } slice)
        {
            return Reply<SnapshotDto>.Refused(Refusal(method, NoLongerHonoured(pass)));
        }

        var view = slice.Seat is { } dashboard ? await WithSavedDraft(pass, dashboard, slice.Status) : null;

        var events = slice.Log
            .Select(e => pass.Role == Role.Teacher || (pass.Role == Role.Player ? Wire.Concerns(e, pass.Country!) : Wire.IsPublic(e))
                ? Wire.Event(e)
                : Wire.Event(e) with { Message = null })
            .ToImmutableArray();
        return Reply<SnapshotDto>.Ok(
            new SnapshotDto(pass.Role, pass.Country, Status(slice.Status), slice.History, events, view, slice.Relations, slice.HistoryFrom));
    }

    /// <summary>
    /// The seat's dashboard with the player's saved draft from the country grain, its revision, and whether it is what
    /// the seat submitted this turn (a page reloaded after its plan changed since Send says so, and Ready sends it). While
    /// that grain's node is lost and not yet declared dead, the read still answers, with the moves the session holds for
    /// this turn as the draft and no revision.
    /// </summary>
    private async Task<ViewDto> WithSavedDraft(Pass pass, SeatDashboard dashboard, SessionStatus status)
    {
        // The session fills the view's draft with the moves the seat submitted this turn.
        ImmutableArray<MoveOrder>? submitted = status.Seats.Any(s => s.Country == pass.Country && s.Submitted)
            ? (dashboard.View.Draft.IsDefault ? [] : dashboard.View.Draft)
            : null;
        try
        {
            var kept = await Country(pass).SavedDraft(dashboard.View.Turn, status.TurnOpenedAt);
            return Wire.View(dashboard.View with { Draft = kept.Moves }, dashboard.Ledger) with
            {
                DraftRevision = kept.Revision, DraftSent = submitted is { } moves && MoveOrder.Same(kept.Moves, moves), SentMoves = submitted,
            };
        }
        catch (Exception ex) when (HubFaults.IsSwitchingOver(ex))
        {
            LogDraftUnavailable(logger, ex, pass.SessionId, pass.Country!);
            return Wire.View(dashboard.View, dashboard.Ledger) with { DraftSent = submitted is not null, SentMoves = submitted };
        }
    }

    /// <summary>
    /// The sequence number of the session's last event: a page that holds less missed something (a push lost while a
    /// node died, a connection that dropped) and asks for it with <see cref="GetUpdate"/>. Pages ask every few seconds
    /// when nothing arrived, so they learn of what they missed without waiting for the next event.
    /// </summary>
    public Task<Reply<long>> GetSequence() =>
        Admitted(nameof(GetSequence), async pass => Reply<long>.Ok(await Session(pass.SessionId).GetSequence()));

    // ---- Players ----

    /// <summary>
    /// The model's preview of a move's direct effect on the player's indicators one turn ahead (with the move against
    /// without it), its capital cost, or the reason the move is invalid (in the preview, not as a refusal).
    /// </summary>
    public Task<Reply<MovePreview>> PreviewEffect(string country, MoveOrder move) => AsPlayer(nameof(PreviewEffect), country, async pass =>
    {
        if (move is null)
        {
            return new Reply<MovePreview>(null, Refusal(nameof(PreviewEffect), "no move to preview"));
        }

        var reply = await Session(pass.SessionId).PreviewMove(country, pass.Secret, move);
        return reply.Value is { } p
            ? new Reply<MovePreview>(p, null)
            : new Reply<MovePreview>(null, LogGrainRefusal(nameof(PreviewEffect), reply.Refusal!));
    });

    /// <summary>
    /// Keeps the player's draft for the open turn across reconnects, whatever was kept: the call of the callers from
    /// before drafts named their turn and revision (<see cref="SaveTurnDraft"/>). A malformed move is refused with its
    /// reason, so a draft always reads as moves.
    /// </summary>
    public async Task<Receipt> SaveDraft(string country, ImmutableArray<MoveOrder> moves)
    {
        var saved = await Save(nameof(SaveDraft), country, null, null, moves);
        return saved.Refusal is { } refusal ? Receipt.Refused(refusal) : Receipt.Accepted;
    }

    /// <summary>
    /// Keeps the player's draft for <paramref name="turn"/>, the plan as the page shows it, which the page had from
    /// revision <paramref name="basedOn"/> of the seat's draft: refused with the reason when the turn has closed (the
    /// plan was not played, and is no later turn's) or when another page of the seat saved the draft since (the page
    /// reads it again instead of overwriting it). Accepted, it answers the draft's new revision, and the seat's other
    /// pages, on every node, are told (<see cref="IGameClient.DraftSaved"/>).
    /// </summary>
    public Task<Reply<DraftSaved>> SaveTurnDraft(string country, int turn, long basedOn, ImmutableArray<MoveOrder> moves) =>
        Save(nameof(SaveTurnDraft), country, turn, basedOn, moves);

    private async Task<Reply<DraftSaved>> Save(string method, string country, int? turn, long? basedOn, ImmutableArray<MoveOrder> moves)
    {
        var (pass, refusal) = PlayerFor(method, country);
        if (pass is null)
        {
            return Reply<DraftSaved>.Refused(refusal!);
        }

        ImmutableArray<MoveOrder> list = moves.IsDefault ? [] : moves;
        var malformed = turn is < 0 ? $"turn {turn} is not a turn: turns count from 0"
            : basedOn is < 0 ? $"basedOn {basedOn} is not a revision: a draft's revisions count from 0"
            : list.Select(m => m is null ? "a draft holds no empty move" : MoveMapping.ToCore(m, country).Error).FirstOrDefault(e => e is not null);
        if (malformed is not null)
        {
            return Reply<DraftSaved>.Refused(Refusal(method, malformed));
        }

        var reply = await Country(pass).SaveDraft(pass.Secret, turn, basedOn, list);
        if (reply.Value is not { } saved)
        {
            return Reply<DraftSaved>.Refused(LogGrainRefusal(method, reply.Refusal!));
        }

        await relay.DraftSaved(pass.SessionId, country, saved);
        return reply;
    }

    public Task<Receipt> Submit(string country, int turn, ImmutableArray<MoveOrder> moves) => AsPlayer(nameof(Submit), country, pass =>
        Session(pass.SessionId).Submit(country, pass.Secret, turn, moves.IsDefault ? [] : moves));

    public Task<Receipt> SetReady(string country, int turn, bool ready) => AsPlayer(nameof(SetReady), country, pass =>
        Session(pass.SessionId).SetReady(country, pass.Secret, turn, ready));

    /// <summary>Sends a message to <paramref name="to"/>, or to everyone when it is null or empty.</summary>
    public Task<Receipt> SendMessage(string country, string? to, string text) => AsPlayer(nameof(SendMessage), country, pass =>
        Session(pass.SessionId).SendMessage(country, pass.Secret, string.IsNullOrEmpty(to) ? null : to, text));

    public Task<Receipt> Leave(string country) => AsPlayer(nameof(Leave), country, pass =>
        Session(pass.SessionId).Leave(country, pass.Secret));

    public Task<Receipt> Return(string country) => AsPlayer(nameof(Return), country, pass =>
        Session(pass.SessionId).Return(country, pass.Secret));

    // ---- Teacher ----

    public Task<Receipt> Start() => AsTeacher(nameof(Start), (s, t) => s.Start(t));

    // The teacher's commands name the turn they are meant for, or carry an id the page makes once per click, so the page
    // can send one again after an answer was lost (a node that died): done once, and the answer's Note says so.

    public Task<Receipt> Pause(int turn) => AsTeacher(nameof(Pause), (s, t) => s.Pause(t, turn));

    public Task<Receipt> Resume(int turn) => AsTeacher(nameof(Resume), (s, t) => s.Resume(t, turn));

    /// <summary>Resolves <paramref name="turn"/> now; if it has resolved already, says so ("turn 6 was already resolved") and resolves nothing.</summary>
    public Task<Receipt> ResolveNow(int turn) => AsTeacher(nameof(ResolveNow), (s, t) => s.ResolveNow(t, turn));

    public Task<Receipt> ExtendDeadline(int turn, int seconds, string commandId) =>
        AsTeacher(nameof(ExtendDeadline), (s, t) => s.ExtendDeadline(t, TimeSpan.FromSeconds(seconds), turn, commandId));

    public Task<Receipt> FireInject(string shockId) => AsTeacher(nameof(FireInject), (s, t) => s.FireInject(t, shockId));

    public Task<Receipt> FireShock(ShockData shock) => AsTeacher(nameof(FireShock), (s, t) => s.FireShock(t, shock));

    public Task<Receipt> FreeSeat(string country) => AsTeacher(nameof(FreeSeat), (s, t) => s.FreeSeat(t, country));

    public Task<Receipt> RollBack(int toTurn, string commandId) => AsTeacher(nameof(RollBack), (s, t) => s.RollBack(t, toTurn, commandId));

    public Task<Receipt> End() => AsTeacher(nameof(End), (s, t) => s.End(t));

    /// <summary>
    /// Which seats have a page open now, on any node, and since when a seat has none: live, never written to the
    /// session, so a student whose phone drops keeps her seat (the computer takes over only when she leaves).
    /// </summary>
    public async Task<Reply<SeatConnectionsDto>> GetSeatConnections()
    {
        var (pass, refusal) = TeacherFor(nameof(GetSeatConnections));
        if (pass is null)
        {
            return new Reply<SeatConnectionsDto>(null, refusal);
        }

        var counted = await cluster.GetGrain<ISeatConnectionsGrain>(pass.SessionId).Read();
        return new Reply<SeatConnectionsDto>(Wire.SeatConnections(counted, clock.Now), null);
    }

    public async Task<Reply<SeatPassDto>> AssignSeat(string country, string player)
    {
        var (pass, refusal) = TeacherFor(nameof(AssignSeat));
        if (pass is null)
        {
            return new Reply<SeatPassDto>(null, refusal);
        }

        var reply = await Session(pass.SessionId).AssignSeat(pass.Secret, country, player);
        return reply.Value is { } seat
            ? new Reply<SeatPassDto>(new SeatPassDto(seat.SessionId, seat.Country, PassBook.Player(seat.SessionId, seat.Country, seat.Token)), null)
            : new Reply<SeatPassDto>(null, LogGrainRefusal(nameof(AssignSeat), reply.Refusal!));
    }

    /// <summary>A new session from this one's log up to <paramref name="atTurn"/>; sent again with the same <paramref name="commandId"/>, the same fork and passes.</summary>
    public async Task<Reply<SessionPassesDto>> Fork(int atTurn, string commandId)
    {
        var (pass, refusal) = TeacherFor(nameof(Fork));
        if (pass is null)
        {
            return new Reply<SessionPassesDto>(null, refusal);
        }

        var reply = await Session(pass.SessionId).Fork(pass.Secret, atTurn, commandId);
        return reply.Value is { } t
            ? new Reply<SessionPassesDto>(passes.Issue(t), null)
            : new Reply<SessionPassesDto>(null, LogGrainRefusal(nameof(Fork), reply.Refusal!));
    }

    /// <summary>
    /// Replaces the teacher's pass: the session gets a new teacher token, so the old pass is refused from now on (by the
    /// grain on every call, and by the hub on connecting and reading). This connection carries on with the new pass; the
    /// other connections with the old one, on every node, are told and leave the session's channel.
    /// </summary>
    public async Task<Reply<SessionPassesDto>> RotateTeacherPass()
    {
        var (pass, refusal) = TeacherFor(nameof(RotateTeacherPass));
        if (pass is null)
        {
            return new Reply<SessionPassesDto>(null, refusal);
        }

        // Out of this node's list while the session replaces the token: the relay drops the holders of the old one when
        // the session's notice arrives, which may be before the reply does, and must not drop the connection that asked.
        var listed = connections.Remove(Context.ConnectionId);
        var holding = pass;
        try
        {
            var reply = await Session(pass.SessionId).RotateTeacherToken(pass.Secret);
            if (reply.Value is not { } t)
            {
                return new Reply<SessionPassesDto>(null, LogGrainRefusal(nameof(RotateTeacherPass), reply.Refusal!));
            }

            holding = pass with { Secret = t.TeacherToken };
            Context.Items[PassItem] = holding;
            LogReplaced(logger, "teacher's", pass.SessionId, Context.ConnectionId);
            return new Reply<SessionPassesDto>(passes.Issue(t), null);
        }
        finally
        {
            if (listed)
            {
                connections.Add(Context.ConnectionId, holding);
            }
        }
    }

    /// <summary>
    /// Replaces the classroom screen's pass (a new screen link): the old one is refused from now on, and the screens that
    /// hold it, on every node, are told and leave the session's channel.
    /// </summary>
    public async Task<Reply<SessionPassesDto>> RotateSpectatorPass()
    {
        var (pass, refusal) = TeacherFor(nameof(RotateSpectatorPass));
        if (pass is null)
        {
            return new Reply<SessionPassesDto>(null, refusal);
        }

        var reply = await Session(pass.SessionId).RotateSpectatorToken(pass.Secret);
        if (reply.Value is not { } t)
        {
            return new Reply<SessionPassesDto>(null, LogGrainRefusal(nameof(RotateSpectatorPass), reply.Refusal!));
        }

        LogReplaced(logger, "classroom screen's", pass.SessionId, Context.ConnectionId);
        return new Reply<SessionPassesDto>(passes.Issue(t), null);
    }

    // ---- Checks ----

    /// <summary>A read for any admitted connection that has the session check the pass in the same call as the read.</summary>
    private Task<Reply<T>> Admitted<T>(string method, Func<Pass, Task<Reply<T>>> read) =>
        Current() is not { } pass ? Task.FromResult(new Reply<T>(default, NotAdmitted(method))) : read(pass);

    private Task<Reply<T>> AsPlayer<T>(string method, string country, Func<Pass, Task<Reply<T>>> act)
    {
        var (pass, refusal) = PlayerFor(method, country);
        return pass is not null ? act(pass) : Task.FromResult(new Reply<T>(default, refusal));
    }

    private async Task<Receipt> AsPlayer(string method, string country, Func<Pass, Task<Receipt>> act)
    {
        var (pass, refusal) = PlayerFor(method, country);
        return pass is null ? Receipt.Refused(refusal!) : Logged(method, await act(pass));
    }

    private async Task<Receipt> AsTeacher(string method, Func<ISessionGrain, string, Task<Receipt>> act)
    {
        var (pass, refusal) = TeacherFor(method);
        return pass is null ? Receipt.Refused(refusal!) : Logged(method, await act(Session(pass.SessionId), pass.Secret));
    }

    private Receipt Logged(string method, Receipt receipt) =>
        receipt.Refusal is { } r ? Receipt.Refused(LogGrainRefusal(method, r)) : receipt;

    private (Pass? Pass, string? Refusal) PlayerFor(string method, string country) => Current() switch
    {
        null => (null, NotAdmitted(method)),
        { Role: not Role.Player } => (null, Refusal(method, "only a seated player may do that")),
        { Country: var c } when !string.Equals(c, country, StringComparison.Ordinal) => (null, Refusal(method, $"you hold the seat of {c}, not of {country}")),
        var pass => (pass, null),
    };

    private (Pass? Pass, string? Refusal) TeacherFor(string method) => Current() switch
    {
        null => (null, NotAdmitted(method)),
        { Role: not Role.Teacher } => (null, Refusal(method, "only the session's teacher may do that")),
        var pass => (pass, null),
    };

    private static string NoLongerHonoured(Pass pass) => pass.Role switch
    {
        Role.Player => $"this pass does not hold the seat of {pass.Country} (freed, reassigned or forged)",
        Role.Teacher => "this teacher pass was replaced by a new one, or its session does not exist",
        _ => "this classroom screen's pass was replaced by a new one, or its session does not exist",
    };

    private Pass? Current() => PassOf(Context);

    /// <summary>The pass a connection was admitted with, or null when it presented none the session honours.</summary>
    internal static Pass? PassOf(HubCallerContext context) => context.Items.TryGetValue(PassItem, out var p) ? p as Pass : null;

    private string NotAdmitted(string method) =>
        Refusal(method, Context.Items.TryGetValue(RefusalItem, out var r) && r is string s ? $"not admitted: {s}" : "not admitted");

    private string Refusal(string method, string reason)
    {
        LogRefused(logger, method, Context.ConnectionId, reason);
        return reason;
    }

    private string LogGrainRefusal(string method, string reason)
    {
        LogGrainRefused(logger, method, Context.ConnectionId, reason);
        return reason;
    }

    private ISessionGrain Session(string sessionId) => cluster.GetGrain<ISessionGrain>(sessionId);

    private ICountryGrain Country(Pass pass) => cluster.GetGrain<ICountryGrain>(SessionStreams.CountryKey(pass.SessionId, pass.Country!));

    private StatusDto Status(SessionStatus status) => Wire.Status(status, catalog, clock.Now);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} on connection {ConnectionId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string connectionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The session refused {Method} on connection {ConnectionId}: {Reason}")]
    private static partial void LogGrainRefused(ILogger logger, string method, string connectionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Holder} pass of session {SessionId} was replaced from connection {ConnectionId}")]
    private static partial void LogReplaced(ILogger logger, string holder, string sessionId, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} was closed while the cluster switches over; the client reconnects")]
    private static partial void LogConnectDeferred(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saved draft of {Country} in session {SessionId} could not be read; the read answered with the moves the session holds")]
    private static partial void LogDraftUnavailable(ILogger logger, Exception exception, string sessionId, string country);
}
