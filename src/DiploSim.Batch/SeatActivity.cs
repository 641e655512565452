using System.Collections.Immutable;
using System.Text.Json;
using DiploSim.Agents;
using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Batch;

/// <summary>A resolved turn of a run and the agent messages sent before it resolved (none when no seat is an agent).</summary>
public sealed record PlayedTurn(TurnResult Result, ImmutableArray<AgentMessage> Messages);

/// <summary>
/// What each seat did in one run, counted from the resolved turns: the moves the resolver took by kind and those it
/// refused, the agreements it proposed and what became of them, the agreements it breached, the messages it sent,
/// and its escalations. Bots and agents are counted alike, from the turns' outcomes and the agreements' compliance
/// records in the state (never from the news). Written to the per-run table as <c>MEASURE_ACTOR</c>, e.g.
/// <c>moves_set_tariff_IND</c> or <c>breaches_RUS</c>.
/// </summary>
public sealed class SeatActivity
{
    /// <summary>The move kinds, as they are written in the columns: <c>SetTariff</c> is <c>set_tariff</c>.</summary>
    private static readonly ImmutableArray<(MoveKind Kind, string Name)> Kinds =
        [.. Enum.GetValues<MoveKind>().Select(k => (k, "moves_" + JsonNamingPolicy.SnakeCaseLower.ConvertName(k.ToString())))];

    private const string Refused = "moves_refused";
    private const string ProposalsMade = "proposals_made";
    private const string ProposalsAccepted = "proposals_accepted";
    private const string ProposalsKept = "proposals_kept";
    private const string Breaches = "breaches";
    private const string Messages = "messages";
    private const string SanctionsImposed = "sanctions_imposed";
    private const string TariffsRaised = "tariffs_raised";
    private const string ArmsMoves = "arms_moves";

    /// <summary>The measures, in column order; each is written once per actor.</summary>
    public static ImmutableArray<string> Measures { get; } =
    [
        .. Kinds.Select(k => k.Name), Refused, ProposalsMade, ProposalsAccepted, ProposalsKept, Breaches, Messages,
        SanctionsImposed, TariffsRaised, ArmsMoves,
    ];

    /// <summary>The per-run columns, measure then actor: <c>moves_set_tariff_CHN</c>, <c>moves_set_tariff_EU</c>, ….</summary>
    public static IEnumerable<string> Columns(IEnumerable<string> actors)
    {
        var ids = actors.ToList();
        return Measures.SelectMany(m => ids.Select(a => $"{m}_{a}"));
    }

    private readonly ImmutableArray<string> _actors;
    private readonly Dictionary<string, int> _index;
    private readonly int[,] _counts;

    /// <summary>Proposals that entered the state, by id, with their proposer.</summary>
    private readonly Dictionary<string, string> _proposals = new(StringComparer.Ordinal);

    /// <summary>Agreements and the parties found in breach of them at least once.</summary>
    private readonly HashSet<(string Agreement, string Party)> _breached = [];

    private WorldState? _last;

    public SeatActivity(ImmutableArray<string> actors)
    {
        _actors = actors;
        _index = actors.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        _counts = new int[Measures.Length, actors.Length];
    }

    /// <summary>Counts one turn: <paramref name="before"/> is the state it was resolved from.</summary>
    public void Record(WorldState before, PlayedTurn turn)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(turn);
        var after = turn.Result.State;
        foreach (var result in turn.Result.Outcome.Moves)
        {
            var move = result.Move;
            if (!result.Accepted)
            {
                Add(Refused, move.Actor);
                continue;
            }

            Add(Kinds[(int)move.Kind].Name, move.Actor);
            switch (move)
            {
                case ProposeAgreement p:
                    Propose(p.ProposalId, p.Actor);
                    break;
                case CounterProposal c:
                    Propose(c.NewProposalId, c.Actor);
                    break;
                case SetTariff t when Raises(before.Relation(t.Actor, t.Target).Tariffs, t):
                    Add(TariffsRaised, t.Actor);
                    break;
                case SetSanction s when s.Level > before.Relation(s.Actor, s.Target).Sanctions[(int)s.Domain]:
                    Add(SanctionsImposed, s.Actor);
                    break;
                case OrderArms or DecideDelivery:
                    Add(ArmsMoves, move.Actor);
                    break;
            }
        }

        // A party found in breach adds one to the agreement's count and is its last breacher (one a turn).
        var earlier = before.Agreements.ToDictionary(a => a.Id, a => a.Breaches, StringComparer.Ordinal);
        foreach (var agreement in after.Agreements)
        {
            if (agreement.LastBreachedBy is { } breacher && agreement.Breaches > earlier.GetValueOrDefault(agreement.Id))
            {
                Add(Breaches, breacher, agreement.Breaches - earlier.GetValueOrDefault(agreement.Id));
                _breached.Add((agreement.Id, breacher));
            }
        }

        foreach (var message in turn.Messages)
        {
            Add(Messages, message.From);
        }

        _last = after;
    }

    /// <summary>
    /// The cells of <see cref="Columns"/>. A proposal is accepted when its agreement entered into force, and kept when
    /// that agreement is still in force after the last turn counted and its proposer was never found in breach of it.
    /// </summary>
    public IEnumerable<object> Cells()
    {
        var counts = (int[,])_counts.Clone();
        var agreements = (_last?.Agreements ?? []).ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var (id, proposer) in _proposals)
        {
            if (agreements.TryGetValue(id, out var agreement) && _index.TryGetValue(proposer, out var a))
            {
                counts[Measure(ProposalsAccepted), a]++;
                if (agreement.InForce && !_breached.Contains((id, proposer)))
                {
                    counts[Measure(ProposalsKept), a]++;
                }
            }
        }

        for (var m = 0; m < Measures.Length; m++)
        {
            for (var a = 0; a < _actors.Length; a++)
            {
                yield return counts[m, a];
            }
        }
    }

    /// <summary>A proposal counts as made when the resolver took the move; its agreement, if it is ever signed, has its id.</summary>
    private void Propose(string id, string proposer)
    {
        Add(ProposalsMade, proposer);
        _proposals[id] = proposer;
    }

    /// <summary>Whether a tariff move sets a rate above the one in force on any sector it covers.</summary>
    private static bool Raises(ImmutableArray<double> rates, SetTariff move) =>
        move.Sector is { } sector ? move.Rate > rates[(int)sector] : rates.Any(r => move.Rate > r);

    private void Add(string measure, string actor, int count = 1)
    {
        if (_index.TryGetValue(actor, out var a))
        {
            _counts[Measure(measure), a] += count;
        }
    }

    /// <summary>Each measure's row in the counts, looked up once per name instead of searched on every move counted.</summary>
    private static readonly Dictionary<string, int> Rows = Measures.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);

    private static int Measure(string name) => Rows[name];
}
