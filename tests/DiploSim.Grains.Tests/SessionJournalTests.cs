using DiploSim.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;

namespace DiploSim.Grains.Tests;

public sealed class SessionJournalTests
{
    private static readonly DateTimeOffset At = new(2025, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static MemoryGrainStore NewStore() =>
        new(new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(SessionState).Assembly).AddAssembly(typeof(LoggedEvent).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>());

    private static GrainId NewSession() => GrainId.Create("sessiongrain", Guid.NewGuid().ToString("N"));

    private static async Task<SessionJournal> Open(IGrainStorage store, GrainId id)
    {
        var journal = new SessionJournal(store, id, NullLogger.Instance);
        await journal.Open(id.ToString());
        return journal;
    }

    private static async Task<SessionJournal> Begin(IGrainStorage store, GrainId id)
    {
        var journal = await Open(store, id);
        await journal.Begin(new SessionState { ScenarioId = "baseline", Seed = 3, ModelVersion = 1 });
        return journal;
    }

    private static SessionEvent Message(int i) => new MessageSent(0, "IND", null, $"message {i}");

    [Fact]
    public async Task Appended_events_are_numbered_from_one_and_read_back_in_order_after_reopening()
    {
        var store = NewStore();
        var id = NewSession();
        var journal = await Begin(store, id);
        for (var i = 0; i < 100; i++)
        {
            var entry = await journal.Append(At.AddSeconds(i), "IND", Message(i));
            Assert.Equal(i + 1, entry.Sequence);
        }

        var reopened = await Open(store, id);
        Assert.True(reopened.Exists);
        Assert.Equal(100, reopened.Count);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), reopened.Log.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"message {i}"), reopened.Log.Select(e => ((MessageSent)e.Event).Text));
    }

    [Fact]
    public async Task After_a_sequence_gives_exactly_the_events_that_follow_it()
    {
        var store = NewStore();
        var journal = await Begin(store, NewSession());
        for (var i = 0; i < 40; i++)
        {
            await journal.Append(At, "IND", Message(i));
        }

        foreach (var last in new long[] { -3, 0, 1, 7, 8, 9, 20, 39, 40, 45 })
        {
            Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i).Where(s => s > last), journal.After(last).Select(e => e.Sequence));
        }
    }

    [Fact]
    public async Task An_append_that_loses_a_race_with_another_writer_is_refused_and_leaves_the_log_as_it_was()
    {
        var store = NewStore();
        var id = NewSession();
        var first = await Begin(store, id);
        await first.Append(At, "IND", Message(0));
        var second = await Open(store, id);
        await second.Append(At, "RUS", Message(1));

        await Assert.ThrowsAsync<InconsistentStateException>(() => first.Append(At, "IND", Message(2)));

        Assert.Equal(1, first.Count);
        Assert.Equal(2, (await Open(store, id)).Count);
    }

    [Fact]
    public async Task A_change_to_the_session_record_is_stored_with_its_event()
    {
        var store = NewStore();
        var id = NewSession();
        var journal = await Begin(store, id);
        await journal.Append(At, "IND", Message(0));
        journal.Session.TeacherTokenDigest = "new digest";
        await journal.Append(At, "teacher", new PassReplaced(PassHolder.Teacher), withSession: true);

        var reopened = await Open(store, id);
        Assert.Equal("new digest", reopened.Session.TeacherTokenDigest);
        Assert.IsType<PassReplaced>(reopened.Log.Last().Event);
    }

    [Fact]
    public async Task Copies_left_in_the_recent_record_by_an_interrupted_fold_are_read_once()
    {
        var store = NewStore();
        var id = NewSession();
        LoggedEvent Entry(int sequence) => new(sequence, At, "IND", Message(sequence));
        await store.WriteStateAsync(SessionJournal.SessionRecord, id, new GrainState<SessionState>(
            new SessionState { ScenarioId = "baseline", Log = [Entry(1), Entry(2), Entry(3)] }));
        await store.WriteStateAsync(SessionJournal.RecentRecord, id, new GrainState<RecentEvents>(
            new RecentEvents { Log = [Entry(2), Entry(3), Entry(4)] }));

        var journal = await Open(store, id);

        Assert.Equal([1L, 2, 3, 4], journal.Log.Select(e => e.Sequence));
        Assert.Equal(5, (await journal.Append(At, "IND", Message(5))).Sequence);
    }

    [Fact]
    public async Task A_session_never_created_does_not_exist_and_has_no_log()
    {
        var journal = await Open(NewStore(), NewSession());
        Assert.False(journal.Exists);
        Assert.Empty(journal.Log);
    }
}
