using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DiploSim.Core;
using DiploSim.Scenarios;

namespace DiploSim.Grains;

/// <summary>
/// Scenarios read from the texts sessions stored when they were created. Each distinct text is read once per silo and
/// shared by every session that stored it: the sessions of a class, created from one library file, share one world.
/// </summary>
public sealed class PinnedScenarios
{
    private readonly ConcurrentDictionary<string, Lazy<ScenarioLoadResult>> _byDigest = new(StringComparer.Ordinal);

    /// <summary>The scenario <paramref name="text"/> describes, or the reason it does not load.</summary>
    public (Scenario? Scenario, string? Problem) Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var result = _byDigest.GetOrAdd(digest, _ => new Lazy<ScenarioLoadResult>(() => ScenarioLoader.Parse(text, "the session's stored scenario"))).Value;
        return result.Scenario is { } scenario
            ? (scenario, null)
            : (null, result.Errors.IsDefaultOrEmpty ? "it does not load" : result.Errors[0].ToString());
    }
}
