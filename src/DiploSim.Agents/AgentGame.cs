using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Core.Bots;
using DiploSim.Core.State;

namespace DiploSim.Agents;

/// <summary>
/// Plays a game in which some seats are agents: each turn, <see cref="AgentOptions.Rounds"/> negotiation rounds (every
/// agent seat observes and may send messages, delivered when the round ends), then the move round (every agent seat
/// observes and answers with moves, answers and messages), then the bots of <c>botSeats</c> decide and the turn resolves
/// through Core. Within a round the seats decide on the same information, so their order does not matter. Agent answers
/// are the only input that is not a function of the seed: they are recorded, and a game played again from its recording
/// (<see cref="RecordedSeat"/>) gives the same turns.
/// </summary>
public sealed class AgentGame
{
    private readonly string _game;
    private readonly ulong _seed;
    private readonly string _scenario;
    private readonly ShockScript _script;
    private readonly IReadOnlyCollection<string> _botSeats;
    private readonly ImmutableSortedDictionary<string, IAgentSeat> _agents;
    private readonly AgentOptions _options;
    private readonly IAgentRecorder? _recorder;
    private readonly IAgentTable? _table;
    private readonly Dictionary<string, List<AgentMessage>> _inbox = [];
    private readonly Dictionary<string, ImmutableArray<string>> _refusals = [];
    private long _decision;

    public AgentGame(string game, ulong seed, string scenario, ShockScript script, IReadOnlyCollection<string> botSeats,
        IReadOnlyDictionary<string, IAgentSeat> agents, AgentOptions options, IAgentRecorder? recorder = null, IAgentTable? table = null)
    {
        _table = table;
        _game = game;
        _seed = seed;
        _scenario = scenario;
        _script = script;
        _botSeats = botSeats;
        _agents = agents.ToImmutableSortedDictionary(StringComparer.Ordinal);
        _options = options;
        _recorder = recorder;
    }

    /// <summary>Every message sent in the game so far, in the order sent.</summary>
    public List<AgentMessage> Messages { get; } = [];

    /// <summary>Plays <paramref name="turns"/> turns from <paramref name="world"/>, yielding each as it resolves, and tells the agents the game is over.</summary>
    public IEnumerable<TurnResult> Play(WorldState world, int turns, CancellationToken cancellationToken = default) =>
        Play(world, turns, world.Turn + turns, cancellationToken);

    /// <summary>
    /// Plays <paramref name="turns"/> turns from <paramref name="world"/> as the first turns of a run that ends at
    /// <paramref name="endTurn"/> (what the bots are told, as a live session of a longer scenario tells them).
    /// </summary>
    public IEnumerable<TurnResult> Play(WorldState world, int turns, int endTurn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        var actors = world.Actors.Select(a => a.Id).ToImmutableArray();
        foreach (var (seat, agent) in _agents)
        {
            _inbox[seat] = [];
            _refusals[seat] = [];
            var start = new NewGame(AgentProtocol.Version, AgentProtocol.NewGameType, _game, seat, Seed, _scenario, turns, _options.Rounds, actors);
            var line = AgentJson.Write(start);
            Record(seat, AgentProtocol.NewGameType, document: line);
            agent.Begin(line);
        }

        var state = world;
        TurnSummary? last = null;
        var played = 0;
        for (var t = 0; t < turns; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var shocks = _script.Due(state);
            var moves = new List<Move>(Bot.DecideAll(state, _botSeats, endTurn));
            moves.AddRange(Decide(state, actors, last));
            var result = TurnResolver.Resolve(state, shocks, moves);
            state = result.State;
            last = TurnSummary.From(result.Outcome);
            played++;
            yield return result;
        }

        var scores = state.Actors.Select(a => new ScoreLine(a.Id, a.Scores.Prosperity, a.Scores.Security, a.Scores.EnergySecurity,
            a.Scores.Autonomy, a.Scores.Influence, a.Scores.Goals, a.Scores.Utility)).ToImmutableArray();
        foreach (var (seat, agent) in _agents)
        {
            var line = AgentJson.Write(new GameOver(AgentProtocol.Version, AgentProtocol.GameOverType, _game, seat, played, StateHash.Compute(state), scores));
            Record(seat, AgentProtocol.GameOverType, document: line);
            agent.End(line);
        }
    }

    private string Seed => _seed.ToString(CultureInfo.InvariantCulture);

    /// <summary>The negotiation rounds and the move round of one turn; returns the agents' moves.</summary>
    private List<Move> Decide(WorldState state, ImmutableArray<string> actors, TurnSummary? last)
    {
        var moves = new List<Move>();
        for (var round = 0; round <= _options.Rounds; round++)
        {
            var sent = new List<AgentMessage>();
            var asks = new List<(string Seat, long Decision, Observation Observation, string Line)>();
            foreach (var seat in _agents.Keys)
            {
                var decision = ++_decision;
                var inbox = _inbox[seat];
                var observation = Observations.For(state, seat, _game, decision, round, _options, [.. inbox], _refusals[seat], last);
                inbox.Clear();
                var line = AgentJson.Write(observation);
                Record(seat, AgentProtocol.ObservationType, decision, state.Turn, round, line);
                asks.Add((seat, decision, observation, line));
            }

            // Every seat of a round observes before any answers: the order of the seats cannot matter.
            var replies = _table is { } table
                ? table.DecideAll([.. asks.Select(a => (a.Seat, a.Decision, a.Line))])
                : [.. asks.Select(a => _agents[a.Seat].Decide(a.Decision, a.Line))];
            foreach (var ((seat, decision, observation, _), reply) in asks.Zip(replies))
            {
                var reading = reply.Line is { } text && reply.Failure is null
                    ? ActionReader.Read(text, observation, actors)
                    : ActionReading.Pass(reply.Failure ?? "no answer");
                _refusals[seat] = reading.Refusals;
                moves.AddRange(reading.Moves);
                sent.AddRange(reading.Messages.Select(m => new AgentMessage(state.Turn, round, seat, m.To, m.Text)));
                _recorder?.Write(new AgentRecord(_game, Seed, seat, AgentProtocol.ActionType)
                {
                    Decision = decision, Turn = state.Turn, Round = round, Text = reply.Line, Failure = reply.Failure,
                    Refusals = reading.Refusals, Moves = [.. reading.Moves.Select(MoveMapping.FromCore)], Messages = reading.Messages,
                });
            }

            // A round's messages arrive together when it ends: to one seat, or to every other seat.
            foreach (var message in sent)
            {
                Messages.Add(message);
                foreach (var (seat, inbox) in _inbox)
                {
                    if (Observations.Reaches(message, seat))
                    {
                        inbox.Add(message);
                    }
                }
            }
        }

        return moves;
    }

    private void Record(string seat, string kind, long? decision = null, int? turn = null, int? round = null, string? document = null) =>
        _recorder?.Write(new AgentRecord(_game, Seed, seat, kind) { Decision = decision, Turn = turn, Round = round, Document = document });
}
