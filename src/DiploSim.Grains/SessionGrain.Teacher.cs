using System.Collections.Immutable;
using System.Security.Cryptography;
using DiploSim.Contracts;
using DiploSim.Core;

namespace DiploSim.Grains;

// The teacher's controls, each behind the teacher's pass: start, pause, resume, resolve, extend, shocks, seats, roll back, fork, end and new passes.
public sealed partial class SessionGrain
{
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

        await RecordAndPublish(Teacher, new DeadlineExtended(deadline + by, commandId, by));
        ArmClock();
        return null;
    });

    /// <summary>
    /// Fires one of the scenario's prepared events into the open turn. Once a turn: fired again in the same turn (a
    /// double click, a call sent again after its answer was lost) it is done already and says so, rather than hitting
    /// the world twice; in a later turn it fires again.
    /// </summary>
    public Task<Receipt> FireInject(string teacherToken, string shockId) => AsTeacher(
        teacherToken,
        t => t.Phase != SessionPhase.Ended && t.FiredThisTurn(shockId) ? $"it was already fired in turn {t.Turn}, and takes effect once when the turn is resolved" : null,
        async t =>
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
}
