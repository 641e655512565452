using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using DiploSim.Agents;
using DiploSim.Contracts;

namespace DiploSim.Server.Api;

/// <summary>
/// Runs the agents a teacher hands seats to. Only the agents the operator registered in the server's configuration
/// (<c>DiploSim:Agents:NAME:Command</c>, a list of arguments; no shell) can be run: a client names one, never a command.
/// The seat is assigned to the player <c>agent:NAME</c> and marked as played by the agent NAME, so the classroom sees who plays it, and the server plays it
/// as a remote agent would over HTTP (<see cref="AgentSeatLink"/>), with the program over standard input and output
/// (<see cref="AgentProcess"/>: a late, malformed or missing answer is a pass, a crash is restarted once). It stops when
/// the session ends, when the seat is given to someone else, or when the server stops.
/// </summary>
public sealed partial class LiveAgents(IConfiguration configuration, IHostEnvironment environment, IClusterClient cluster, ILogger<LiveAgents> logger) : IHostedService
{
    /// <summary>The player name of a seat an agent plays.</summary>
    public static string PlayerName(string agent) => "agent:" + agent;

    /// <summary>The agent's name when <paramref name="player"/> is the player name of a seat an agent plays, else null.</summary>
    public static string? AgentOf(string? player) => player is not null && player.StartsWith("agent:", StringComparison.Ordinal) ? player["agent:".Length..] : null;

    private readonly ImmutableSortedDictionary<string, AgentCommand> _commands =
        (configuration.GetSection(RegisteredAgent.Section).Get<Dictionary<string, RegisteredAgent>>() ?? [])
            .Where(a => a.Value.Command.Count > 0)
            .ToImmutableSortedDictionary(a => a.Key, a => a.Value.ToCommand(a.Key, environment.ContentRootPath), StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The registered agents' names.</summary>
    public IReadOnlyList<string> Names => [.. _commands.Keys];

    /// <summary>Assigns the seat to the agent and starts playing it; the refusal when it cannot.</summary>
    public async Task<string?> HandOver(string sessionId, string teacherToken, string country, string agent)
    {
        if (!_commands.TryGetValue(agent ?? "", out var command))
        {
            return $"no agent '{agent}' is registered on this server (registered: {(_commands.IsEmpty ? "none" : string.Join(", ", _commands.Keys))})";
        }

        var session = cluster.GetGrain<ISessionGrain>(sessionId);
        var ticket = await session.AssignSeat(teacherToken, country, PlayerName(agent!));
        if (ticket.Value is not { } seat)
        {
            return ticket.Refusal;
        }

        if ((await session.DeclareAgent(seat.Country, seat.Token, agent)).Refusal is { } refusal)
        {
            return refusal;
        }

        var link = new AgentSeatLink(session, seat.Country, seat.Token);
        _running[$"{sessionId}/{seat.Country}/{seat.Token}"] = Task.Run(() => Play(link, command, _stopping.Token));
        return null;
    }

    private async Task Play(AgentSeatLink link, AgentCommand command, CancellationToken cancellationToken)
    {
        using var process = new AgentProcess(command);
        try
        {
            if ((await link.NewGame()).Value is not { } start)
            {
                return;
            }

            process.Begin(start);
            long after = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var next = await link.NextObservation(after, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30), cancellationToken);
                if (next is null)
                {
                    continue;
                }

                if (next.Value is not { } observation)
                {
                    return; // the seat is no longer this agent's
                }

                var decision = JsonDocument.Parse(observation).RootElement.GetProperty("decision").GetInt64();
                var reply = await Task.Run(() => process.Decide(decision, observation), cancellationToken);
                after = decision;
                var pass = $$"""{"type":"action","decision":{{decision}}}""";
                var (outcome, receipt) = await link.Act(reply.Line ?? pass);
                if (outcome == ActionOutcome.Unreadable)
                {
                    (_, _) = await link.Act(pass);
                }

                if (reply.Failure is not null || receipt.Refusals.Count > 0)
                {
                    LogRefused(logger, command.Name, link.Country, reply.Failure ?? string.Join("; ", receipt.Refusals));
                }
            }
        }
        catch (SessionEndedException)
        {
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogStopped(logger, e, command.Name, link.Country);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {Agent} playing {Country}: {What}")]
    private static partial void LogRefused(ILogger logger, string agent, string country, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {Agent} stopped playing {Country}")]
    private static partial void LogStopped(ILogger logger, Exception e, string agent, string country);
}
