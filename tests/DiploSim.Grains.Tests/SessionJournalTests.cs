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
    public async Task A_replaced_pass_is_stored_with_its_event_and_outlasts_the_page()
    {
        var store = NewStore();
        var id = NewSession();
        var journal = await Begin(store, id);
        journal.Session.TeacherTokenDigest = "first teacher";
        journal.Session.SpectatorTokenDigest = "first screen";
        await journal.StoreSession();
        await journal.Append(At, "IND", Message(0));
        await journal.Append(At, "teacher", new PassReplaced(PassHolder.Teacher), new PassDigests("second teacher", null));
        for (var i = 0; i < SessionJournal.PageSize * 2; i++)
        {
            await journal.Append(At, "IND", Message(i));
        }

        var reopened = await Open(store, id);
        Assert.Equal(("second teacher", "first screen"), (reopened.TeacherTokenDigest, reopened.SpectatorTokenDigest));
        Assert.IsType<PassReplaced>(reopened.Log.ElementAt(1).Event);
        Assert.Equal("first teacher", reopened.Session.TeacherTokenDigest);
    }

    [Fact]
    public async Task A_session_stored_before_pages_opens_whole_once_and_continues_in_pages()
    {
        var store = NewStore();
        var id = NewSession();
        LoggedEvent Entry(int sequence) => new(sequence, At, "IND", Message(sequence));

        // As version 5 left it: a fold interrupted by a crash left copies of events 2 and 3 in the recent record.
        await store.WriteStateAsync(SessionJournal.SessionRecord, id, new GrainState<SessionState>(
            new SessionState { Version = 5, ScenarioId = "baseline", Log = [Entry(1), Entry(2), Entry(3)] }));
        var recent = new GrainState<RecentEvents>(new RecentEvents { Log = [Entry(2), Entry(3), Entry(4)] });
        await store.WriteStateAsync(SessionJournal.RecentRecord, id, recent);

        var journal = await Open(store, id);
        Assert.Equal([1L, 2, 3, 4], journal.Log.Select(e => e.Sequence));
        Assert.Equal(SessionState.CurrentVersion, journal.Session.Version);
        Assert.Equal(5, (await journal.Append(At, "IND", Message(5))).Sequence);

        var reopened = await Open(store, id);
        Assert.Equal([1L, 2, 3, 4, 5], reopened.Log.Select(e => e.Sequence));
        Assert.Equal((4, 1), (reopened.Session.Log.Count, reopened.Pages));
        var left = new GrainState<RecentEvents>();
        await store.ReadStateAsync(SessionJournal.RecentRecord, id, left);
        Assert.False(left.RecordExists);
    }

    [Fact]
    public async Task An_event_stores_only_its_page_so_its_cost_does_not_grow_with_the_log()
    {
        var store = NewStore();
        var journal = await Begin(store, NewSession());
        var text = new string('x', SessionTimeline.MaxMessageLength);
        var costs = new List<long>();
        for (var i = 0; i < SessionJournal.PageSize * 20; i++)
        {
            var before = store.BytesWritten;
            await journal.Append(At, "IND", new MessageSent(0, "IND", null, text));
            costs.Add(store.BytesWritten - before);
        }

        // The first two pages' events against the last two's: the same writes, whatever came before them.
        var early = costs.Take(SessionJournal.PageSize * 2).Sum();
        var late = costs.TakeLast(SessionJournal.PageSize * 2).Sum();
        Assert.InRange(late, early * 0.98, early * 1.02);
        Assert.True(costs.Max() < (SessionJournal.PageSize + 1) * (text.Length + 100), $"one event's write cost {costs.Max()} bytes");
    }

    [Fact]
    public async Task A_page_stored_by_a_newer_release_is_refused()
    {
        var store = NewStore();
        var id = NewSession();
        var journal = await Begin(store, id);
        await journal.Append(At, "IND", Message(0));
        await store.WriteStateAsync(SessionJournal.PageRecord(1), id, new GrainState<LogPage>(new LogPage { Version = LogPage.CurrentVersion + 1 }));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Open(store, id));
        Assert.Contains("newer DiploSim", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_never_created_does_not_exist_and_has_no_log()
    {
        var journal = await Open(NewStore(), NewSession());
        Assert.False(journal.Exists);
        Assert.Empty(journal.Log);
    }
}
