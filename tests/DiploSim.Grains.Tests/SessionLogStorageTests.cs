using DiploSim.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace DiploSim.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SessionLogStorageTests(ClusterFixture fixture)
{
    private IGrainStorage Storage => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderNames.Storage);

    [Fact]
    public async Task A_long_log_is_appended_in_pages_and_reads_back_whole_and_in_order()
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
        var before = await session.GetLog(afterSequence: 0);

        // The session's record holds none of the events: they are in full pages, the last one filling.
        var main = new GrainState<SessionState>();
        await Storage.ReadStateAsync(SessionJournal.SessionRecord, session.GetGrainId(), main);
        var pages = await StoredSessions.Pages(Storage, session.GetGrainId());
        Assert.Empty(main.State!.Log);
        Assert.Equal((before.Length + SessionJournal.PageSize - 1) / SessionJournal.PageSize, pages.Count);
        Assert.All(pages.SkipLast(1), p => Assert.Equal(SessionJournal.PageSize, p.State!.Log.Count));
        Assert.Equal(before.Select(e => e.Sequence), pages.SelectMany(p => p.State!.Log).Select(e => e.Sequence));

        await fixture.Cluster.DeactivateAsync(session);
        var after = await session.GetLog(afterSequence: 0);
        Assert.Equal(Enumerable.Range(1, after.Length).Select(i => (long)i), after.Select(e => e.Sequence));
        Assert.Equal(before.Select(e => (e.Sequence, e.Event.GetType().Name)), after.Select(e => (e.Sequence, e.Event.GetType().Name)));
        Assert.Equal(
            Enumerable.Range(0, messages).Select(i => $"message {i}"),
            after.Select(e => e.Event).OfType<MessageSent>().Select(m => m.Text));
        Assert.Equal(1, (await session.GetStatus()).Turn);

        // A page's slice carries only the events after the last one it has, on either side of a page's edge.
        var teacher = new Credential(TokenHolder.Teacher, null, ticket.TeacherToken);
        var edge = SessionJournal.PageSize * 3;
        foreach (var last in new long[] { 0, 1, edge - 1, edge, edge + 1, after.Length - 1, after.Length, after.Length + 5 })
        {
            var slice = (await session.GetSlice(teacher, last, 0, null)).Value!;
            Assert.Equal(after.Where(e => e.Sequence > last).Select(e => e.Sequence), slice.Log.Select(e => e.Sequence));
        }
    }

    [Fact]
    public async Task A_message_costs_as_many_bytes_to_store_late_in_a_session_as_early()
    {
        var store = Assert.IsType<MemoryGrainStore>(Storage);
        var (session, ticket) = await Sessions.Create(fixture.Client, "message-cost", seed: 2, humans: ["IND"]);
        var india = (await session.Join("IND", "Asha")).Value!;
        await session.Start(ticket.TeacherToken);
        var text = new string('m', SessionTimeline.MaxMessageLength);
        var costs = new List<long>();

        // This collection runs its tests one at a time, so what the store writes meanwhile is this session's.
        for (var i = 0; i < SessionJournal.PageSize * 16; i++)
        {
            var written = store.BytesWritten;
            Assert.True((await session.SendMessage("IND", india.Token, null, text)).IsAccepted);
            costs.Add(store.BytesWritten - written);
        }

        // Any two pages' worth of messages in a row fill pages the same way; the first page also holds the join and the start.
        var early = costs.Skip(SessionJournal.PageSize).Take(SessionJournal.PageSize * 2).Sum();
        var late = costs.TakeLast(SessionJournal.PageSize * 2).Sum();
        Assert.InRange(late, early * 0.98, early * 1.02);
    }
}
