using DiploSim.Contracts;

namespace DiploSim.Server.Hub;

/// <summary>What the server pushes to browsers: the hub's client contract, in one place.</summary>
public interface IGameClient
{
    /// <summary>A session-wide event (a private message appears without its text); a resolved turn carries its outcome.</summary>
    Task Event(EventDto e);

    /// <summary>An event of the connection's private country channel: a message to or from its country.</summary>
    Task Private(EventDto e);

    /// <summary>
    /// The seat's draft was saved (on one of its pages, on any node): a page whose plan is an older revision reads the
    /// seat's view again and shows the plan as kept.
    /// </summary>
    Task DraftSaved(DraftSaved saved);

    /// <summary>The connection's pass no longer works (seat freed or reassigned, teacher's or screen's pass replaced): the page should stop acting.</summary>
    Task Revoked(string reason);
}
