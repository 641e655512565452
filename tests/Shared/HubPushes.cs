using DiploSim.Server.Hub;
using Microsoft.AspNetCore.SignalR.Client;

namespace DiploSim.Testing;

/// <summary>
/// What the server pushes to one hub connection on its session (<c>Event</c>) and private (<c>Private</c>)
/// channels, so a test awaits a push, bounded, instead of sleeping. Shared by the server and cluster tests.
/// </summary>
public sealed class HubPushes
{
    private readonly List<(string Channel, EventDto Event)> _received = [];
    private readonly List<(Func<string, EventDto, bool> Match, TaskCompletionSource<EventDto> Done)> _waiters = [];
    private readonly Lock _gate = new();

    public HubPushes(HubConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.On<EventDto>("Event", e => Add("Event", e));
        connection.On<EventDto>("Private", e => Add("Private", e));
    }

    public IReadOnlyList<(string Channel, EventDto Event)> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The first push on <paramref name="channel"/> that matches, seen or still to come; fails after <paramref name="bound"/> rather than hanging.</summary>
    public Task<EventDto> WaitFor(string channel, Func<EventDto, bool> match, TimeSpan bound)
    {
        lock (_gate)
        {
            var seen = _received.FirstOrDefault(r => r.Channel == channel && match(r.Event));
            if (seen.Event is not null)
            {
                return Task.FromResult(seen.Event);
            }

            var done = new TaskCompletionSource<EventDto>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add(((c, e) => c == channel && match(e), done));
            return done.Task.WaitAsync(bound);
        }
    }

    private void Add(string channel, EventDto e)
    {
        lock (_gate)
        {
            _received.Add((channel, e));
            foreach (var w in _waiters.Where(w => w.Match(channel, e)).ToList())
            {
                w.Done.TrySetResult(e);
                _waiters.Remove(w);
            }
        }
    }
}
