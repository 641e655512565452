using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;

namespace DiploSim.Grains;

// What pages, the relay and exports read: status, history, the redacted log, a seat's slice and what a node missed.
public sealed partial class SessionGrain
{
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
}
