using System.Security.Cryptography;

namespace DiploSim.Server;

/// <summary>The <c>DiploSim</c> configuration section.</summary>
public sealed class ServerOptions
{
    public const string Section = "DiploSim";

    /// <summary><c>Sqlite</c> (durable, the default) or <c>Memory</c> (tests, demos).</summary>
    public string Storage { get; set; } = "Sqlite";

    /// <summary>
    /// Base64 key that signs teacher and spectator passes. Every node of a cluster needs the same one (required in Redis
    /// mode); when absent on an embedded node, one is made and kept in the data directory (or, with memory storage, held
    /// for the life of the process). The silo's ports and the data directory are under <c>DiploSim:Cluster</c>.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The built web client; defaults to the host's web root (wwwroot).</summary>
    public string? WebRoot { get; set; }

    internal byte[] SigningKeyBytes() => SigningKey is { Length: > 0 } k ? Convert.FromBase64String(k) : _processKey.Value;

    private readonly Lazy<byte[]> _processKey = new(() => RandomNumberGenerator.GetBytes(32));
}
