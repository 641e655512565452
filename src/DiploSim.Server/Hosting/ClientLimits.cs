using System.ComponentModel.DataAnnotations;
using DiploSim.Grains;

namespace DiploSim.Server;

/// <summary>
/// Everything a client may send, in one place: the <c>DiploSim:Limits</c> section. The API answers a request over a
/// limit with a 400 (a 413 for a body, a 429 for a rate) whose detail names the limit, the hub with a refusal that
/// names it. docs/deployment.md lists each with its default.
/// </summary>
public sealed class ClientLimits
{
    public const string Section = "DiploSim:Limits";

    /// <summary>Characters in a player's name.</summary>
    [Range(1, 200)]
    public int PlayerNameLength { get; set; } = 40;

    /// <summary>Characters in a message between countries, and in an ad-hoc shock's headline or body (the session's own ceiling is its upper bound).</summary>
    [Range(1, SessionTimeline.MaxMessageLength)]
    public int MessageLength { get; set; } = 2000;

    /// <summary>Messages one seat may send in any minute.</summary>
    [Range(1, 10_000)]
    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>Characters in a scenario id.</summary>
    [Range(1, 1000)]
    public int ScenarioIdLength { get; set; } = 64;

    /// <summary>Characters in a join code.</summary>
    [Range(1, 1000)]
    public int JoinCodeLength { get; set; } = 16;

    /// <summary>Moves in one submission or saved draft (the session's own ceiling is its upper bound).</summary>
    [Range(1, SessionTimeline.MaxMovesPerTurn)]
    public int MovesPerSubmission { get; set; } = SessionTimeline.MaxMovesPerTurn;

    /// <summary>Characters in any other text a client sends: a country, a proposal, shock or delivery id, a move's fields, a state hash.</summary>
    [Range(1, 1000)]
    public int IdentifierLength { get; set; } = 100;

    /// <summary>Items in any other list a client sends: a move's partners, an ad-hoc shock's effects, a new session's human seats.</summary>
    [Range(1, 1000)]
    public int ListLength { get; set; } = 32;

    /// <summary>Bytes in one hub message (SignalR's <c>MaximumReceiveMessageSize</c>); a larger one closes the connection.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long HubMessageBytes { get; set; } = 32 * 1024;

    /// <summary>Bytes in the body of an API request.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long RequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Sessions one client address may create in an hour (forks from the teacher's console are not counted).</summary>
    [Range(1, 1_000_000)]
    public int SessionsPerAddressPerHour { get; set; } = 30;

    /// <summary>Hub connections open at once from one client address (a classroom behind one router shares an address).</summary>
    [Range(1, 1_000_000)]
    public int ConnectionsPerAddress { get; set; } = 200;

    /// <summary>How long a hub connection without a valid pass stays open (to read why it was refused) before the server closes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan AuthenticationTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the server pings an idle connection (SignalR's <c>KeepAliveInterval</c>); the web client drops a server silent for twice this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the server waits for anything from a client (the client pings every 15 s) before it drops the connection (SignalR's <c>ClientTimeoutInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:20:00")]
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The limit's name as an operator sets it, for refusals: <c>DiploSim:Limits:PlayerNameLength</c>.</summary>
    public static string Name(string limit) => $"{Section}:{limit}";

    /// <summary>
    /// A refusal for text over a limit that says how long it was and never repeats it: <paramref name="what"/> is what
    /// the text is ("a player's name").
    /// </summary>
    public static string TooLong(string what, int length, int limit, string name) =>
        $"{what} may have at most {limit} characters ({Name(name)}); this one has {length}";

    /// <summary>At most <paramref name="length"/> characters of a client's text, for a log line or a refusal that quotes it.</summary>
    public static string Clip(string? text, int length = 64) =>
        text is null ? string.Empty : text.Length <= length ? text : $"{text[..length]}… ({text.Length} characters)";
}
