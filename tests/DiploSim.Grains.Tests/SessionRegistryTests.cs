using DiploSim.Contracts;

namespace DiploSim.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SessionRegistryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Listings_and_their_phases_survive_compaction_and_reactivation()
    {
        var registry = fixture.Client.GetGrain<ISessionRegistryGrain>(0);
        var count = 135;
        var ids = Enumerable.Range(0, count).Select(i => $"registry-{i:D3}").ToList();
        var codes = new List<string>();
        foreach (var id in ids)
        {
            codes.Add(await registry.Register(id, "test", null));
        }

        // Some change more than once between compactions; the last change is the one that holds.
        foreach (var id in ids.Where((_, i) => i % 3 == 0))
        {
            await registry.SetPhase(id, SessionPhase.Running);
        }

        foreach (var id in ids.Where((_, i) => i % 6 == 0))
        {
            await registry.SetPhase(id, SessionPhase.Ended);
        }

        Assert.Equal(codes[5], await registry.Register(ids[5], "test", null));
        Assert.Equal(count, codes.Distinct().Count());

        await fixture.Cluster.DeactivateAsync(registry);

        var listed = (await registry.List()).Where(l => l.SessionId.StartsWith("registry-", StringComparison.Ordinal)).ToList();
        Assert.Equal(ids, listed.Select(l => l.SessionId));
        Assert.Equal(
            ids.Select((_, i) => i % 6 == 0 ? SessionPhase.Ended : i % 3 == 0 ? SessionPhase.Running : SessionPhase.Lobby),
            listed.Select(l => l.Phase));
        for (var i = 0; i < count; i += 17)
        {
            Assert.Equal(ids[i], await registry.FindByJoinCode(codes[i].ToLowerInvariant()));
        }

        Assert.Null(await registry.FindByJoinCode("nothing"));
    }
}
