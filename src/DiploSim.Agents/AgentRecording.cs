using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using DiploSim.Contracts;

namespace DiploSim.Agents;

/// <summary>
/// One line of an agent recording (JSON Lines): what was sent to a seat or what came back, with the game, its seed and
/// the seat, so each line stands alone. <c>newGame</c>, <c>observation</c> and <c>gameOver</c> hold the document sent;
/// <c>action</c> holds the line the program wrote (<see cref="Text"/>, kept as written even when it is not JSON) or
/// why there was none (<see cref="Failure"/>), the refusals, and the moves and messages taken.
/// </summary>
public sealed record AgentRecord(string Game, string Seed, string Seat, string Kind)
{
    /// <summary>The decision an observation asks for or an action answers.</summary>
    public long? Decision { get; init; }

    public int? Turn { get; init; }

    public int? Round { get; init; }

    /// <summary>The document sent (<c>newGame</c>, <c>observation</c>, <c>gameOver</c>).</summary>
    [JsonConverter(typeof(RawJsonConverter))]
    public string? Document { get; init; }

    /// <summary>The line the program wrote, as written.</summary>
    public string? Text { get; init; }

    /// <summary>Why there was no line: a timeout, an oversized line, an exit.</summary>
    public string? Failure { get; init; }

    /// <summary>What of the answer was refused, and why.</summary>
    public ImmutableArray<string> Refusals { get; init; } = [];

    /// <summary>The moves taken from the answer.</summary>
    public ImmutableArray<MoveOrder> Moves { get; init; } = [];

    /// <summary>The messages taken from the answer.</summary>
    public ImmutableArray<OutgoingMessage> Messages { get; init; } = [];
}

/// <summary>Where a game's agent records go.</summary>
public interface IAgentRecorder
{
    void Write(AgentRecord record);
}

/// <summary>Writes records as JSON Lines.</summary>
public sealed class JsonLinesRecorder(TextWriter writer) : IAgentRecorder
{
    public void Write(AgentRecord record) => writer.WriteLine(JsonSerializer.Serialize(record, AgentJson.Options));

    public static IEnumerable<AgentRecord> Read(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<AgentRecord>(l, AgentJson.Options)!);
}

/// <summary>
/// A seat that answers from a recording: each decision gets the line (or the failure) recorded for it, so a game with
/// agents replays exactly without starting them.
/// </summary>
public sealed class RecordedSeat(IEnumerable<AgentRecord> records) : IAgentSeat
{
    private readonly Dictionary<long, AgentRecord> _actions = records
        .Where(r => r.Kind == AgentProtocol.ActionType && r.Decision is not null)
        .ToDictionary(r => r.Decision!.Value);

    public void Begin(string newGame)
    {
    }

    public AgentReply Decide(long decision, string observation) =>
        _actions.TryGetValue(decision, out var r)
            ? new AgentReply(r.Text, r.Failure)
            : AgentReply.Fail($"the recording has no action for decision {decision}");

    public void End(string gameOver)
    {
    }
}

/// <summary>Writes a string that already holds JSON as that JSON (not as a string), and reads it back as its text.</summary>
internal sealed class RawJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteRawValue(value, skipInputValidation: true);
}
