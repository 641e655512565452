namespace DiploSim.Server.Hub;

/// <summary>
/// A fault behind the hub (a silo going away, a timeout, a bug) in words for the person who made the call: never the
/// exception's text, an address or a stack, which go to the server's log.
/// </summary>
public static class HubFaults
{
    /// <summary>
    /// A node left or a call timed out. Every command the web client sends names its turn or carries its id, so it
    /// sends the same call again by itself when it reads this, and shows "reconnecting" meanwhile.
    /// </summary>
    public const string SwitchingOver = "The server is switching over, your move is safe — retrying.";

    public const string Failed = "The server could not do that just now; the fault is in its log. Try again, and tell the operator if it keeps happening.";

    /// <summary>
    /// <see cref="SwitchingOver"/> for the cluster's transient faults (an Orleans runtime fault such as a silo that left or
    /// a dropped connection, or a timeout), <see cref="Failed"/> for anything else.
    /// </summary>
    public static string Describe(Exception exception) => IsSwitchingOver(exception) ? SwitchingOver : Failed;

    /// <summary>Whether the fault is the cluster's and passes (a node that left, a connection to it, a timeout), anywhere in the chain.</summary>
    public static bool IsSwitchingOver(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException aggregate && aggregate.InnerExceptions.Any(IsSwitchingOver))
        {
            return true;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OrleansException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
