namespace DiploSim.Core;

/// <summary>
/// The model's seeded generator: a small value type (SplitMix64) whose state is part of the world.
/// Streams are derived from the seed, the turn and a purpose, so that draws never depend on the
/// order in which unrelated parts of the model consume randomness.
/// </summary>
public struct Rng : IEquatable<Rng>
{
    private ulong _state;

    public Rng(ulong seed) => _state = seed;

    /// <summary>The generator's current state (what the state hash sees).</summary>
    public readonly ulong State => _state;

    /// <summary>A generator for one purpose in one turn, independent of every other stream.</summary>
    public readonly Rng Stream(int turn, ulong purpose)
    {
        var s = new Rng(_state ^ Mix((ulong)(uint)turn * 0x9E3779B97F4A7C15UL + purpose * 0xD1B54A32D192ED03UL));
        s.NextULong();
        return s;
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A uniform draw in [0, 1) with 53 bits of precision.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextULong() % (ulong)maxExclusive);

    /// <summary>A standard Gumbel draw, used for softmax-like noise in bot choices.</summary>
    public double NextGumbel()
    {
        var u = NextDouble();
        return -Math.Log(-Math.Log(u + 1e-300) + 1e-300);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public readonly bool Equals(Rng other) => _state == other._state;
    public override readonly bool Equals(object? obj) => obj is Rng other && Equals(other);
    public override readonly int GetHashCode() => _state.GetHashCode();
    public static bool operator ==(Rng left, Rng right) => left.Equals(right);
    public static bool operator !=(Rng left, Rng right) => !left.Equals(right);
}

/// <summary>Purposes of the generator's streams; a new purpose never shifts the draws of another.</summary>
public static class RngPurpose
{
    public const ulong Defence = 1;
    public const ulong Shocks = 2;
    public const ulong BotBase = 1000;
}
