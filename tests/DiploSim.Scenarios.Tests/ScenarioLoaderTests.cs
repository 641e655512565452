using DiploSim.Core;
using DiploSim.Core.Worlds;

namespace DiploSim.Scenarios.Tests;

public sealed class ScenarioLoaderTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(7UL)]
    [InlineData(123456789UL)]
    public void Baseline_file_reproduces_the_built_in_baseline(ulong seed)
    {
        var loaded = ScenarioLoader.Load(Library.File("india-russia-summit-2025.yaml"), new ScenarioOptions(seed));

        Assert.True(loaded.IsOk, string.Join(Environment.NewLine, loaded.Errors));
        Assert.Equal(StateHash.Compute(BaselineWorld.Create(seed)), StateHash.Compute(loaded.Scenario!.World));
    }
}
