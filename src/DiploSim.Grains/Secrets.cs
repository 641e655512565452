using System.Security.Cryptography;
using System.Text;

namespace DiploSim.Grains;

/// <summary>
/// Teacher and seat tokens: 128 random bits handed to their holder once. The session stores only their SHA-256
/// digest, so a copy of the database does not let anyone act for a teacher or a seat.
/// </summary>
internal static class Secrets
{
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A token that follows from a secret and a purpose (HMAC-SHA256, 128 bits in hex): whoever holds the secret can make it again.</summary>
    public static string Derive(string secret, string purpose) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(purpose)))[..32];

    public static string Digest(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>True when <paramref name="given"/> is the token whose digest is <paramref name="digest"/>, compared in constant time.</summary>
    public static bool Matches(string? digest, string? given) =>
        !string.IsNullOrEmpty(digest)
        && given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(digest), Encoding.ASCII.GetBytes(Digest(given)));
}
