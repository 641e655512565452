using DiploSim.Core;

namespace DiploSim.Scenarios.Tests.Fuzz;

/// <summary>Plays a loaded scenario a few turns with bots on every seat and counts the world's numbers that are not finite.</summary>
internal static class Play
{
    public static int NonFinite(Scenario scenario, int turns)
    {
        var count = StateHash.NonFinite(scenario.World);
        foreach (var result in Simulation.Play(scenario.World, scenario.Script, turns, ResolveOptions.Lookahead))
        {
            count += StateHash.NonFinite(result.State);
        }

        return count;
    }
}
