using DiploSim.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace DiploSim.Grains.Tests;

public sealed class LibraryScenarioCatalogTests
{
    [Fact]
    public void The_default_catalog_serves_every_scenario_of_the_library()
    {
        var catalog = new LibraryScenarioCatalog(NullLogger<LibraryScenarioCatalog>.Instance);

        var ids = catalog.List().Select(s => s.Id).ToArray();
        Assert.Equal(ScenarioLibrary.Files().Select(Path.GetFileNameWithoutExtension), ids);
        Assert.Contains(BaselineScenario.Id, ids);
        var baseline = catalog.Find(BaselineScenario.Id)!;
        Assert.Equal(Core.StateHash.Compute(BaselineScenario.World(baseline.World.Rng.State)), Core.StateHash.Compute(baseline.World));
        Assert.NotEmpty(catalog.List().Single(s => s.Id == BaselineScenario.Id).Injects);
        Assert.Null(catalog.Find("no-such-scenario"));
    }

    [Fact]
    public void A_broken_file_is_left_out_and_the_rest_served()
    {
        var broken = Path.Combine(Directory.CreateTempSubdirectory("diplosim-catalog-").FullName, "broken.yaml");
        File.WriteAllText(broken, "id: broken\nactors: 7\n");

        var catalog = LibraryScenarioCatalog.Of([broken, .. ScenarioLibrary.Files()], NullLogger<LibraryScenarioCatalog>.Instance);

        Assert.Null(catalog.Find("broken"));
        Assert.NotNull(catalog.Find(BaselineScenario.Id));
    }
}
