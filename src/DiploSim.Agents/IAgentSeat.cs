namespace DiploSim.Agents;

/// <summary>
/// One seat played by a program. DiploSim writes it documents (one JSON object each) and waits for its answer to each
/// observation; a seat never throws for what its program does wrong, it answers with a failure instead.
/// </summary>
public interface IAgentSeat
{
    /// <summary>Tells the program a game starts (<see cref="NewGame"/>, already written as JSON).</summary>
    void Begin(string newGame);

    /// <summary>Sends an observation and waits for the answer to <paramref name="decision"/>, at most the decision timeout.</summary>
    AgentReply Decide(long decision, string observation);

    /// <summary>Tells the program the game ended (<see cref="GameOver"/>, already written as JSON).</summary>
    void End(string gameOver);
}

/// <summary>An agent's answer to one observation: the line it wrote, or why there is none (a timeout, an oversized line, a crash).</summary>
public sealed record AgentReply(string? Line, string? Failure)
{
    public static AgentReply Answer(string line) => new(line, null);

    public static AgentReply Fail(string failure) => new(null, failure);
}

/// <summary>
/// Decides for every agent seat of a round at once (an environment that steps all its agents together, as PettingZoo's
/// parallel API does); without one, each seat decides in turn.
/// </summary>
public interface IAgentTable
{
    /// <summary>The reply to each ask, in the asks' order.</summary>
    IReadOnlyList<AgentReply> DecideAll(IReadOnlyList<(string Seat, long Decision, string Observation)> asks);
}
