using DiploSim.Contracts;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace DiploSim.Grains;

/// <summary>
/// Tells web nodes what a session logged: each event on the session's stream, private messages also on their
/// readers' country streams. Readers get events redacted (seat tokens' digests removed), and a private message's
/// text only on the streams of its sender and recipient. Publishing is a notification, never the record: an event is
/// stored before it is published, and a failed publish is logged, not thrown, since web nodes re-read on reconnect.
/// </summary>
/// <param name="provider">The stream provider; with none (a host that wants no notifications) nothing is published.</param>
public sealed partial class SessionPublisher(IStreamProvider? provider, string sessionId, ILogger logger)
{
    /// <summary>Publishes a logged event on the session's stream, redacted.</summary>
    public Task Publish(LoggedEvent entry) =>
        PublishTo(SessionStreams.SessionNamespace, sessionId, () => new SessionUpdate(sessionId, Redact(entry), null));

    /// <summary>
    /// Publishes a resolved turn with everything a page draws from it, so that no page has to ask: the outcome, the
    /// session's <paramref name="status"/> and the relations network on the session's stream, and the same with the
    /// seat's own dashboard on each held seat's country stream (a dashboard never goes session-wide).
    /// </summary>
    public async Task PublishResolution(LoggedEvent entry, SessionTimeline timeline, SessionStatus status, Func<string, SeatDashboard> dashboard)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(dashboard);
        SessionUpdate? shared = null;
        SessionUpdate Shared() => shared ??= new SessionUpdate(
            sessionId, Redact(entry), timeline.LatestOutcome, status, DashboardViews.Network(timeline.Current));

        await PublishTo(SessionStreams.SessionNamespace, sessionId, Shared);

        // Only a seat someone holds has pages to reach; the others' dashboards are work nobody reads.
        foreach (var country in timeline.HeldSeats())
        {
            await PublishTo(SessionStreams.CountryNamespace, SessionStreams.CountryKey(sessionId, country), () => Shared() with { Seat = dashboard(country) });
        }
    }

    /// <summary>
    /// Publishes a message to the country streams of <paramref name="recipients"/> with its text, and its fact on
    /// the session's stream: a private message's text never goes session-wide.
    /// </summary>
    public async Task PublishMessage(LoggedEvent entry, IEnumerable<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(recipients);
        foreach (var recipient in recipients)
        {
            await PublishTo(SessionStreams.CountryNamespace, SessionStreams.CountryKey(sessionId, recipient), () => new SessionUpdate(sessionId, entry, null));
        }

        await Publish(entry.Event is MessageSent { To: not null } m ? entry with { Event = m with { Text = string.Empty } } : entry);
    }

    // The update is built only when there is a stream to publish it on: the turn summary is work nobody needs otherwise.
    private async Task PublishTo(string streamNamespace, string key, Func<SessionUpdate> build)
    {
        if (provider is null)
        {
            return;
        }

        var update = build();
        try
        {
            await provider.GetStream<SessionUpdate>(StreamId.Create(streamNamespace, key)).OnNextAsync(update);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The event is stored; a failed notification must not fail the command. Web nodes re-read on reconnect.
            LogPublishFailed(logger, ex, sessionId, update.Entry.Sequence);
        }
    }

    /// <summary>An event as readers get it: a seat's token digest removed.</summary>
    public static LoggedEvent Redact(LoggedEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Event is SeatAssigned s ? entry with { Event = s with { TokenDigest = string.Empty } } : entry;
    }

    /// <summary>
    /// Whether <paramref name="reader"/> may read an event: a private message only by its sender and its recipient
    /// (and the teacher); everything else by everyone in the session.
    /// </summary>
    public static bool Readable(LoggedEvent entry, Credential reader)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(reader);
        return entry.Event is not MessageSent { To: { } to } m
            || reader.Holder == TokenHolder.Teacher
            || (reader.Holder == TokenHolder.Seat && (m.From == reader.Country || to == reader.Country));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing event {Sequence} of session {SessionId} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string sessionId, long sequence);
}
