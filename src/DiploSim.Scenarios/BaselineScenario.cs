using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Core.Worlds;

namespace DiploSim.Scenarios;

/// <summary>
/// The baseline of the scenario library, <c>india-russia-summit-2025.yaml</c>: India, Russia, China, the United
/// States and the European Union in 2025-Q4, calibrated from the public 2024–25 figures cited in the file. The
/// file is the single source of the baseline; this class loads it once and hands out seeded, re-parameterised
/// copies of its world.
/// </summary>
public static class BaselineScenario
{
    public const string Id = "india-russia-summit-2025";

    private static readonly Lazy<Scenario> Loaded = new(LoadFromLibrary, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The baseline scenario, its world seeded with <paramref name="seed"/>.</summary>
    public static Scenario Load(ulong seed = 1) => Loaded.Value with { World = Loaded.Value.World.WithSeed(seed) };

    /// <summary>
    /// The baseline world at turn 0 with a seed and, optionally, other model parameters — recalibrated, exactly as
    /// if the file had been loaded with those parameters.
    /// </summary>
    public static WorldState World(ulong seed = 1, ModelParameters? parameters = null)
    {
        var world = Loaded.Value.World;
        if (parameters is not null)
        {
            world = WorldBuilder.Calibrate(world with { Parameters = parameters });
        }

        return world.WithSeed(seed);
    }

    private static Scenario LoadFromLibrary()
    {
        var path = ScenarioLibrary.Find(Id)
            ?? throw new FileNotFoundException($"The scenario library (scenarios/{Id}.yaml) was not found above {AppContext.BaseDirectory}.");
        var result = ScenarioLoader.Load(path);
        return result.Scenario
            ?? throw new InvalidDataException($"{path} does not load: {string.Join("; ", result.Errors.Select(e => e.ToString()))}");
    }
}
