using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;

namespace DiploSim.Grains;

// What a seat's holder does: join, move, message, negotiate, leave, hand the seat to an agent and back.
public sealed partial class SessionGrain
{
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
            && MoveOrder.Same(last.Moves, moves))
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
}
