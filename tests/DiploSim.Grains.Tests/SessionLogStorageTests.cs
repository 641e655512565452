using DiploSim.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace DiploSim.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SessionLogStorageTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_long_log_is_folded_into_the_session_record_and_reads_back_whole_and_in_order()
    {
        var (session, ticket) = await Sessions.Create(fixture.Client, "long-log", seed: 2, humans: ["IND"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        await session.Start(ticket.TeacherToken);
        var messages = 150;
        for (var i = 0; i < messages; i++)
        {
            Assert.True((await session.SendMessage("IND", india.Token, i % 2 == 0 ? null : "RUS", $"message {i}")).IsAccepted);
        }

        await session.ResolveNow(ticket.TeacherToken);
        var before = await session.GetLog();

        // The session's record holds whole folds; the recent record only what came after the last one.
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderNames.Storage);
        var main = new GrainState<SessionState>();
        var recent = new GrainState<RecentEvents>();
        await storage.ReadStateAsync("session", session.GetGrainId(), main);
        await storage.ReadStateAsync("session-recent", session.GetGrainId(), recent);
        Assert.Equal(before.Length, main.State!.Log.Count + recent.State!.Log.Count);
        Assert.InRange(main.State.Log.Count, 100, before.Length - 1);
        Assert.InRange(recent.State.Log.Count, 1, Compaction.FoldAt(main.State.Log.Count) - 1);

        await fixture.Cluster.DeactivateAsync(session);
        var after = await session.GetLog();
        Assert.Equal(Enumerable.Range(1, after.Length).Select(i => (long)i), after.Select(e => e.Sequence));
        Assert.Equal(before.Select(e => (e.Sequence, e.Event.GetType().Name)), after.Select(e => (e.Sequence, e.Event.GetType().Name)));
        Assert.Equal(
            Enumerable.Range(0, messages).Select(i => $"message {i}"),
            after.Select(e => e.Event).OfType<MessageSent>().Select(m => m.Text));
        Assert.Equal(1, (await session.GetStatus()).Turn);

        // A page's slice skips to its last event, on either side of the boundary between the two records.
        var teacher = new Credential(TokenHolder.Teacher, null, ticket.TeacherToken);
        var folded = main.State.Log.Count;
        foreach (var last in new long[] { 0, 1, folded - 1, folded, folded + 1, after.Length - 1, after.Length, after.Length + 5 })
        {
            var slice = (await session.GetSlice(teacher, last, 0, null)).Value!;
            Assert.Equal(after.Where(e => e.Sequence > last).Select(e => e.Sequence), slice.Log.Select(e => e.Sequence));
        }
    }
}
