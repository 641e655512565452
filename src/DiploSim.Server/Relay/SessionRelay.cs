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
/// </summary>
public sealed partial class SessionRelay(
    IClusterClient cluster,
    IHubContext<GameHub, IGameClient> hub,
    Connections connections,
    IScenarioCatalog catalog,
    TurnClock clock,
    ILogger<SessionRelay> logger) : IAsyncDisposable
{
    private readonly Dictionary<StreamId, Watch> _watches = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    private sealed class Watch
    {
        public int Watchers;
        public StreamSubscriptionHandle<SessionUpdate>? Handle;
    }

    /// <summary>Holds the session's public stream open for one more connection.</summary>
    public Task WatchSession(string sessionId) => Add(StreamId.Create(SessionStreams.SessionNamespace, sessionId));

    public Task UnwatchSession(string sessionId) => Drop(StreamId.Create(SessionStreams.SessionNamespace, sessionId));

    /// <summary>Holds a seat's private stream open for one more connection.</summary>
    public Task WatchCountry(string sessionId, string country) =>
        Add(StreamId.Create(SessionStreams.CountryNamespace, SessionStreams.CountryKey(sessionId, country)));

    public Task UnwatchCountry(string sessionId, string country) =>
        Drop(StreamId.Create(SessionStreams.CountryNamespace, SessionStreams.CountryKey(sessionId, country)));

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
                watch.Handle = await stream.SubscribeAsync((update, _) => Relay(id, update));
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

    private async Task Relay(StreamId id, SessionUpdate update)
    {
        try
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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRelayFailed(logger, ex, update.SessionId, update.Entry.Sequence);
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

        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying event {Sequence} of session {SessionId} failed")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string sessionId, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} lost the seat of {Country} in session {SessionId}")]
    private static partial void LogRevoked(ILogger logger, string connectionId, string sessionId, string country);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} lost its {Role} pass to session {SessionId}, which was replaced")]
    private static partial void LogEvicted(ILogger logger, string connectionId, Role role, string sessionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribing at shutdown failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
