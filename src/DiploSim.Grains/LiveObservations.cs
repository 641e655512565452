using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Agents;
using DiploSim.Contracts;

namespace DiploSim.Grains;

/// <summary>
/// A seat's observation in a live session (docs/agents.md): the same document a batch gives an agent, written from the
/// session's current world by the same code (<see cref="Observations"/>). A live turn has the session's negotiation
/// rounds and then its move round, one decision each, numbered as in a batch run with one agent seat (turn ×
/// (rounds + 1) + round + 1), so the same seed, moves and messages give the same observations; its time is what is left
/// before the turn's deadline.
/// </summary>
public static class LiveObservations
{
    /// <summary>The number of the seat's decision in <paramref name="round"/> of <paramref name="turn"/>.</summary>
    public static long Decision(int turn, int round, int rounds) => ((long)turn * (rounds + 1)) + round + 1;

    public static string Write(SessionTimeline timeline, string sessionId, string country, IEnumerable<LoggedEvent> readable, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var world = timeline.Current;
        var rounds = timeline.Options.NegotiationRounds;
        var left = timeline.Deadline is { } deadline ? deadline - now : TimeSpan.Zero;
        var options = new AgentOptions(Rounds: rounds, DecisionTimeout: left > TimeSpan.Zero ? left : TimeSpan.Zero);

        // The messages of this turn and the last to this seat or to everyone. With negotiation rounds, those logged
        // before the round opened: a round's messages reach the agent seats together when it closes, as in a batch.
        var messages = readable
            .Where(e => rounds == 0 || e.Sequence <= timeline.RoundOpenedAt)
            .Select(e => e.Event).OfType<MessageSent>()
            .Where(m => m.Turn >= world.Turn - 1)
            .Select(m => new AgentMessage(m.Turn, m.Round, m.From, m.To, m.Text))
            .Where(m => Observations.Reaches(m, country))
            .ToImmutableArray();
        var observation = Observations.For(world, country, sessionId, Decision(world.Turn, timeline.Round, rounds), timeline.Round, options,
            messages, [], timeline.LatestOutcome, timeline.Deadline);
        return AgentJson.Write(observation);
    }

    /// <summary>The <c>newGame</c> document of a seat of a live session.</summary>
    public static string NewGame(SessionTimeline timeline, string sessionId, string scenarioId, string country)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return AgentJson.Write(new NewGame(AgentProtocol.Version, AgentProtocol.NewGameType, sessionId, country,
            timeline.Seed.ToString(CultureInfo.InvariantCulture), scenarioId, timeline.Scenario.Turns, timeline.Options.NegotiationRounds,
            [.. timeline.Current.Actors.Select(a => a.Id)]));
    }
}
