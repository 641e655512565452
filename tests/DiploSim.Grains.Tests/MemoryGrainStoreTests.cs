using DiploSim.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace DiploSim.Grains.Tests;

public sealed class MemoryGrainStoreTests
{
    private static readonly GrainId Session = GrainId.Create("session", "memory-store");

    private static MemoryGrainStore NewStore() =>
        new(new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(SessionState).Assembly).AddAssembly(typeof(LoggedEvent).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>());

    [Fact]
    public async Task A_read_gives_a_copy_of_what_was_written_with_its_version()
    {
        var store = NewStore();
        var written = new GrainState<SessionState>(new SessionState { ScenarioId = "baseline", Seed = 9 });
        await store.WriteStateAsync("session", Session, written);

        written.State!.Seed = 10;
        var read = new GrainState<SessionState>();
        await store.ReadStateAsync("session", Session, read);

        Assert.True(read.RecordExists);
        Assert.Equal(("baseline", 9UL, written.ETag), (read.State!.ScenarioId, read.State.Seed, read.ETag));
        Assert.NotSame(written.State, read.State);
    }

    [Fact]
    public async Task A_write_from_a_stale_copy_is_refused_and_the_newer_state_kept()
    {
        var store = NewStore();
        var first = new GrainState<SessionState>(new SessionState { Seed = 1 });
        await store.WriteStateAsync("session", Session, first);
        var stale = new GrainState<SessionState>();
        await store.ReadStateAsync("session", Session, stale);

        first.State!.Seed = 2;
        await store.WriteStateAsync("session", Session, first);
        stale.State!.Seed = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteStateAsync("session", Session, stale));

        // A second record under the same key without an ETag is refused too.
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteStateAsync("session", Session, new GrainState<SessionState>(new SessionState())));

        var read = new GrainState<SessionState>();
        await store.ReadStateAsync("session", Session, read);
        Assert.Equal(2UL, read.State!.Seed);

        await store.ClearStateAsync("session", Session, read);
        var gone = new GrainState<SessionState>();
        await store.ReadStateAsync("session", Session, gone);
        Assert.False(gone.RecordExists);
        Assert.Null(gone.ETag);
    }
}
