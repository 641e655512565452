using DiploSim.Agents;
using DiploSim.Contracts;
using DiploSim.Grains;

namespace DiploSim.Server.Api;

/// <summary>What the server took from an agent's action, and what it refused.</summary>
public sealed record ActionReceipt(int Moves, int Messages, IReadOnlyList<string> Refusals);

/// <summary>How an action fared: taken (with refusals of its parts), unreadable, or refused by the session.</summary>
public enum ActionOutcome
{
    Taken,
    Unreadable,
    Refused,
}

/// <summary>
/// One seat of a live session as an agent plays it, whether the agent is a remote program over HTTP or a program the
/// server runs: the next observation once the seat has a decision to make, and the action applied as a player's
/// moves, messages and readiness. A seat whose pass asks for its game or sends an action is marked as played by a program
/// (<see cref="ISessionGrain.DeclareAgent"/>), so the classroom sees it.
/// </summary>
public sealed class AgentSeatLink(ISessionGrain session, string country, string token)
{
    /// <summary>How often a wait looks at the session.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    public string Country => country;

    /// <summary>The seat's <c>newGame</c>, or null with the session's refusal. The seat is then marked as played by a program.</summary>
    public async Task<Reply<string>> NewGame()
    {
        await session.DeclareAgent(country, token, agent: null);
        return await session.Observe(country, token, newGame: true);
    }

    /// <summary>
    /// Waits until the seat has a decision after <paramref name="after"/> to make and returns its observation; null when
    /// <paramref name="until"/> came first. Throws <see cref="SessionEndedException"/> once the session has ended.
    /// </summary>
    public async Task<Reply<string>?> NextObservation(long after, DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await session.GetStatus();
            if (status.Phase == SessionPhase.Ended)
            {
                throw new SessionEndedException();
            }

            // A decision in each negotiation round, then one in the move round until the seat's moves are in.
            var seat = status.Seats.FirstOrDefault(s => s.Country == country);
            var negotiating = status.Round < status.NegotiationRounds;
            if (status.Phase == SessionPhase.Running && seat is not null && (negotiating || !seat.Submitted)
                && LiveObservations.Decision(status.Turn, status.Round, status.NegotiationRounds) > after)
            {
                return await session.Observe(country, token, newGame: false);
            }

            if (DateTimeOffset.UtcNow >= until)
            {
                return null;
            }

            await Task.Delay(PollEvery, cancellationToken);
        }
    }

    /// <summary>
    /// Reads the action for the seat's open decision and applies it: in a negotiation round its messages, as the seat's
    /// answer to the round (moves and answers there are refused); in the move round its moves submitted, its messages
    /// sent, the seat ready.
    /// </summary>
    public async Task<(ActionOutcome Outcome, ActionReceipt Receipt)> Act(string line)
    {
        var current = await session.Observe(country, token, newGame: false);
        if (current.Value is not { } text)
        {
            return (ActionOutcome.Refused, new ActionReceipt(0, 0, [current.Refusal!]));
        }

        await session.DeclareAgent(country, token, agent: null);
        var observation = AgentJson.Read<Observation>(text);
        var reading = ActionReader.Read(line, observation, [.. observation.World.Network.Actors.Select(a => a.Id)]);
        if (reading.Unread)
        {
            return (ActionOutcome.Unreadable, new ActionReceipt(0, 0, reading.Refusals));
        }

        var refusals = reading.Refusals.ToList();
        if (observation.Phase == AgentProtocol.Negotiate)
        {
            var answered = await session.Negotiate(country, token, observation.Turn, observation.Round,
                [.. reading.Messages.Select(m => new OutgoingNote(m.To, m.Text))]);
            return answered.Value is { } refused
                ? (ActionOutcome.Taken, new ActionReceipt(0, reading.Messages.Length - refused.Length, [.. refusals, .. refused]))
                : (ActionOutcome.Refused, new ActionReceipt(0, 0, [.. refusals, answered.Refusal!]));
        }

        var submitted = await session.Submit(country, token, observation.Turn, [.. reading.Moves.Select(MoveMapping.FromCore)]);
        if (submitted.Refusal is { } r)
        {
            return (ActionOutcome.Refused, new ActionReceipt(0, 0, [.. refusals, r]));
        }

        foreach (var message in reading.Messages)
        {
            if ((await session.SendMessage(country, token, message.To, message.Text)).Refusal is { } m)
            {
                refusals.Add(m);
            }
        }

        var ready = await session.SetReady(country, token, observation.Turn, true);
        var receipt = new ActionReceipt(reading.Moves.Length, reading.Messages.Length, ready.Refusal is { } notReady ? [.. refusals, notReady] : refusals);
        return (ready.Refusal is null ? ActionOutcome.Taken : ActionOutcome.Refused, receipt);
    }
}

/// <summary>The session has ended: its seats have nothing more to decide.</summary>
public sealed class SessionEndedException() : Exception("the session has ended");
