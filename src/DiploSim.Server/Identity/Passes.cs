using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using DiploSim.Contracts;
using DiploSim.Server.Hub;
using Microsoft.Extensions.Options;

namespace DiploSim.Server.Identity;

public enum Role
{
    Teacher,
    Player,
    Spectator,
}

/// <summary>
/// Who a connection or a request speaks for. <see cref="Secret"/> is the grain's token (teacher, seat or classroom
/// screen); the grain checks it again on every command, so a pass only opens the door the grain already guards.
/// </summary>
public sealed record Pass(Role Role, string SessionId, string? Country, string Secret);

/// <summary>
/// Passes without accounts. A pass is base64url text of <c>role|session|country|secret|mac</c>. Teacher and spectator
/// passes carry an HMAC by this server's key and the session's teacher or screen token, which the session grain checks
/// as well, so the teacher can replace either; a player's pass carries the seat token, which the session grain checks,
/// so freeing or reassigning a seat revokes it.
/// </summary>
public sealed class PassBook(IOptions<ServerOptions> options)
{
    private readonly byte[] _key = options.Value.SigningKeyBytes();

    public string Teacher(string sessionId, string teacherToken) => Write(Role.Teacher, sessionId, null, teacherToken);

    public string Spectator(string sessionId, string spectatorToken) => Write(Role.Spectator, sessionId, null, spectatorToken);

    /// <summary>The passes a session's teacher hands out, from the session's ticket.</summary>
    public SessionPassesDto Issue(SessionTicket ticket) => new(
        ticket.SessionId, ticket.JoinCode, Teacher(ticket.SessionId, ticket.TeacherToken),
        ticket.SpectatorToken is { } screen ? Spectator(ticket.SessionId, screen) : null);

    public static string Player(string sessionId, string country, string seatToken) =>
        Encode($"p|{sessionId}|{country}|{seatToken}|");

    /// <summary>Characters in the longest pass read; the ones issued have fewer than 200.</summary>
    public const int MaxLength = 1024;

    /// <summary>Reads a pass, or gives the reason it is not one. Seat tokens are checked by the caller against the grain.</summary>
    public (Pass? Pass, string? Refusal) Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "no pass was presented");
        }

        // A pass the server issued has fewer than 200 characters; a longer one is forged, and its parts (a country, a
        // session id) would otherwise reach refusals, logs and grain keys.
        if (text.Length > MaxLength)
        {
            return (null, "the pass is not readable");
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text.Trim()));
        }
        catch (FormatException)
        {
            return (null, "the pass is not readable");
        }

        var parts = decoded.Split('|');
        if (parts.Length != 5 || parts[1].Length == 0)
        {
            return (null, "the pass is not readable");
        }

        var (kind, session, country, secret, mac) = (parts[0], parts[1], parts[2], parts[3], parts[4]);
        switch (kind)
        {
            case "p" when country.Length > 0 && secret.Length > 0:
                return (new Pass(Role.Player, session, country, secret), null);
            case "t" or "s":
                var role = kind == "t" ? Role.Teacher : Role.Spectator;
                var expected = Mac(kind, session, secret);
                return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(mac))
                    ? (new Pass(role, session, null, secret), null)
                    : (null, "the pass was not issued by this server");
            default:
                return (null, "the pass is not readable");
        }
    }

    private string Write(Role role, string sessionId, string? country, string secret)
    {
        var kind = role == Role.Teacher ? "t" : "s";
        return Encode($"{kind}|{sessionId}|{country}|{secret}|{Mac(kind, sessionId, secret)}");
    }

    private string Mac(string kind, string sessionId, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{kind}|{sessionId}|{secret}")));

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}

public static class PassChecks
{
    /// <summary>Whether the session still honours the pass's token: the seat's, the teacher's or the classroom screen's.</summary>
    public static Task<bool> Honours(this ISessionGrain session, Pass pass)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Honours(pass.Credential());
    }

    /// <summary>The pass's token as the session checks it.</summary>
    public static Credential Credential(this Pass pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var holder = pass.Role switch
        {
            Role.Player => TokenHolder.Seat,
            Role.Teacher => TokenHolder.Teacher,
            _ => TokenHolder.Spectator,
        };
        return new Credential(holder, pass.Country, pass.Secret);
    }
}
