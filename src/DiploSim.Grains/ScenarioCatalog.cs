using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;
using DiploSim.Core.Worlds;

namespace DiploSim.Grains;

/// <summary>The scenarios sessions can be created from, by id. The file-based catalog plugs in here through DI.</summary>
public interface IScenarioCatalog
{
    Scenario? Find(string id);

    IReadOnlyList<ScenarioListing> List();
}

/// <summary>The scenarios built in code: the baseline India–Russia summit world with no scripted shocks.</summary>
public sealed class BuiltInScenarioCatalog : IScenarioCatalog
{
    public const string BaselineId = "india-russia-summit-2025";

    private readonly ImmutableArray<Scenario> _scenarios =
    [
        new Scenario(
            BaselineId,
            "India–Russia summit, December 2025",
            "The 23rd India–Russia Annual Summit: defence, discounted crude, trade targets, corridors and the US tariff salvos.",
            40,
            BaselineWorld.Create(),
            ShockScript.Empty),
    ];

    public Scenario? Find(string id) => _scenarios.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    public IReadOnlyList<ScenarioListing> List() => [.. _scenarios.Select(Listing)];

    public static ScenarioListing Listing(Scenario s) =>
        new(s.Id, s.Title, s.Summary, s.Turns, [.. s.World.Actors.Select(a => a.Id)], [.. s.Script.Injects.Select(i => i.Id)]);
}

/// <summary>The clock turns run on, apart from the silo's own so tests can drive deadlines with a fake one.</summary>
public sealed class TurnClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}

/// <summary>Names of the storage and stream providers the grains use.</summary>
public static class ProviderNames
{
    /// <summary>Grain storage for sessions, countries and the registry.</summary>
    public const string Storage = "diplosim";
}
