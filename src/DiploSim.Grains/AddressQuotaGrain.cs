using System.Threading.RateLimiting;
using DiploSim.Contracts;

namespace DiploSim.Grains;

/// <summary>
/// One client address's sessions an hour, for the whole cluster: a token bucket of
/// <see cref="System.Threading.RateLimiting"/> held in memory. The activation outlives an hour of silence, so an
/// address cannot empty its bucket, wait for the grain to be collected and find it full again sooner than the
/// bucket itself would refill; a node's death does reset the addresses it held.
/// </summary>
[CollectionAgeLimit(Minutes = 61)]
public sealed class AddressQuotaGrain : Grain, IAddressQuotaGrain, IDisposable
{
    private TokenBucketRateLimiter? _sessions;
    private int _perHour;

    public Task<TimeSpan?> TakeSession(int perHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perHour);
        if (_sessions is null || perHour != _perHour)
        {
            _sessions?.Dispose();
            _perHour = perHour;
            _sessions = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perHour,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromHours(1) / perHour,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }

        using var lease = _sessions.AttemptAcquire();
        return Task.FromResult<TimeSpan?>(lease.IsAcquired
            ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromHours(1) / perHour);
    }

    public void Dispose() => _sessions?.Dispose();
}
