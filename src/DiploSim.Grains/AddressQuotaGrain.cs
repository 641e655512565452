using DiploSim.Contracts;

namespace DiploSim.Grains;

/// <summary>
/// One client address's sessions an hour, for the whole cluster: a token bucket of <c>perHour</c> tokens, one more
/// every hour ÷ <c>perHour</c>. The bucket is kept in the cluster's grain storage and written on every token taken,
/// so neither the grain's collection nor the death of the node that held it gives the address a full bucket again
/// (<see cref="System.Threading.RateLimiting.TokenBucketRateLimiter"/> keeps its tokens in memory, with no way to
/// restore them, hence the few lines below). A bucket that has filled up again is removed from storage when the grain
/// is collected, so storage holds only the addresses that created sessions within the last hour.
/// </summary>
public sealed class AddressQuotaGrain(
    [PersistentState("address-quota", ProviderNames.Storage)] IPersistentState<AddressQuotaState> stored,
    TurnClock clock) : Grain, IAddressQuotaGrain
{
    public async Task<TimeSpan?> TakeSession(int perHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perHour);
        var bucket = stored.State;
        var now = clock.Now;
        var period = TimeSpan.FromHours(1) / perHour;
        if (bucket.PerHour != perHour)
        {
            (bucket.PerHour, bucket.Tokens, bucket.Counted) = (perHour, perHour, now);
        }

        Refill(bucket, now);
        if (bucket.Tokens == 0)
        {
            // Nodes' clocks may differ by a little: a bucket counted "later" than now waits a whole period, no more.
            var since = now - bucket.Counted;
            return period - (since < TimeSpan.Zero ? TimeSpan.Zero : since);
        }

        if (bucket.Tokens == perHour)
        {
            bucket.Counted = now; // a full bucket starts its refill with the first token taken from it
        }

        bucket.Tokens--;
        await stored.WriteStateAsync();
        return null;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var bucket = stored.State;
        if (!stored.RecordExists || bucket.PerHour == 0)
        {
            return;
        }

        Refill(bucket, clock.Now);
        if (bucket.Tokens == bucket.PerHour)
        {
            await stored.ClearStateAsync(cancellationToken);
        }
    }

    /// <summary>Adds the tokens earned since the bucket was counted, whole periods only.</summary>
    private static void Refill(AddressQuotaState bucket, DateTimeOffset now)
    {
        var period = TimeSpan.FromHours(1) / bucket.PerHour;
        var earned = now > bucket.Counted ? (now - bucket.Counted).Ticks / period.Ticks : 0;
        if (earned > 0)
        {
            bucket.Tokens = (int)Math.Min(bucket.PerHour, bucket.Tokens + earned);
            bucket.Counted = bucket.Tokens == bucket.PerHour ? now : bucket.Counted + (period * earned);
        }
    }
}
