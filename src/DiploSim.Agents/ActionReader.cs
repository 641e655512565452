using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using DiploSim.Contracts;
using DiploSim.Core;

namespace DiploSim.Agents;

/// <summary>
/// What DiploSim takes from an agent's answer: the moves it may make, the messages it may send, and every part it
/// refused with the reason. An answer that is not a readable action for this decision is a pass.
/// </summary>
public sealed record ActionReading(ImmutableArray<Move> Moves, ImmutableArray<OutgoingMessage> Messages, ImmutableArray<string> Refusals)
{
    /// <summary>Nothing of the answer could be read as this decision's action (or there was none): a pass, for <paramref name="reason"/>.</summary>
    public static ActionReading Pass(string reason) => new([], [], [reason]) { Unread = true };

    /// <summary>Whether the answer was not read at all (not an action, not for this decision); else its refusals are of parts of it.</summary>
    public bool Unread { get; private init; }
}

/// <summary>Reads an agent's answer to one observation, refusing what the protocol or the seat does not allow.</summary>
public static class ActionReader
{
    public static ActionReading Read(string? line, Observation observation, IReadOnlyCollection<string> actors)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(actors);
        if (string.IsNullOrWhiteSpace(line))
        {
            return ActionReading.Pass("an empty line is not an action");
        }

        AgentAction? action;
        try
        {
            action = JsonSerializer.Deserialize<AgentAction>(line, AgentJson.Options);
        }
        catch (JsonException e)
        {
            return ActionReading.Pass($"not an action: {e.Message}");
        }

        if (action is null)
        {
            return ActionReading.Pass("not an action: null");
        }

        if (action.Type != AgentProtocol.ActionType)
        {
            return ActionReading.Pass($"expected type '{AgentProtocol.ActionType}', got '{action.Type}'");
        }

        if (action.Protocol is { } protocol && protocol != AgentProtocol.Version)
        {
            return ActionReading.Pass($"this game speaks {AgentProtocol.Version}, not {protocol}");
        }

        if (action.Decision != observation.Decision)
        {
            return ActionReading.Pass($"the action is for decision {action.Decision}, not {observation.Decision}");
        }

        var seat = observation.Seat;
        var limits = observation.Limits;
        var refusals = ImmutableArray.CreateBuilder<string>();
        var moves = ImmutableArray.CreateBuilder<Move>();
        var orders = action.Moves.IsDefault ? [] : action.Moves;
        var answers = action.Answers.IsDefault ? [] : action.Answers;
        if (observation.Phase == AgentProtocol.Negotiate && (orders.Length > 0 || answers.Length > 0))
        {
            refusals.Add($"round {observation.Round} is a negotiation round: moves and answers are made in the move round, and these were ignored");
            orders = [];
            answers = [];
        }

        var taken = 0;
        foreach (var (order, i) in orders.Select((o, i) => (o, i)))
        {
            if (taken >= limits.MaxMoves)
            {
                refusals.Add(Invariant($"move {i}: an action holds at most {limits.MaxMoves} moves"));
                continue;
            }

            var move = order is null ? Result<Move>.Fail("a move cannot be null") : MoveMapping.ToCore(order, seat);
            if (move.IsOk)
            {
                moves.Add(move.Value!);
                taken++;
            }
            else
            {
                refusals.Add(Invariant($"move {i}: {move.Error}"));
            }
        }

        foreach (var (answer, i) in answers.Select((a, i) => (a, i)))
        {
            if (answer is null || string.IsNullOrWhiteSpace(answer.ProposalId))
            {
                refusals.Add(Invariant($"answer {i}: 'proposalId' is required"));
            }
            else if (taken >= limits.MaxMoves)
            {
                refusals.Add(Invariant($"answer {i}: an action holds at most {limits.MaxMoves} moves and answers"));
            }
            else
            {
                moves.Add(new AnswerProposal(seat, answer.ProposalId, answer.Accept));
                taken++;
            }
        }

        var messages = ImmutableArray.CreateBuilder<OutgoingMessage>();
        foreach (var (message, i) in (action.Messages.IsDefault ? [] : action.Messages).Select((m, i) => (m, i)))
        {
            var problem = message switch
            {
                null => "a message cannot be null",
                _ when messages.Count >= limits.MaxMessages => $"an action holds at most {limits.MaxMessages} messages",
                { Text: var t } when string.IsNullOrWhiteSpace(t) => "a message needs text",
                { Text.Length: var n } when n > limits.MaxMessageLength => $"a message holds at most {limits.MaxMessageLength} characters",
                { To: { } to } when to == seat => "a seat does not message itself",
                { To: { } to } when !actors.Contains(to) => $"unknown seat '{to}'",
                _ => null,
            };
            if (problem is null)
            {
                messages.Add(message!);
            }
            else
            {
                refusals.Add(Invariant($"message {i}: {problem}"));
            }
        }

        return new ActionReading(moves.ToImmutable(), messages.ToImmutable(), refusals.ToImmutable());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
