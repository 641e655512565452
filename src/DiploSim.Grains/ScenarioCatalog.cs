using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Core;

namespace DiploSim.Grains;

/// <summary>The scenarios sessions can be created from, by id. The file-based catalog plugs in here through DI.</summary>
public interface IScenarioCatalog
{
    Scenario? Find(string id);

    IReadOnlyList<ScenarioListing> List();

    /// <summary>
    /// The text <paramref name="id"/> was read from, which a session stores when it is created so that later edits of
    /// the library do not change it; null for a scenario built in code, which sessions find by id.
    /// </summary>
    string? Text(string id) => null;
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
