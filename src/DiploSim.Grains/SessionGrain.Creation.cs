using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;

namespace DiploSim.Grains;

// Creating a session and forking one: the checks a new session passes.
public sealed partial class SessionGrain
{
    public async Task<Reply<SessionTicket>> Create(CreateSession request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scenario = catalog.Find(request.ScenarioId);
        var refusal = CheckNew(request.ScenarioId, scenario, request.Options);
        if (refusal is not null)
        {
            return Reply<SessionTicket>.Refused(refusal);
        }

        var joinCode = await Registry.Register(SessionId, request.ScenarioId, null);
        var (teacherToken, spectatorToken) = (Secrets.NewToken(), Secrets.NewToken());
        await _journal.Begin(new SessionState
        {
            ScenarioId = request.ScenarioId,
            ScenarioText = catalog.Text(request.ScenarioId),
            ModelVersion = ModelVersion.Current,
            Seed = request.Seed,
            Options = request.Options,
            TeacherTokenDigest = Secrets.Digest(teacherToken),
            SpectatorTokenDigest = Secrets.Digest(spectatorToken),
            JoinCode = joinCode,
        });
        _timeline = new SessionTimeline(scenario!, request.Seed, request.Options);
        return Reply<SessionTicket>.Ok(new SessionTicket(SessionId, joinCode, teacherToken, spectatorToken));
    }

    public async Task<Reply<SessionTicket>> InitializeFork(string parentId, string scenarioId, string? scenarioText, ulong seed, SessionOptions options, ImmutableArray<LoggedEvent> log, int atTurn, ForkTokens? tokens = null)
    {
        // The fork plays what its parent plays: the parent's stored text, not the library's file of the same name.
        var scenario = scenarioText is null ? catalog.Find(scenarioId) : pins.Read(scenarioText).Scenario;
        var refusal = CheckNew(scenarioId, scenario, options);
        if (refusal is not null)
        {
            return Reply<SessionTicket>.Refused(refusal);
        }

        // The fork keeps the parent's history but none of its seats or passes: its players join with its own code.
        var copied = log
            .Where(e => e.Event is not (SeatAssigned or SeatFreed or SeatPlayedByAgent or PlayerLeft or PlayerReturned or PassReplaced))
            .Select((e, i) => e with { Sequence = i + 1 })
            .ToList();
        var timeline = new SessionTimeline(scenario!, seed, options);
        foreach (var entry in copied)
        {
            timeline.Apply(entry);
        }

        // The fork's first event of its own is stored with the copy, in the same write.
        var forked = new LoggedEvent(copied.Count + 1, _clock.Now, Teacher, new ForkedFrom(parentId, atTurn));
        copied.Add(forked);
        var joinCode = await Registry.Register(SessionId, scenarioId, parentId);
        var (teacherToken, spectatorToken) = tokens is { } given ? (given.Teacher, given.Spectator) : (Secrets.NewToken(), Secrets.NewToken());
        await _journal.Begin(new SessionState
        {
            ScenarioId = scenarioId,
            ScenarioText = scenarioText,
            ModelVersion = ModelVersion.Current,
            Seed = seed,
            Options = options,
            TeacherTokenDigest = Secrets.Digest(teacherToken),
            SpectatorTokenDigest = Secrets.Digest(spectatorToken),
            JoinCode = joinCode,
            Log = copied,
        });
        timeline.Apply(forked);
        _timeline = timeline;
        return Reply<SessionTicket>.Ok(new SessionTicket(SessionId, joinCode, teacherToken, spectatorToken));
    }

    private string? CheckNew(string scenarioId, Scenario? scenario, SessionOptions options)
    {
        if (_timeline is not null)
        {
            return $"session {SessionId} already exists";
        }

        if (scenario is null)
        {
            return $"unknown scenario '{scenarioId}'";
        }

        if (options is null || options.TurnDuration <= TimeSpan.Zero || options.TurnDuration > TimeSpan.FromDays(30))
        {
            return "a turn must last between a moment and 30 days";
        }

        var world = scenario.World;
        var unknown = options.HumanSeats.IsDefault ? null : options.HumanSeats.FirstOrDefault(c => !world.Has(c));
        return options.HumanSeats.IsDefault ? "human seats missing"
            : unknown is not null ? $"the scenario has no country '{unknown}'"
            : !Enum.IsDefined(options.Press) ? "unknown press rules"
            : options.NegotiationRounds is < 0 or > DiploSim.Agents.AgentOptions.MaxRounds
                ? $"negotiation rounds must be from 0 to {DiploSim.Agents.AgentOptions.MaxRounds} (found {options.NegotiationRounds})"
            : null;
    }
}
