using System.Collections.Immutable;
using DiploSim.Contracts;
using DiploSim.Grains;
using DiploSim.Server.Hub;
using DiploSim.Server.Identity;
using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;

namespace DiploSim.Server.Relay;

/// <summary>
/// The web-side bridge: subscribes, once per node, to the Orleans streams of the sessions and seats this node's
/// connections watch, and relays each update to the matching SignalR group. Grains never see SignalR; a client on
/// any node gets each update once, from the one subscription of the node it is connected to. When a seat changes hands
/// or the teacher replaces a pass, each node shuts its own connections that no longer hold one out of the channels.
/// <para>
/// The streams are Orleans' memory streams, whose queues live in one silo's memory: a node that dies takes the
/// updates queued there with it. So the relay also reads the session's log (<see cref="CatchUp"/>): when a stream
/// skips a sequence number, when a node leaves the cluster, and when <see cref="RelayCatchUp"/>'s periodic check finds
/// the session ahead of what this node relayed. It relays each sequence number once per node, in order, whichever
/// way it came; a page drops what it already has by sequence number, so a relay that repeats after a restart is harmless.
/// </para>
/// </summary>
public sealed partial class SessionRelay(
    IClusterClient cluster,
    IHubContext<GameHub, IGameClient> hub,
    Connections connections,
    IScenarioCatalog catalog,
    TurnClock clock,
    NodeMetrics metrics,
    ILogger<SessionRelay> logger) : IAsyncDisposable
{
    private readonly Dictionary<StreamId, Watch> _watches = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    private const long Unknown = -1;

    private sealed class Watch
    {
        public int Watchers;
        public StreamSubscriptionHandle<SessionUpdate>? Handle;

        /// <summary>
        /// The last sequence number relayed to this node's group: 0 for a session whose log is empty, <see cref="Unknown"/>
        /// until the session has been read (or, on a seat's stream, which carries only some numbers, always).
        /// </summary>
        public long Relayed = Unknown;

        /// <summary>
        /// The sequence a check saw the session ahead at, still unrelayed, and when (<see cref="TimeProvider"/>'s
        /// timestamp): relayed from the log once the stream has not brought it within <see cref="RelayCatchUp.Grace"/>.
        /// </summary>
        public long Behind;

        public long BehindSince;

        /// <summary>One relay at a time per stream, so that updates reach the group in the log's order.</summary>
        public readonly SemaphoreSlim Order = new(1, 1);
    }

    /// <summary>Holds the session's public stream open for one more connection.</summary>
    public Task WatchSession(string sessionId) => Add(StreamId.Create(SessionStreams.SessionNamespace, sessionId));

    public Task UnwatchSession(string sessionId) => Drop(StreamId.Create(SessionStreams.SessionNamespace, sessionId));

    /// <summary>Holds a seat's private stream open for one more connection.</summary>
    public Task WatchCountry(string sessionId, string country) => Add(CountryStream(sessionId, country));

    public Task UnwatchCountry(string sessionId, string country) => Drop(CountryStream(sessionId, country));

    /// <summary>Streams this node is subscribed to (for tests and the benchmark).</summary>
    public int Subscriptions
    {
        get
        {
            lock (_watches)
            {
                return _watches.Count(w => w.Value.Handle is not null);
            }
        }
    }

    private async Task Add(StreamId id)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_watches.TryGetValue(id, out var watch))
            {
                watch = new Watch();
                lock (_watches)
                {
                    _watches[id] = watch;
                }
            }

            watch.Watchers++;
            if (watch.Handle is null)
            {
                var stream = cluster.GetStreamProvider(SessionStreams.Provider).GetStream<SessionUpdate>(id);
                watch.Handle = await stream.SubscribeAsync((update, _) => Relay(id, watch, update));
                if (id.GetNamespace() == SessionStreams.SessionNamespace)
                {
                    // What the session holds now reaches the pages through the pull each makes once connected; the relay
                    // answers for what comes after.
                    var known = await Session(id).GetSequence();
                    await watch.Order.WaitAsync();
                    watch.Relayed = Math.Max(watch.Relayed, known);
                    watch.Order.Release();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task Drop(StreamId id)
    {
        await _gate.WaitAsync();
        try
        {
            if (_watches.TryGetValue(id, out var watch) && --watch.Watchers <= 0)
            {
                lock (_watches)
                {
                    _watches.Remove(id);
                }

                if (watch.Handle is { } handle)
                {
                    await handle.UnsubscribeAsync();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Tells the seat's pages on every node that its draft was saved (<see cref="IGameClient.DraftSaved"/>), through the
    /// seat's stream; not logged, and a notice that fails is only logged: a page learns of the plan on its next save too.
    /// </summary>
    public async Task DraftSaved(string sessionId, string country, DraftSaved saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        try
        {
            var entry = new LoggedEvent(0, clock.Now, country, new SeatDraftSaved(country, saved.Turn, saved.Revision));
            await cluster.GetStreamProvider(SessionStreams.Provider).GetStream<SessionUpdate>(CountryStream(sessionId, country))
                .OnNextAsync(new SessionUpdate(sessionId, entry, null));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDraftNoticeFailed(logger, ex, sessionId, country);
        }
    }

    /// <summary>An update from a stream: relayed unless this node relayed it already; a skipped sequence is read from the log first.</summary>
    private async Task Relay(StreamId id, Watch watch, SessionUpdate update)
    {
        if (update.Entry.Event is SeatDraftSaved draft)
        {
            // Outside the log's order: a notice of the seat's draft, for its pages on this node.
            await hub.Clients.Group(Connections.CountryGroup(update.SessionId, draft.Country)).DraftSaved(new DraftSaved(draft.Turn, draft.Revision));
            return;
        }

        await watch.Order.WaitAsync();
        try
        {
            var sequence = update.Entry.Sequence;
            if (sequence <= watch.Relayed)
            {
                return;
            }

            // The private streams carry only some sequence numbers; the session's carries every one.
            if (id.GetNamespace() == SessionStreams.SessionNamespace && watch.Relayed != Unknown && sequence > watch.Relayed + 1)
            {
                await CatchUpLocked(id, watch, sequence - 1);
            }

            await Push(id, update);
            watch.Relayed = sequence;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRelayFailed(logger, ex, update.SessionId, update.Entry.Sequence);
        }
        finally
        {
            watch.Order.Release();
        }
    }

    /// <summary>
    /// Checks every session this node watches against its log, and relays what the streams did not bring:
    /// <paramref name="now"/> relays at once whatever is missing (a node left the cluster, so its queues are gone);
    /// otherwise only what a check saw missing <see cref="RelayCatchUp.Grace"/> or longer ago, since an update on its way
    /// is not lost: under a burst of turns the streams take a few hundred milliseconds, and what the log relays in their
    /// place it relays by the session's current state, which a page whose update is a turn old cannot use.
    /// </summary>
    /// <returns>Whether some session was ahead of what this node relayed, and was left for the next check.</returns>
    public async Task<bool> CheckAll(bool now)
    {
        List<(StreamId Id, Watch Watch)> sessions;
        lock (_watches)
        {
            sessions = [.. _watches.Where(w => w.Key.GetNamespace() == SessionStreams.SessionNamespace && w.Value.Handle is not null).Select(w => (w.Key, w.Value))];
        }

        var ahead = await Task.WhenAll(sessions.Select(async s =>
        {
            try
            {
                var latest = await Session(s.Id).GetSequence();
                if (Interlocked.CompareExchange(ref s.Watch.Relayed, latest, Unknown) == Unknown)
                {
                    // Not known yet (the read when the watch began failed): the pages' own pulls cover what is there.
                    return false;
                }

                var due = now ? latest : Due(s.Watch, latest);
                if (due > Volatile.Read(ref s.Watch.Relayed))
                {
                    await CatchUp(s.Id, s.Watch, due);
                }

                return latest > Volatile.Read(ref s.Watch.Relayed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The session's node is being replaced: the next check reads it again.
                LogCheckFailed(logger, ex, s.Id.GetKeyAsString());
                return true;
            }
        }));
        return ahead.Any(a => a);
    }

    /// <summary>
    /// What a periodic check relays from the log: the sequence an earlier check saw unrelayed, once
    /// <see cref="RelayCatchUp.Grace"/> has passed since; a session newly seen ahead starts its wait.
    /// </summary>
    private long Due(Watch watch, long latest)
    {
        lock (watch)
        {
            var relayed = Volatile.Read(ref watch.Relayed);
            if (watch.Behind > relayed && clock.Time.GetElapsedTime(watch.BehindSince) >= RelayCatchUp.Grace)
            {
                var due = Math.Min(watch.Behind, latest);
                (watch.Behind, watch.BehindSince) = (latest, clock.Time.GetTimestamp());
                return due;
            }

            if (watch.Behind <= relayed && latest > relayed)
            {
                (watch.Behind, watch.BehindSince) = (latest, clock.Time.GetTimestamp());
            }

            return relayed;
        }
    }

    private async Task CatchUp(StreamId id, Watch watch, long upTo)
    {
        await watch.Order.WaitAsync();
        try
        {
            await CatchUpLocked(id, watch, upTo);
        }
        finally
        {
            watch.Order.Release();
        }
    }

    /// <summary>
    /// Relays the session's logged events after what this node relayed, up to <paramref name="upTo"/>, as the streams
    /// would have: public ones to the session's group (a private message's text only to its two countries' groups), a
    /// resolved turn with its summary and, when it is the session's last, with the status and network after it, and on
    /// the channels of the seats this node's pages hold, each seat's dashboard. A page that already had it from its stream
    /// drops the copy by its sequence number.
    /// </summary>
    private async Task CatchUpLocked(StreamId id, Watch watch, long upTo)
    {
        if (upTo <= watch.Relayed)
        {
            return;
        }

        var sessionId = id.GetKeyAsString();
        var missed = await Session(id).GetMissed(watch.Relayed, WatchedSeats(sessionId));
        var entries = missed.Log.Where(e => e.Sequence <= upTo).ToList();
        var lastResolved = missed.Log.LastOrDefault(e => e.Event is TurnResolved);
        var current = lastResolved is { Event: TurnResolved r } && r.StateHash == missed.Status.StateHash ? lastResolved.Sequence : Unknown;
        LogCatchingUp(logger, entries.Count, sessionId, watch.Relayed);
        metrics.RelayedFromLog(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Event is MessageSent { To: { } to } message)
            {
                foreach (var country in new[] { message.From, to })
                {
                    await Push(CountryStream(sessionId, country), new SessionUpdate(sessionId, entry, null));
                }

                await Push(id, new SessionUpdate(sessionId, entry with { Event = message with { Text = string.Empty } }, null));
            }
            else if (entry.Event is TurnResolved resolved)
            {
                var outcome = missed.History.FirstOrDefault(h => h.Turn == resolved.Turn && h.StateHash == resolved.StateHash);
                var update = entry.Sequence == current
                    ? new SessionUpdate(sessionId, entry, outcome, missed.Status, missed.Network)
                    : new SessionUpdate(sessionId, entry, outcome);
                await Push(id, update);
                if (entry.Sequence == current)
                {
                    foreach (var seat in missed.Seats)
                    {
                        await Push(CountryStream(sessionId, seat.View.Country), update with { Seat = seat });
                    }
                }
            }
            else
            {
                await Push(id, new SessionUpdate(sessionId, entry, null));
            }

            watch.Relayed = entry.Sequence;
        }

        watch.Relayed = Math.Max(watch.Relayed, upTo);
    }

    private static StreamId CountryStream(string sessionId, string country) =>
        StreamId.Create(SessionStreams.CountryNamespace, SessionStreams.CountryKey(sessionId, country));

    /// <summary>The seats of <paramref name="sessionId"/> whose channels this node's pages watch.</summary>
    private ImmutableArray<string> WatchedSeats(string sessionId)
    {
        var prefix = SessionStreams.CountryKey(sessionId, string.Empty);
        lock (_watches)
        {
            return [.. _watches.Keys
                .Where(k => k.GetNamespace() == SessionStreams.CountryNamespace)
                .Select(k => k.GetKeyAsString())
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => k[prefix.Length..])];
        }
    }

    private ISessionGrain Session(StreamId id) => cluster.GetGrain<ISessionGrain>(id.GetKeyAsString());

    private async Task Push(StreamId id, SessionUpdate update)
    {
        var dto = Wire.Event(update.Entry, update.Outcome) with
        {
            Status = update.Status is { } status ? Wire.Status(status, catalog, clock.Now) : null,
            Network = update.Network,
            View = update.Seat is { } seat ? Wire.View(seat.View, seat.Ledger) : null,
        };
        var ns = id.GetNamespace();
        if (ns == SessionStreams.SessionNamespace)
        {
            await hub.Clients.Group(Connections.SessionGroup(update.SessionId)).Event(dto);
            if (update.Entry.Event is SeatFreed or SeatAssigned)
            {
                await Revalidate(update.SessionId, dto.Country!);
            }
            else if (update.Entry.Event is PassReplaced replaced)
            {
                await Evict(update.SessionId, replaced.Holder);
            }
        }
        else
        {
            var key = id.GetKeyAsString();
            var country = key[(key.LastIndexOf('/') + 1)..];
            await hub.Clients.Group(Connections.CountryGroup(update.SessionId, country)).Private(dto);
        }
    }

    /// <summary>After a seat changes hands, shuts connections whose seat token no longer holds it out of its private channel.</summary>
    private async Task Revalidate(string sessionId, string country)
    {
        var session = cluster.GetGrain<ISessionGrain>(sessionId);
        foreach (var (connectionId, pass) in connections.Seat(sessionId, country))
        {
            if (!await session.Honours(pass))
            {
                LogRevoked(logger, connectionId, sessionId, country);
                connections.Remove(connectionId); // no longer the seat's: it stops counting as the seat's open page
                await hub.Groups.RemoveFromGroupAsync(connectionId, Connections.CountryGroup(sessionId, country));
                await hub.Clients.Client(connectionId).Revoked($"your seat of {country} was freed or given to another player");
            }
        }
    }

    /// <summary>
    /// After the teacher replaced a pass, drops this node's connections whose teacher's or screen's pass the session no
    /// longer honours: out of the session's channel and of the node's list, and told why. The notice names no token; the
    /// session says which passes still hold.
    /// </summary>
    private async Task Evict(string sessionId, PassHolder holder)
    {
        var session = cluster.GetGrain<ISessionGrain>(sessionId);
        var role = holder == PassHolder.Teacher ? Role.Teacher : Role.Spectator;
        foreach (var (connectionId, pass) in connections.Holding(sessionId, role))
        {
            if (!await session.Honours(pass) && connections.Remove(connectionId))
            {
                LogEvicted(logger, connectionId, role, sessionId);
                await hub.Groups.RemoveFromGroupAsync(connectionId, Connections.SessionGroup(sessionId));
                await hub.Clients.Client(connectionId).Revoked(holder == PassHolder.Teacher
                    ? "the teacher's pass was replaced; open the console with the new pass"
                    : "the classroom screen's link was replaced; open the new link from the teacher's console");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<Watch> watches;
        lock (_watches)
        {
            watches = [.. _watches.Values];
            _watches.Clear();
        }

        foreach (var w in watches)
        {
            if (w.Handle is { } handle)
            {
                try
                {
                    await handle.UnsubscribeAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogUnsubscribeFailed(logger, ex);
                }
            }
        }

        foreach (var w in watches)
        {
            w.Order.Dispose();
        }

        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notice that the draft of {Country} in session {SessionId} was saved could not be published")]
    private static partial void LogDraftNoticeFailed(ILogger logger, Exception exception, string sessionId, string country);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying event {Sequence} of session {SessionId} failed")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string sessionId, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} lost the seat of {Country} in session {SessionId}")]
    private static partial void LogRevoked(ILogger logger, string connectionId, string sessionId, string country);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} lost its {Role} pass to session {SessionId}, which was replaced")]
    private static partial void LogEvicted(ILogger logger, string connectionId, Role role, string sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Relaying {Count} missed events of session {SessionId} after {Sequence} from its log")]
    private static partial void LogCatchingUp(ILogger logger, int count, string sessionId, long sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Checking session {SessionId} against its log failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribing at shutdown failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
