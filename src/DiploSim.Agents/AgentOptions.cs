namespace DiploSim.Agents;

/// <summary>How agents play a game.</summary>
/// <param name="Rounds">Negotiation rounds (messages only) before the move round of each turn.</param>
/// <param name="DecisionTimeout">Time an agent has to answer one observation; a later answer is a recorded pass.</param>
/// <param name="MaxMoves">Moves one action may hold (the live sessions' limit per turn).</param>
/// <param name="MaxMessages">Messages one action may hold.</param>
/// <param name="MaxMessageLength">Characters in one message.</param>
/// <param name="MaxActionBytes">Bytes in one action's line; a longer line is refused unread.</param>
public sealed record AgentOptions(
    int Rounds = 0,
    TimeSpan? DecisionTimeout = null,
    int MaxMoves = 24,
    int MaxMessages = 8,
    int MaxMessageLength = 2000,
    int MaxActionBytes = 1 << 20)
{
    public static AgentOptions Default { get; } = new();

    /// <summary>The most negotiation rounds a turn may have.</summary>
    public const int MaxRounds = 10;

    public TimeSpan Timeout => DecisionTimeout ?? TimeSpan.FromSeconds(5);
}
