using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Agents;
using DiploSim.Contracts;

namespace DiploSim.Grains;

/// <summary>
/// A seat's observation in a live session (docs/agents.md): the same document a batch gives an agent, written from the
/// session's current world. A live turn has one decision per seat (no negotiation rounds: people and agents talk while
/// the turn is open), numbered turn + 1 as in a batch run with one agent seat, so the same seed and moves give the same
/// observations; its time is what is left before the turn's deadline.
/// </summary>
public static class LiveObservations
{
    public static string Write(SessionTimeline timeline, string sessionId, string country, IEnumerable<LoggedEvent> readable, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var world = timeline.Current;
        var left = timeline.Deadline is { } deadline ? deadline - now : TimeSpan.Zero;
        var options = new AgentOptions(Rounds: 0, DecisionTimeout: left > TimeSpan.Zero ? left : TimeSpan.Zero);

        // The messages of this turn and the last from other seats to this one or to everyone.
        var messages = readable.Select(e => e.Event).OfType<MessageSent>()
            .Where(m => m.From != country && m.Turn >= world.Turn - 1)
            .Select(m => new AgentMessage(m.Turn, 0, m.From, m.To, m.Text))
            .ToImmutableArray();
        var observation = Observations.For(world, country, sessionId, world.Turn + 1, 0, options, messages, [], timeline.LatestOutcome, timeline.Deadline);
        return AgentJson.Write(observation);
    }

    /// <summary>The <c>newGame</c> document of a seat of a live session.</summary>
    public static string NewGame(SessionTimeline timeline, string sessionId, string scenarioId, string country)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return AgentJson.Write(new NewGame(AgentProtocol.Version, AgentProtocol.NewGameType, sessionId, country,
            timeline.Seed.ToString(CultureInfo.InvariantCulture), scenarioId, timeline.Scenario.Turns, 0,
            [.. timeline.Current.Actors.Select(a => a.Id)]));
    }
}
