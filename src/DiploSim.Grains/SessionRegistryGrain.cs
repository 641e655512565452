using System.Collections.Immutable;
using System.Security.Cryptography;
using DiploSim.Contracts;
using Microsoft.Extensions.Logging;

namespace DiploSim.Grains;

/// <summary>The lobby's list of sessions and their join codes.</summary>
/// <remarks>
/// The registry keeps every session a server has held, so storing the whole list on each change would make every
/// creation, start, pause and end cost more as the list grows. Changes go to a small second record instead
/// (<c>registry-recent</c>: the latest listing of each session changed since the last compaction), and only when
/// it holds as many listings as <see cref="Compaction"/> asks (the square root of the main record's, at least 8) are
/// they folded into the main record and the recent one emptied — main first, so a crash between the two writes
/// leaves listings that are applied again, harmlessly, on the next activation.
/// </remarks>
public sealed partial class SessionRegistryGrain(
    [PersistentState("registry", ProviderNames.Storage)] IPersistentState<RegistryState> stored,
    [PersistentState("registry-recent", ProviderNames.Storage)] IPersistentState<RegistryState> recent,
    ILogger<SessionRegistryGrain> logger) : Grain, ISessionRegistryGrain
{
    // No 0/O or 1/I/L: codes are read aloud and copied from a projector.
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int CodeLength = 6;

    private readonly Dictionary<string, SessionListing> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byCode = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var listing in stored.State.Sessions.Values.Concat(recent.State.Sessions.Values))
        {
            Remember(listing);
        }

        return Task.CompletedTask;
    }

    public async Task<string> Register(string sessionId, string scenarioId, string? forkedFrom)
    {
        if (_sessions.TryGetValue(sessionId, out var existing))
        {
            return existing.JoinCode;
        }

        string code;
        do
        {
            code = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
        }
        while (_byCode.ContainsKey(code));

        await Save(new SessionListing(sessionId, scenarioId, code, SessionPhase.Lobby, forkedFrom));
        return code;
    }

    public async Task SetPhase(string sessionId, SessionPhase phase)
    {
        if (_sessions.TryGetValue(sessionId, out var listing) && listing.Phase != phase)
        {
            await Save(listing with { Phase = phase });
        }
    }

    public Task<string?> FindByJoinCode(string joinCode) =>
        Task.FromResult(_byCode.GetValueOrDefault(joinCode?.Trim().ToUpperInvariant() ?? string.Empty));

    public Task<ImmutableArray<SessionListing>> List() =>
        Task.FromResult(_sessions.Values.OrderBy(s => s.SessionId, StringComparer.Ordinal).ToImmutableArray());

    /// <summary>Stores a new or changed listing in the recent record (folding it into the main one when full), then remembers it.</summary>
    private async Task Save(SessionListing listing)
    {
        var previous = recent.State.Sessions.GetValueOrDefault(listing.SessionId);
        recent.State.Sessions[listing.SessionId] = listing;
        try
        {
            await recent.WriteStateAsync();
        }
        catch
        {
            if (previous is null)
            {
                recent.State.Sessions.Remove(listing.SessionId);
            }
            else
            {
                recent.State.Sessions[listing.SessionId] = previous;
            }

            throw;
        }

        Remember(listing);
        if (Compaction.Due(recent.State.Sessions.Count, stored.State.Sessions.Count))
        {
            try
            {
                await Compact();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The listing is stored in the recent record; the next change tries the compaction again.
                LogCompactionFailed(logger, ex, recent.State.Sessions.Count);
            }
        }
    }

    private async Task Compact()
    {
        foreach (var (id, listing) in recent.State.Sessions)
        {
            stored.State.Sessions[id] = listing;
        }

        await stored.WriteStateAsync();
        recent.State.Sessions.Clear();
        await recent.WriteStateAsync();
    }

    private void Remember(SessionListing listing)
    {
        _sessions[listing.SessionId] = listing;
        _byCode[listing.JoinCode] = listing.SessionId;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding {Count} recent session listings into the registry failed; it is tried again at the next change")]
    private static partial void LogCompactionFailed(ILogger logger, Exception exception, int count);
}
