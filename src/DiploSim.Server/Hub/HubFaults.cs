namespace DiploSim.Server.Hub;

/// <summary>
/// A fault behind the hub (a silo going away, a timeout, a bug) in words for the person who made the call: never the
/// exception's text, an address or a stack, which go to the server's log.
/// </summary>
public static class HubFaults
{
    public const string SwitchingOver = "The server is switching over — everything it acknowledged is kept; try again in a moment.";

    public const string Failed = "The server could not do that just now; the fault is in its log. Try again, and tell the operator if it keeps happening.";

    /// <summary>
    /// <see cref="SwitchingOver"/> for the cluster's transient faults (an Orleans runtime fault such as a silo that left or
    /// a dropped connection, or a timeout), <see cref="Failed"/> for anything else.
    /// </summary>
    public static string Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OrleansException or TimeoutException)
            {
                return SwitchingOver;
            }
        }

        return Failed;
    }
}
