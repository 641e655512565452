using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Agents;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Batch;

/// <summary>
/// The agent programs of a batch. Each run takes a process per agent seat from a pool and gives it back when the run
/// ends, so one process plays run after run (a <c>newGame</c> document with the run's seed starts each) and a batch
/// has at most one process per worker and seat. Every run's documents and answers are written to
/// <c>agents/run-N.jsonl</c> in the output folder; a roster made with <see cref="Replaying"/> starts no program and
/// answers from those files instead, so a run replays exactly.
/// </summary>
public sealed class AgentRoster : IDisposable
{
    /// <summary>The recordings' folder, inside the batch's output folder.</summary>
    public const string Folder = "agents";

    private readonly ImmutableDictionary<string, AgentCommand> _commands;
    private readonly ConcurrentDictionary<string, ConcurrentBag<AgentProcess>> _idle = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<AgentProcess> _all = [];
    private readonly string? _recordings;
    private readonly bool _replay;

    private AgentRoster(IEnumerable<AgentCommand> commands, string? recordings, bool replay)
    {
        _commands = commands.ToImmutableDictionary(c => c.Name, StringComparer.Ordinal);
        _recordings = recordings;
        _replay = replay;
    }

    /// <summary>Starts the experiment's programs as runs need them and records each run in <paramref name="outputFolder"/>/agents (nothing is recorded when null).</summary>
    public static AgentRoster Playing(IEnumerable<AgentCommand> commands, string? outputFolder) =>
        new(commands, outputFolder is null ? null : Path.Combine(outputFolder, Folder), replay: false);

    /// <summary>Answers every agent seat from the recordings in <paramref name="outputFolder"/>/agents; starts nothing.</summary>
    public static AgentRoster Replaying(string outputFolder) => new([], Path.Combine(outputFolder, Folder), replay: true);

    /// <summary>The recording of a run.</summary>
    public static string RecordingOf(string outputFolder, int run) => Path.Combine(outputFolder, Folder, FileName(run));

    private static string FileName(int run) => string.Create(CultureInfo.InvariantCulture, $"run-{run}.jsonl");

    /// <summary>Plays one run with its agent seats, yielding each turn with the messages sent before it resolved; the processes go back to the pool when it ends.</summary>
    public IEnumerable<PlayedTurn> Play(BatchPlan plan, RunSpec spec, WorldState world, ImmutableArray<ActorPolicy> policies, CancellationToken cancellationToken)
    {
        var game = "run-" + spec.Run.ToString(CultureInfo.InvariantCulture);
        var agentSeats = policies.Where(p => p.Agent is not null).ToList();
        var seats = new Dictionary<string, IAgentSeat>(StringComparer.Ordinal);
        var rented = new List<(string Agent, AgentProcess Process)>();
        StreamWriter? recording = null;
        try
        {
            if (_replay)
            {
                var path = Path.Combine(_recordings!, FileName(spec.Run));
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"run {spec.Run} has no agent recording to replay ({path})", path);
                }

                var records = JsonLinesRecorder.Read(path).ToList();
                foreach (var policy in agentSeats)
                {
                    seats[policy.Actor] = new RecordedSeat(records.Where(r => r.Seat == policy.Actor));
                }
            }
            else
            {
                foreach (var policy in agentSeats)
                {
                    var process = Rent(policy.Agent!);
                    rented.Add((policy.Agent!, process));
                    seats[policy.Actor] = process;
                }

                if (_recordings is not null)
                {
                    Directory.CreateDirectory(_recordings);
                    recording = new StreamWriter(Path.Combine(_recordings, FileName(spec.Run)), append: false) { NewLine = "\n" };
                }
            }

            var options = new AgentOptions(Rounds: plan.Experiment.NegotiationRounds,
                DecisionTimeout: agentSeats.Count > 0 && !_replay ? agentSeats.Max(p => _commands[p.Agent!].Timeout) : null);
            var bots = policies.Where(p => p.Moves).Select(p => p.Actor).ToList();
            var table = new AgentGame(game, spec.Seed, plan.Model.Scenario.Id, plan.Model.Scenario.Script, bots, seats, options,
                recording is null ? null : new JsonLinesRecorder(recording));
            var sent = 0;
            foreach (var turn in table.Play(world, plan.Turns, cancellationToken))
            {
                yield return new PlayedTurn(turn, [.. table.Messages.Skip(sent)]);
                sent = table.Messages.Count;
            }
        }
        finally
        {
            recording?.Dispose();
            foreach (var (agent, process) in rented)
            {
                _idle.GetOrAdd(agent, _ => []).Add(process);
            }
        }
    }

    private AgentProcess Rent(string agent)
    {
        if (_idle.TryGetValue(agent, out var idle) && idle.TryTake(out var process))
        {
            return process;
        }

        process = new AgentProcess(_commands[agent]);
        _all.Add(process);
        return process;
    }

    /// <summary>Ends every program: its input is closed, and it is killed if it has not exited two seconds later.</summary>
    public void Dispose()
    {
        foreach (var process in _all)
        {
            process.Dispose();
        }
    }
}
