using System.Collections.Immutable;
using DiploSim.Contracts;

namespace DiploSim.Grains;

/// <summary>
/// What a session stores: its scenario, seed, options, secrets and log. Everything else is derived from the log.
/// <see cref="Version"/> is the schema version, so a later release can read and upgrade older records.
/// </summary>
[GenerateSerializer, Alias("diplosim.SessionState")]
public sealed class SessionState
{
    public const int CurrentVersion = 1;

    [Id(0)] public int Version { get; set; } = CurrentVersion;
    [Id(1)] public string? ScenarioId { get; set; }
    [Id(2)] public ulong Seed { get; set; }
    [Id(3)] public SessionOptions? Options { get; set; }
    [Id(4)] public string? TeacherToken { get; set; }
    [Id(5)] public string? JoinCode { get; set; }
    [Id(6)] public List<LoggedEvent> Log { get; set; } = [];
}

/// <summary>What a country stores: its player's draft and a copy of the messages addressed to it.</summary>
[GenerateSerializer, Alias("diplosim.CountryState")]
public sealed class CountryState
{
    public const int CurrentVersion = 1;

    [Id(0)] public int Version { get; set; } = CurrentVersion;
    [Id(1)] public ImmutableArray<MoveOrder> Draft { get; set; } = [];
    [Id(2)] public List<LoggedEvent> Inbox { get; set; } = [];
}

/// <summary>What the registry stores: every session by id.</summary>
[GenerateSerializer, Alias("diplosim.RegistryState")]
public sealed class RegistryState
{
    public const int CurrentVersion = 1;

    [Id(0)] public int Version { get; set; } = CurrentVersion;
    [Id(1)] public Dictionary<string, SessionListing> Sessions { get; set; } = new(StringComparer.Ordinal);
}
