using System.Collections.Immutable;
using System.Runtime.InteropServices;
using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>Terms an agreement enters into force with when its proposal leaves them out.</summary>
internal static class AgreementDefaults
{
    /// <summary>The tariff ceiling of a free-trade agreement.</summary>
    public const double TariffCeiling = 0.05;
}

/// <summary>
/// Phase 2: every move is validated against the state after the shocks; capital is charged; proposals
/// are matched with acceptances and agreements enter into force. Returns the accepted policy moves.
/// </summary>
internal static class MovePhase
{
    public static List<Move> Apply(WorldDraft draft, IReadOnlyList<Move> moves, TurnJournal journal, bool shocksApplied)
    {
        var accepted = new List<Move>();
        if (moves.Count == 0 && draft.Proposals.Count == 0)
        {
            return accepted;
        }

        // Moves are validated against the state after the shocks.
        var state = shocksApplied ? draft.Freeze(draft.Turn) : draft.Source;
        // A single move (a bot's look at one candidate) needs no ordering, nor the canonical text that orders it.
        List<Move> ordered = moves.Count == 1 ? [moves[0]] : moves.OrderBy(m => m.Actor, StringComparer.Ordinal).ThenBy(m => m.CanonicalText, StringComparer.Ordinal).ToList();
        // Policy keys catch two moves of one actor on one policy; a single move has nothing to conflict with.
        HashSet<string>? keys = moves.Count > 1 ? new(StringComparer.Ordinal) : null;
        var newProposals = new List<string>();

        // Proposals first, so that a partner may accept in the same turn.
        foreach (var move in ordered)
        {
            if (move is (ProposeAgreement or CounterProposal) && Admit(draft, state, move, keys, newProposals, journal))
            {
                var (id, proposer, kind, parties, terms) = move switch
                {
                    ProposeAgreement p => (p.ProposalId, p.Actor, p.Agreement, Parties(p.Actor, p.Partners), p.Terms),
                    CounterProposal c => Counter(draft, c),
                    _ => throw new InvalidOperationException(),
                };
                newProposals.Add(id);
                draft.Proposals.Add(new Proposal(id, proposer, kind, parties, terms, draft.Turn, []));
                if (move is CounterProposal counter)
                {
                    Reject(draft, counter.ProposalId, counter.Actor, journal, countered: true);
                }
                else if (journal.WriteNews)
                {
                    journal.Report("diplomacy", $"{proposer} proposes a {kind.Describe()}", $"{proposer} has put a {kind.Describe()} to {string.Join(", ", parties.Where(p => p != proposer))}; it lapses unless answered by next turn.", [.. parties]);
                }
            }
        }

        foreach (var move in ordered)
        {
            if (move is ProposeAgreement or CounterProposal || !Admit(draft, state, move, keys, newProposals, journal))
            {
                continue;
            }

            switch (move)
            {
                case AnswerProposal { Accept: true } a:
                    Accept(draft, a.ProposalId, a.Actor);
                    break;
                case AnswerProposal a:
                    Reject(draft, a.ProposalId, a.Actor, journal, countered: false);
                    break;
                case WithdrawFromAgreement w:
                    Withdraw(draft, w, journal);
                    break;
                default:
                    accepted.Add(move);
                    break;
            }
        }

        // Agreements whose every partner has accepted enter into force; proposals from an earlier turn lapse.
        for (var k = 0; k < draft.Proposals.Count;)
        {
            var proposal = draft.Proposals[k];
            if (AllAccepted(proposal))
            {
                draft.Proposals.RemoveAt(k);
                EnterIntoForce(draft, proposal.Id, proposal.Kind, proposal.Parties, proposal.Terms, journal);
            }
            else if (proposal.Turn < draft.Turn)
            {
                draft.Proposals.RemoveAt(k);
                foreach (var silent in proposal.Parties)
                {
                    if (silent != proposal.Proposer && !proposal.AcceptedBy.Contains(silent))
                    {
                        draft.Contact(ContactKind.Refusal, draft.IndexOf(silent), draft.IndexOf(proposal.Proposer), proposal.Kind);
                    }
                }

                if (journal.WriteNews)
                {
                    journal.Report("diplomacy", $"{proposal.Proposer}'s {proposal.Kind.Describe()} proposal lapses", $"Not every partner answered proposal {proposal.Id} in time.", [.. proposal.Parties]);
                }
            }
            else
            {
                k++;
            }
        }

        return accepted;
    }

    /// <summary>Whether every partner (<see cref="Proposal.Partners"/>, walked here without an iterator) has accepted.</summary>
    private static bool AllAccepted(Proposal proposal)
    {
        foreach (var partner in proposal.Parties)
        {
            if (partner != proposal.Proposer && !proposal.AcceptedBy.Contains(partner))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Admit(WorldDraft draft, WorldState state, Move move, HashSet<string>? keys, List<string> newProposals, TurnJournal journal)
    {
        var cost = MoveRules.Cost(move);
        var reason = MoveRules.Validate(state, move, newProposals);
        var a = draft.IndexOf(move.Actor);
        if (reason is null && keys is not null && !keys.Add(move.PolicyKey))
        {
            reason = "conflicts with another move of the same actor on the same policy this turn";
        }

        if (reason is null && move is ProposeAgreement p && newProposals.Contains(p.ProposalId))
        {
            reason = $"id '{p.ProposalId}' is already taken";
        }

        if (reason is null && move is CounterProposal c && newProposals.Contains(c.NewProposalId))
        {
            reason = $"id '{c.NewProposalId}' is already taken";
        }

        if (reason is null && journal.Spent[a] + cost > draft.Actors[a].Capital)
        {
            reason = $"needs {cost} political capital, {draft.Actors[a].Capital - journal.Spent[a]} left";
        }

        if (reason is null)
        {
            journal.Spent[a] += cost;
        }

        journal.MoveResults.Add(new MoveResult(move, reason is null, reason is null ? cost : 0, reason));
        return reason is null;
    }

    private static ImmutableArray<string> Parties(string proposer, ImmutableArray<string> partners) => [proposer, .. partners];

    private static (string, string, AgreementKind, ImmutableArray<string>, AgreementTerms) Counter(WorldDraft draft, CounterProposal c)
    {
        var original = draft.Proposals.First(p => p.Id == c.ProposalId);
        ImmutableArray<string> parties = [c.Actor, .. original.Parties.Where(p => p != c.Actor)];
        return (c.NewProposalId, c.Actor, original.Kind, parties, c.Terms);
    }

    private static void Accept(WorldDraft draft, string id, string actor)
    {
        var k = draft.Proposals.FindIndex(p => p.Id == id);
        if (k >= 0)
        {
            draft.Proposals[k] = draft.Proposals[k] with { AcceptedBy = draft.Proposals[k].AcceptedBy.Add(actor) };
        }
    }

    private static void Reject(WorldDraft draft, string id, string actor, TurnJournal journal, bool countered)
    {
        var k = draft.Proposals.FindIndex(p => p.Id == id);
        if (k < 0)
        {
            return;
        }

        var proposal = draft.Proposals[k];
        draft.Proposals.RemoveAt(k);
        draft.Contact(ContactKind.Refusal, draft.IndexOf(actor), draft.IndexOf(proposal.Proposer), proposal.Kind);
        if (!journal.WriteNews)
        {
            return;
        }

        journal.Report(
            "diplomacy",
            countered ? $"{actor} counters {proposal.Proposer}'s {proposal.Kind.Describe()}" : $"{actor} rejects {proposal.Proposer}'s {proposal.Kind.Describe()}",
            countered ? $"{actor} wants other terms and has made its own offer." : $"{actor} has turned down the {proposal.Kind.Describe()} {proposal.Proposer} offered it; the offer is off the table.",
            [.. proposal.Parties]);
    }

    private static void Withdraw(WorldDraft draft, WithdrawFromAgreement w, TurnJournal journal)
    {
        var k = draft.Agreements.FindIndex(g => g.Id == w.AgreementId);
        var agreement = draft.Agreements[k];
        draft.Agreements[k] = agreement with { Status = AgreementStatus.Withdrawn };
        var a = draft.IndexOf(w.Actor);
        foreach (var p in agreement.Parties.Where(p => p != w.Actor))
        {
            journal.Event(EventKind.Withdrawal, a, draft.IndexOf(p));
        }

        if (journal.WriteNews)
        {
            journal.Report("diplomacy", $"{w.Actor} walks out of the {agreement.Kind.Describe()}", $"{w.Actor} has withdrawn from {agreement.Id}; its partners' trust falls.", [.. agreement.Parties]);
        }
    }

    /// <summary>An agreement enters into force, with its immediate effects (tariff ceilings, energy supply).</summary>
    internal static void EnterIntoForce(WorldDraft draft, string id, AgreementKind kind, ImmutableArray<string> parties, AgreementTerms terms, TurnJournal journal, bool scripted = false)
    {
        terms = kind switch
        {
            AgreementKind.FreeTrade => terms with { TariffCeiling = terms.TariffCeiling ?? AgreementDefaults.TariffCeiling },
            AgreementKind.LocalCurrencySettlement => terms with { MaxUsdShare = terms.MaxUsdShare ?? 0.1 },
            AgreementKind.EnergyContract => terms with
            {
                Supplier = terms.Supplier ?? parties.OrderBy(p => draft.Actors[draft.IndexOf(p)].NetOilImports).ThenBy(p => p, StringComparer.Ordinal).First(),
                EnergyDiscount = terms.EnergyDiscount ?? 0,
            },
            _ => terms,
        };

        // Two partners may propose the same agreement to each other in one turn: the first to enter into force stands.
        // A scenario's corridor is a route: another route between the same partners (the Chennai–Vladivostok sea lane
        // and the North–South corridor) is another agreement. Players propose one corridor a pair.
        var twin = draft.Agreements.FirstOrDefault(g => g.InForce && g.Kind == kind && !(scripted && kind == AgreementKind.ConnectivityCorridor)
            && g.Id != id && g.Parties.Length == parties.Length && g.Parties.All(parties.Contains));
        if (twin is not null)
        {
            if (journal.WriteNews)
            {
                journal.Report("diplomacy", $"{string.Join(" and ", parties)} already have a {kind.Describe()}", $"Agreement {id} duplicates {twin.Id}, which stays in force.", [.. parties]);
            }

            return;
        }

        var phaseIn = FreeTradeStages(draft);
        var progress = kind is AgreementKind.ConnectivityCorridor or AgreementKind.DefenceCoProduction or AgreementKind.CivilNuclear ? 0.0
            : kind == AgreementKind.FreeTrade ? 1.0 / phaseIn
            : 1.0;
        draft.Agreements.RemoveAll(g => g.Id == id);
        draft.Agreements.Add(new Agreement(id, kind, parties, terms, draft.Turn, AgreementStatus.InForce, progress, 0, null));

        var idx = parties.Select(draft.IndexOf).ToArray();
        foreach (var i in idx)
        {
            foreach (var j in idx)
            {
                if (i == j)
                {
                    continue;
                }

                if (i < j)
                {
                    journal.SigningEvent(kind, i, j);
                }

                if (kind == AgreementKind.FreeTrade)
                {
                    // The first of the phase-in's equal steps; the politics phase takes the others, one a turn.
                    StepTowardsCeiling(draft, i, j, terms.TariffCeiling!.Value, phaseIn);
                }
            }

            journal.Prestige[i] += 0.5;
        }

        journal.Signed.Add(new AgreementSigned(id, kind, parties));
        if (journal.WriteNews)
        {
            journal.Report("agreement", $"{string.Join(" and ", parties)} sign a {kind.Describe()}", Explain(kind) + KeptOut(draft, kind, idx), [.. parties]);
        }
    }

    /// <summary>The turns of a free-trade agreement's phase-in (at least one).</summary>
    internal static int FreeTradeStages(WorldDraft draft) =>
        Math.Max(1, (int)Math.Round(draft.Parameters.FreeTradePhaseInYears * draft.Source.TurnsPerYear));

    /// <summary>
    /// One of <paramref name="stagesLeft"/> equal steps of i's tariffs on j down to the ceiling: a tariff below it stays,
    /// and so does one on a sector i keeps out of its free-trade agreements.
    /// </summary>
    internal static void StepTowardsCeiling(WorldDraft draft, int i, int j, double ceiling, int stagesLeft)
    {
        var r = draft.Rel(i, j);
        var actor = draft.Actors[i];
        var keep = (stagesLeft - 1.0) / Math.Max(1, stagesLeft);
        var tariffs = new double[r.Tariffs.Length];
        var moved = false;
        for (var s = 0; s < tariffs.Length; s++)
        {
            var t = r.Tariffs[s];
            tariffs[s] = t <= ceiling || actor.KeepsOutOfFreeTrade(s) ? t : ceiling + ((t - ceiling) * keep);
            moved |= !WorldDraft.Same(tariffs[s], t);
        }

        // Once every tariff of the pair is at or below the ceiling the steps leave it as it is.
        if (moved)
        {
            draft.SetRel(i, j, r with { Tariffs = ImmutableCollectionsMarshal.AsImmutableArray(tariffs) });
        }
    }

    /// <summary>For a free-trade agreement, which party keeps which sectors' tariffs out of it ("IND keeps its agriculture tariffs out of it.").</summary>
    private static string KeptOut(WorldDraft draft, AgreementKind kind, int[] parties) =>
        kind != AgreementKind.FreeTrade ? string.Empty : string.Concat(parties
            .Select(i => draft.Actors[i])
            .Where(a => !a.FreeTradeExclusions.IsEmpty)
            .Select(a => $" {a.Id} keeps its {string.Join(" and ", a.FreeTradeExclusions.Select(s => s.Name()))} tariffs out of it."));

    private static string Explain(AgreementKind kind) => kind switch
    {
        AgreementKind.FreeTrade => "Tariffs between the parties fall to the agreed ceiling in equal steps over the coming years, and trade between them grows with them.",
        AgreementKind.StrategicPartnership => "A standing framework for cooperation: trust rises and trade between the partners is a little easier.",
        AgreementKind.Logistics => "Each side's forces may use the other's bases for supplies: security ties deepen, and rivals take note.",
        AgreementKind.LocalCurrencySettlement => "Trade between the parties moves away from the dollar, which shields it from financial sanctions.",
        AgreementKind.DefenceCoProduction => "Joint production builds the partner's defence industry over several turns and opens exports to third countries.",
        AgreementKind.EnergyContract => "A long-term supply of crude at an agreed discount lowers the buyer's energy bill and secures the seller's market.",
        AgreementKind.ConnectivityCorridor => "A new transport route lowers trade costs between the parties as it is built.",
        AgreementKind.VisaFacilitation => "Easier travel raises trust and adds a small flow of services.",
        _ => "Small modular reactors, built over several turns, improve the buyer's energy security for the long run.",
    };
}
