using Orleans.Storage;

namespace DiploSim.Grains.Tests;

/// <summary>Sessions as their records are stored, read and rewritten the way the tests of upgrades need, without a grain.</summary>
public static class StoredSessions
{
    /// <summary>
    /// The session's record with its whole log (the record's events, then its pages') and the passes in force, read
    /// as stored: nothing is upgraded or written.
    /// </summary>
    public static async Task<SessionState> Read(IGrainStorage storage, GrainId id)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var main = new GrainState<SessionState>();
        await storage.ReadStateAsync(SessionJournal.SessionRecord, id, main);
        var state = main.State!;
        foreach (var page in await Pages(storage, id))
        {
            state.Log.AddRange(page.State!.Log);
            state.TeacherTokenDigest = page.State.TeacherTokenDigest ?? state.TeacherTokenDigest;
            state.SpectatorTokenDigest = page.State.SpectatorTokenDigest ?? state.SpectatorTokenDigest;
        }

        return state;
    }

    /// <summary>
    /// Changes a stored session whose grain is not active: its whole log and passes go into its record, changed by
    /// <paramref name="change"/> (to make it look as an older release stored it), and its pages are removed.
    /// </summary>
    public static async Task Rewrite(IGrainStorage storage, GrainId id, Action<SessionState> change)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(change);
        var main = new GrainState<SessionState>();
        await storage.ReadStateAsync(SessionJournal.SessionRecord, id, main);
        main.State = await Read(storage, id);
        change(main.State);
        await storage.WriteStateAsync(SessionJournal.SessionRecord, id, main);
        var pages = await Pages(storage, id);
        for (var i = 0; i < pages.Count; i++)
        {
            await storage.ClearStateAsync(SessionJournal.PageRecord(i), id, pages[i]);
        }
    }

    /// <summary>The session's log pages as stored.</summary>
    public static async Task<List<GrainState<LogPage>>> Pages(IGrainStorage storage, GrainId id)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var pages = new List<GrainState<LogPage>>();
        while (true)
        {
            var page = new GrainState<LogPage>();
            await storage.ReadStateAsync(SessionJournal.PageRecord(pages.Count), id, page);
            if (!page.RecordExists)
            {
                return pages;
            }

            pages.Add(page);
        }
    }
}
