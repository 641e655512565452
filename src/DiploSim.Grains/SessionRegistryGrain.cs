using System.Collections.Immutable;
using System.Security.Cryptography;
using DiploSim.Contracts;

namespace DiploSim.Grains;

/// <summary>The lobby's list of sessions and their join codes.</summary>
public sealed class SessionRegistryGrain(
    [PersistentState("registry", ProviderNames.Storage)] IPersistentState<RegistryState> stored) : Grain, ISessionRegistryGrain
{
    // No 0/O or 1/I/L: codes are read aloud and copied from a projector.
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int CodeLength = 6;

    public async Task<string> Register(string sessionId, string scenarioId, string? forkedFrom)
    {
        if (stored.State.Sessions.TryGetValue(sessionId, out var existing))
        {
            return existing.JoinCode;
        }

        var taken = stored.State.Sessions.Values.Select(s => s.JoinCode).ToHashSet(StringComparer.Ordinal);
        string code;
        do
        {
            code = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
        }
        while (taken.Contains(code));

        stored.State.Sessions[sessionId] = new SessionListing(sessionId, scenarioId, code, SessionPhase.Lobby, forkedFrom);
        await stored.WriteStateAsync();
        return code;
    }

    public async Task SetPhase(string sessionId, SessionPhase phase)
    {
        if (stored.State.Sessions.TryGetValue(sessionId, out var listing) && listing.Phase != phase)
        {
            stored.State.Sessions[sessionId] = listing with { Phase = phase };
            await stored.WriteStateAsync();
        }
    }

    public Task<string?> FindByJoinCode(string joinCode) =>
        Task.FromResult(stored.State.Sessions.Values.FirstOrDefault(s => string.Equals(s.JoinCode, joinCode?.Trim().ToUpperInvariant(), StringComparison.Ordinal))?.SessionId);

    public Task<ImmutableArray<SessionListing>> List() =>
        Task.FromResult(stored.State.Sessions.Values.OrderBy(s => s.SessionId, StringComparer.Ordinal).ToImmutableArray());
}
