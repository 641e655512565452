using System.Collections.Immutable;
using DiploSim.Core.State;
using DiploSim.Scenarios;

namespace DiploSim.Core.Tests;

/// <summary>Each phase of the turn, one behaviour at a time.</summary>
public sealed class PhaseTests
{
    private static readonly WorldState Baseline = BaselineScenario.World();

    private static WorldState Rich(WorldState world) => world with { Actors = [.. world.Actors.Select(a => a with { Capital = 30 })] };

    [Fact]
    public void A_draft_writes_in_place_only_what_it_copied_itself_and_never_a_world_it_started_from_or_froze_into()
    {
        var world = Baseline;
        var trust = world.Relation(0, 1).Trust;
        var draft = new Resolution.WorldDraft(world);

        draft.SetTrust(0, 1, 42);
        Assert.Equal(trust, world.Relation(0, 1).Trust);
        Assert.Equal(42, draft.Rel(0, 1).Trust);

        var copied = draft.Rel(0, 1);
        draft.SetTrust(0, 1, 43);
        Assert.Same(copied, draft.Rel(0, 1));
        Assert.Equal(43, copied.Trust);

        var frozen = draft.Freeze(world.Turn);
        draft.SetTrust(0, 1, 44);
        draft.SetScores(0, world.Actors[0].Scores with { Utility = -1 });
        Assert.Equal(43, frozen.Relation(0, 1).Trust);
        Assert.Equal(world.Actors[0].Scores, frozen.Actors[0].Scores);
        Assert.Equal(44, draft.Rel(0, 1).Trust);
        Assert.Equal(-1, draft.Actors[0].Scores.Utility);
        Assert.Equal(trust, world.Relation(0, 1).Trust);
    }

    [Fact]
    public void A_shock_that_cuts_output_shows_as_a_contraction_and_costs_stability()
    {
        var shock = new Shock("war", "War", "Output collapses.", [new GdpEffect("RUS", -0.2)]);
        var hit = TurnResolver.Resolve(Baseline, [shock], []).State;
        var control = TurnResolver.Resolve(Baseline, []).State;

        Assert.True(hit.Actor("RUS").Growth < -0.5, $"growth {hit.Actor("RUS").Growth:P1} after losing a fifth of output in a quarter");
        Assert.True(control.Actor("RUS").Growth > -0.05);
        Assert.True(hit.Actor("RUS").Stability < control.Actor("RUS").Stability - 5);
    }

    [Fact]
    public void A_shock_that_halves_output_every_turn_keeps_growth_negative_and_stability_falling()
    {
        var halving = new Shock("collapse", "Collapse", "Output halves.", [new GdpEffect("RUS", -0.5)]);
        var state = Baseline;
        for (var t = 0; t < 6; t++)
        {
            var next = TurnResolver.Resolve(state, [halving], []).State;
            var (before, after) = (state.Actor("RUS"), next.Actor("RUS"));

            Assert.True(after.Gdp < before.Gdp * 0.6, $"turn {t}: GDP {before.Gdp:0} to {after.Gdp:0}");
            Assert.True(after.Growth < 0, $"turn {t}: growth {after.Growth:P1} while output halves");
            Assert.True(after.Stability < before.Stability || after.Stability == 0, $"turn {t}: stability {before.Stability:0.0} to {after.Stability:0.0}");
            state = next;
        }
    }

    [Fact]
    public void Shocks_apply_their_effects_and_are_recorded()
    {
        var shock = new Shock("ceasefire", "Ceasefire in Ukraine", "Guns fall silent.",
        [
            new TensionEffect(-20),
            new TrustEffect("EU", "RUS", 15),
            new PolicyEffect(new SetSanction("EU", "RUS", SanctionDomain.Energy, SanctionLevel.Targeted)),
            new GdpEffect("RUS", 0.01),
            new StabilityEffect("RUS", 5),
            new PolicyEffect(new SetSanction("EU", "ZZZ", SanctionDomain.Energy, SanctionLevel.Targeted)),
        ]);

        var result = TurnResolver.Resolve(Baseline, [shock], []);

        Assert.True(result.State.Global.Tension < Baseline.Global.Tension - 15);
        Assert.True(result.State.Relation("EU", "RUS").Trust > Baseline.Relation("EU", "RUS").Trust + 10);
        Assert.Equal(SanctionLevel.Targeted, result.State.Relation("EU", "RUS").Sanction(SanctionDomain.Energy));
        Assert.Equal(new FiredShock("ceasefire", 0), Assert.Single(result.State.FiredShocks));
        var report = Assert.Single(result.Outcome.Shocks);
        Assert.Contains("unknown actor 'ZZZ'", Assert.Single(report.Notes), StringComparison.Ordinal);
        Assert.Contains(result.Outcome.News, n => n.Headline == "Ceasefire in Ukraine" && n.Category == "shock");
    }

    [Fact]
    public void Trade_cut_drops_flows_at_once_and_they_recover()
    {
        var shock = new Shock("blockade", "Blockade", "Ports closed.", [new TradeCutEffect("RUS", "IND", null, 0.5)]);
        var cut = TurnResolver.Resolve(Baseline, [shock], []).State;
        var control = TurnResolver.Resolve(Baseline, []).State;
        Assert.True(cut.Relation("RUS", "IND").TotalExports < control.Relation("RUS", "IND").TotalExports * 0.9);
        var later = TestWorlds.Run(cut, 20);
        Assert.InRange(later.Relation("RUS", "IND").TotalExports / TestWorlds.Run(control, 20).Relation("RUS", "IND").TotalExports, 0.97, 1.03);
    }

    /// <summary>The states after each of <paramref name="turns"/> turns with no moves, each turn's shocks given by <paramref name="due"/>.</summary>
    internal static List<WorldState> Play(int turns, Func<int, Shock[]> due)
    {
        var states = new List<WorldState>();
        var state = Baseline;
        for (var t = 0; t < turns; t++)
        {
            state = TurnResolver.Resolve(state, due(t), []).State;
            states.Add(state);
        }

        return states;
    }

    private static double Technology(WorldState s) => s.Relation("USA", "IND").Exports[(int)Sector.Technology];

    [Fact]
    public void A_purchase_halt_holds_its_share_while_in_force_and_the_flow_is_back_at_once_when_it_lifts()
    {
        // A tariff moves the flow underneath the halt, so the flow it returns to is not the one it left.
        var tariff = new Shock("tariff", "Tariff", "India taxes US technology.", [new PolicyEffect(new SetTariff("IND", "USA", Sector.Technology, 0.4))]);
        var halt = new Shock("halt", "Halt", "India's state buyers stop.", [new PurchaseHaltEffect("IND", "USA", Sector.Technology, 0.6, Turns: 2)]);
        var cut = new Shock("cut", "Cut", "A one-off cut.", [new TradeCutEffect("USA", "IND", Sector.Technology, 0.6)]);
        var control = Play(4, t => t == 0 ? [tariff] : []);
        var halted = Play(4, t => t == 0 ? [tariff, halt] : []);
        var once = Play(4, t => t == 0 ? [tariff, cut] : []);

        Assert.True(Technology(control[0]) > 1, $"the flow halted is {Technology(control[0]):0.00}bn a year");
        Assert.True(Technology(control[3]) < Technology(control[0]) * 0.95, "the tariff moves the flow while the halt holds");
        Assert.Equal(0.4 * Technology(control[0]), Technology(halted[0]), 1e-9);
        Assert.Equal(0.4, Technology(halted[1]) / Technology(control[1]), 0.005);
        Assert.Single(halted[1].PurchaseHalts);
        Assert.Equal(1, Technology(halted[2]) / Technology(control[2]), 0.01);
        Assert.Equal(1, Technology(halted[3]) / Technology(control[3]), 0.01);
        Assert.Empty(halted[2].PurchaseHalts);
        Assert.True(Technology(once[2]) < Technology(control[2]) * 0.6, "a one-off cut recovers only at the pace of trade");
    }

    [Fact]
    public void A_purchase_halt_without_an_end_holds_until_a_halt_of_share_zero_lifts_it()
    {
        var halt = new Shock("halt", "Halt", "India's state buyers stop.", [new PurchaseHaltEffect("IND", "USA", Sector.Technology, 0.5, Turns: null)]);
        var lift = new Shock("lift", "Truce", "They buy again.", [new PurchaseHaltEffect("IND", "USA", Sector.Technology, 0, Turns: 1)]);
        var control = Play(7, _ => []);
        var halted = Play(7, t => t switch { 0 => [halt], 5 => [lift], _ => [] });

        Assert.Equal(0.5, Technology(halted[4]) / Technology(control[4]), 0.005);
        Assert.Equal(1, Technology(halted[5]) / Technology(control[5]), 0.01);
        Assert.Equal(1, Technology(halted[6]) / Technology(control[6]), 0.01);
        Assert.Empty(halted[6].PurchaseHalts);
        Assert.NotEqual(StateHash.Compute(control[4]), StateHash.Compute(halted[4]));
    }

    /// <summary>The baseline with a season on US technology exports to India: 40%, 10%, 20% and 30% of the year, Q1 to Q4.</summary>
    private static WorldState Seasonal(WorldState world) => world with
    {
        Global = world.Global with { Seasons = [new FlowSeason(Sector.Technology, [0.4, 0.1, 0.2, 0.3], "USA", "IND")] },
    };

    /// <summary>The calendar quarter (1–4) whose flows the state after resolving turn <paramref name="turn"/> holds.</summary>
    private static int QuarterOf(WorldState world, int turn) => ((world.StartQuarter - 1 + turn) % 4) + 1;

    [Fact]
    public void A_season_makes_each_quarter_ship_its_share_of_the_yearly_rate_and_a_year_average_it()
    {
        var season = new FlowSeason(Sector.Technology, [0.4, 0.1, 0.2, 0.3], "USA", "IND");
        var control = Play(8, _ => []);
        var seasonal = new List<WorldState>();
        var state = Seasonal(Baseline);
        for (var t = 0; t < 8; t++)
        {
            state = TurnResolver.Resolve(state, [], []).State;
            seasonal.Add(state);
        }

        for (var t = 0; t < 8; t++)
        {
            var multiplier = season.Multiplier(QuarterOf(Baseline, t));
            Assert.Equal(multiplier, Technology(seasonal[t]) / Technology(control[t]), 0.001);
            Assert.Equal(control[t].Relation("USA", "IND").Exports[(int)Sector.Industrial], seasonal[t].Relation("USA", "IND").Exports[(int)Sector.Industrial], 0.01);
        }

        // Q1 ships 1.6 times the yearly rate and Q2 0.4 times: the season moves the quarter, not the year.
        Assert.Contains(seasonal.Take(4), s => Technology(s) > 1.5 * Technology(control[0]));
        Assert.Equal(seasonal.Take(4).Average(Technology), control.Take(4).Average(Technology), 0.02 * control[0].Relation("USA", "IND").Exports[(int)Sector.Technology]);
        Assert.NotEqual(StateHash.Compute(Seasonal(Baseline)), StateHash.Compute(Baseline));
    }

    [Fact]
    public void A_purchase_halt_withholds_its_share_of_what_the_quarter_ships()
    {
        var season = new FlowSeason(Sector.Technology, [0.4, 0.1, 0.2, 0.3], "USA", "IND");
        var halt = new Shock("halt", "Halt", "India's state buyers stop.", [new PurchaseHaltEffect("IND", "USA", Sector.Technology, 0.6, Turns: 2)]);
        var control = Play(4, _ => []);
        var states = new List<WorldState>();
        var state = Seasonal(Baseline);
        for (var t = 0; t < 4; t++)
        {
            state = TurnResolver.Resolve(state, t == 0 ? [halt] : [], []).State;
            states.Add(state);
        }

        for (var t = 0; t < 4; t++)
        {
            var multiplier = season.Multiplier(QuarterOf(Baseline, t));
            Assert.Equal(multiplier * (t < 2 ? 0.4 : 1), Technology(states[t]) / Technology(control[t]), 0.005);
        }
    }

    [Fact]
    public void Proposals_accepted_next_turn_enter_into_force_unanswered_ones_lapse()
    {
        var proposed = TurnResolver.Resolve(Baseline, [new ProposeAgreement("IND", "eaeu-fta", AgreementKind.FreeTrade, ["RUS"], new AgreementTerms(TariffCeiling: 0.03))]).State;
        Assert.Single(proposed.Proposals);

        var accepted = TurnResolver.Resolve(proposed, [new AnswerProposal("RUS", "eaeu-fta", true)]);
        Assert.Empty(accepted.State.Proposals);
        var fta = Assert.Single(accepted.State.Agreements, g => g.Id == "eaeu-fta");
        Assert.Equal(1, fta.SignedTurn);
        Assert.Contains(accepted.Outcome.News, n => n.Headline.Contains("free-trade agreement", StringComparison.Ordinal));
        Assert.True(accepted.State.Relation("IND", "RUS").Trust > proposed.Relation("IND", "RUS").Trust);

        var lapsed = TurnResolver.Resolve(proposed, []);
        Assert.Empty(lapsed.State.Proposals);
        Assert.DoesNotContain(lapsed.State.Agreements, g => g.Id == "eaeu-fta");
        Assert.Contains(lapsed.Outcome.News, n => n.Headline.Contains("lapses", StringComparison.Ordinal));
    }

    [Fact]
    public void Proposals_rejected_or_countered_are_off_the_table()
    {
        var proposed = TurnResolver.Resolve(Baseline, [new ProposeAgreement("IND", "p1", AgreementKind.FreeTrade, ["RUS"], new AgreementTerms(TariffCeiling: 0))]).State;
        var rejected = TurnResolver.Resolve(proposed, [new AnswerProposal("RUS", "p1", false)]).State;
        Assert.Empty(rejected.Proposals);

        var countered = TurnResolver.Resolve(proposed, [new CounterProposal("RUS", "p1", "p2", new AgreementTerms(TariffCeiling: 0.05))]).State;
        var counter = Assert.Single(countered.Proposals);
        Assert.Equal(("p2", "RUS", 0.05), (counter.Id, counter.Proposer, counter.Terms.TariffCeiling!.Value));
        var signed = TurnResolver.Resolve(countered, [new AnswerProposal("IND", "p2", true)]).State;
        Assert.Contains(signed.Agreements, g => g.Id == "p2" && g.Kind == AgreementKind.FreeTrade);
    }

    [Fact]
    public void Group_proposals_need_every_partner()
    {
        var proposed = TurnResolver.Resolve(Baseline, [new ProposeAgreement("RUS", "ric", AgreementKind.VisaFacilitation, ["IND", "CHN"], AgreementTerms.None), new AnswerProposal("CHN", "ric", true)]).State;
        Assert.Equal<string>(["CHN"], Assert.Single(proposed.Proposals).AcceptedBy);
        var signed = TurnResolver.Resolve(proposed, [new AnswerProposal("IND", "ric", true)]).State;
        Assert.Equal<string>(["RUS", "IND", "CHN"], signed.Agreements.Single(g => g.Id == "ric").Parties);
    }

    [Fact]
    public void Crossed_proposals_of_the_same_agreement_sign_only_one()
    {
        Move[] moves =
        [
            new ProposeAgreement("IND", "ind-visa", AgreementKind.VisaFacilitation, ["EU"], AgreementTerms.None),
            new ProposeAgreement("EU", "eu-visa", AgreementKind.VisaFacilitation, ["IND"], AgreementTerms.None),
            new AnswerProposal("IND", "eu-visa", true),
            new AnswerProposal("EU", "ind-visa", true),
        ];

        var result = TurnResolver.Resolve(Baseline, moves).State;

        Assert.Single(result.Agreements, g => g.Kind == AgreementKind.VisaFacilitation);
        Assert.Empty(result.Proposals);
    }

    [Fact]
    public void Withdrawal_ends_the_agreement_and_costs_trust()
    {
        var result = TurnResolver.Resolve(Baseline, [new WithdrawFromAgreement("IND", "relos")]);
        Assert.False(result.State.Agreements.Single(g => g.Id == "relos").InForce);
        Assert.True(result.State.Relation("RUS", "IND").Trust < TurnResolver.Resolve(Baseline, []).State.Relation("RUS", "IND").Trust - 5);
    }

    [Fact]
    public void Breach_is_detected_from_the_terms_and_costs_trust()
    {
        // India raising a tariff above the FTA's ceiling breaches it (while the cuts phase in, above where it stood).
        var signing = TurnResolver.Resolve(Baseline, [new ProposeAgreement("IND", "eaeu", AgreementKind.FreeTrade, ["RUS"], new AgreementTerms(TariffCeiling: 0.05)), new AnswerProposal("RUS", "eaeu", true)]);
        var fta = signing.State;
        var breach = TurnResolver.Resolve(fta, [new SetTariff("IND", "RUS", Sector.Industrial, 0.45)]);
        var control = TurnResolver.Resolve(fta, []);
        var agreement = breach.State.Agreements.Single(g => g.Id == "eaeu");
        Assert.Equal((1, "IND"), (agreement.Breaches, agreement.LastBreachedBy));
        Assert.Equal(0, control.State.Agreements.Single(g => g.Id == "eaeu").Breaches);
        Assert.True(breach.State.Relation("RUS", "IND").Trust < control.State.Relation("RUS", "IND").Trust - 5);
        Assert.Contains(breach.Outcome.News, n => n.Headline == "IND breaches the free-trade agreement");

        // The outcomes record the signing and the breach as such, for summaries that must not read the news's words.
        var signed = Assert.Single(signing.Outcome.Signed);
        Assert.Equal(("eaeu", AgreementKind.FreeTrade, "IND RUS"), (signed.Agreement, signed.Kind, string.Join(' ', signed.Parties)));
        Assert.Empty(signing.Outcome.Breaches);
        var broken = Assert.Single(breach.Outcome.Breaches);
        Assert.Equal(("eaeu", AgreementKind.FreeTrade, "IND", "IND RUS"), (broken.Agreement, broken.Kind, broken.Breacher, string.Join(' ', broken.Parties)));
        Assert.Empty(breach.Outcome.Signed);
        Assert.Empty(control.Outcome.Breaches);
    }

    [Fact]
    public void A_breach_that_goes_on_is_charged_and_reported_once_and_a_new_one_after_the_party_complied_again()
    {
        // India's trade sanctions on Russia break their logistics pact (and their strategic partnership) for as long as they stand.
        var imposed = TurnResolver.Resolve(Baseline, [new SetSanction("IND", "RUS", SanctionDomain.Trade, SanctionLevel.Targeted)]);
        var standing = TurnResolver.Resolve(imposed.State, []);
        var lifted = TurnResolver.Resolve(standing.State, [new SetSanction("IND", "RUS", SanctionDomain.Trade, SanctionLevel.None)]);
        var again = TurnResolver.Resolve(lifted.State, [new SetSanction("IND", "RUS", SanctionDomain.Trade, SanctionLevel.Targeted)]);
        Agreement Pact(TurnResult r) => r.State.Agreements.Single(g => g.Id == "relos");

        Assert.Equal((1, "IND", true), (Pact(imposed).Breaches, Pact(imposed).LastBreachedBy, Pact(imposed).InBreach));
        Assert.Single(imposed.Outcome.Breaches, b => b.Agreement == "relos");
        Assert.Contains(imposed.Outcome.News, n => n.Headline == "IND breaches the strategic partnership" && n.Body.StartsWith("It has imposed sanctions on its partner.", StringComparison.Ordinal));

        // The next turn the sanctions still stand: the pact is still broken, but nothing new happened.
        Assert.Equal((1, true), (Pact(standing).Breaches, Pact(standing).InBreach));
        Assert.Empty(standing.Outcome.Breaches);
        Assert.DoesNotContain(standing.Outcome.News, n => n.Headline.StartsWith("IND breaches the ", StringComparison.Ordinal));
        var trust = standing.State.Relation("RUS", "IND").Trust - imposed.State.Relation("RUS", "IND").Trust;
        Assert.True(trust > -Baseline.Parameters.BreachPenalty / 2, $"Russia's trust in India fell {-trust:0.0} points in a turn in which India did nothing new");

        Assert.Equal((1, false), (Pact(lifted).Breaches, Pact(lifted).InBreach));
        Assert.Empty(lifted.Outcome.Breaches);
        Assert.Equal((2, true), (Pact(again).Breaches, Pact(again).InBreach));
        Assert.Single(again.Outcome.Breaches, b => b.Agreement == "relos");
    }

    [Fact]
    public void A_partnership_broken_by_a_public_condemnation_says_so_in_the_news()
    {
        var condemned = TurnResolver.Resolve(Baseline, [new MakeStatement("RUS", "IND", Stance.Condemn)]);
        var news = Assert.Single(condemned.Outcome.News, n => n.Headline == "RUS breaches the strategic partnership");
        Assert.StartsWith("It has condemned its partner in public.", news.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Energy_contract_breached_when_the_buyer_embargoes_the_supplier()
    {
        var world = Rich(BaselineScenario.World());
        var result = TurnResolver.Resolve(world, [new SetSanction("IND", "RUS", SanctionDomain.Energy, SanctionLevel.Sectoral)]);
        Assert.Equal("IND", result.State.Agreements.Single(g => g.Id == "rosneft-reliance").LastBreachedBy);
    }

    [Fact]
    public void Deliveries_arrive_when_due_or_slip_under_sanctions()
    {
        // The F-35 batch (US → EU, due turn 4): no sanctions on the seller, so it arrives.
        var state = Baseline;
        for (var t = 0; t < 5; t++)
        {
            state = TurnResolver.Resolve(state, []).State;
        }

        Assert.DoesNotContain(state.Deliveries, d => d.Id == "f35-europe");
        Assert.True(state.Actor("EU").MilitaryCapability > Baseline.Actor("EU").MilitaryCapability);

        // Russia is under comprehensive technology sanctions: over many seeds, some S-400 deliveries slip.
        var slipped = 0;
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var s = BaselineScenario.World(seed);
            for (var t = 0; t < 3; t++)
            {
                s = TurnResolver.Resolve(s, []).State;
            }

            slipped += s.Deliveries.Any(d => d.Id == "s400-regiment-4") ? 1 : 0;
        }

        Assert.InRange(slipped, 5, 35);
    }

    [Fact]
    public void Seller_decisions_delay_or_cancel_deliveries()
    {
        var delayed = TurnResolver.Resolve(Baseline, [new DecideDelivery("RUS", "s400-regiment-5", DeliveryDecision.Delay)]).State;
        Assert.Equal(8, delayed.Deliveries.Single(d => d.Id == "s400-regiment-5").DueTurn);
        var cancelled = TurnResolver.Resolve(Baseline, [new DecideDelivery("RUS", "s400-regiment-5", DeliveryDecision.Cancel)]);
        Assert.DoesNotContain(cancelled.State.Deliveries, d => d.Id == "s400-regiment-5");
        Assert.Equal("RUS", cancelled.State.Agreements.Single(g => g.Id == "brahmos").LastBreachedBy);
        Assert.True(cancelled.State.Relation("IND", "RUS").Trust < delayed.Relation("IND", "RUS").Trust);
    }

    [Fact]
    public void Arms_orders_shift_dependence_towards_the_seller()
    {
        var result = TurnResolver.Resolve(Baseline, [new OrderArms("IND", "USA", "P-8I aircraft", 5, 10)]).State;
        Assert.True(result.Relation("IND", "USA").ArmsShare > 0.15);
        Assert.True(result.Relation("IND", "RUS").ArmsShare < 0.36);
        Assert.Contains(result.Deliveries, d => d.Buyer == "IND" && d.Seller == "USA" && d.DueTurn == 10);
    }

    [Fact]
    public void Diversification_is_slow_and_lasting()
    {
        var state = TurnResolver.Resolve(Baseline, [new Diversify("IND", "RUS", DependenceDomain.Defence)]).State;
        Assert.InRange(state.Relation("IND", "RUS").ArmsShare, 0.3, 0.36);
        state = TestWorlds.Run(state, 12);
        Assert.InRange(state.Relation("IND", "RUS").ArmsShare, 0.15, 0.3);
        Assert.Equal(0, state.Relation("IND", "RUS").DiversifyingTurns[(int)DependenceDomain.Defence]);
        Assert.Equal(0.5, state.Relation("IND", "RUS").Diversification[(int)DependenceDomain.Defence], 9);
    }

    [Fact]
    public void Trust_follows_reciprocity_and_third_parties()
    {
        var control = TurnResolver.Resolve(Baseline, []).State;

        var condemned = TurnResolver.Resolve(Baseline, [new MakeStatement("USA", "CHN", Stance.Condemn)]).State;
        Assert.True(condemned.Relation("CHN", "USA").Trust < control.Relation("CHN", "USA").Trust - 3);

        // The US distrusts Russia, so India buying more Russian crude costs India US trust.
        var crude = TurnResolver.Resolve(Baseline, [new BuyDiscountedCrude("IND", "RUS", 2.5, 0.1)]).State;
        Assert.True(crude.Relation("USA", "IND").Trust < control.Relation("USA", "IND").Trust);

        // India distrusts China, so a Russia–China agreement costs Russia India's trust.
        var defence = TurnResolver.Resolve(Baseline, [new ProposeAgreement("RUS", "su57", AgreementKind.DefenceCoProduction, ["CHN"], AgreementTerms.None), new AnswerProposal("CHN", "su57", true)]).State;
        Assert.True(defence.Relation("IND", "RUS").Trust < control.Relation("IND", "RUS").Trust);
        Assert.True(defence.Relation("CHN", "RUS").Trust > control.Relation("CHN", "RUS").Trust);
    }

    [Fact]
    public void Trust_decays_towards_its_baseline()
    {
        var hurt = TurnResolver.Resolve(Baseline, [new MakeStatement("IND", "RUS", Stance.Condemn)]).State;
        var gap = Baseline.Relation("RUS", "IND").Trust - hurt.Relation("RUS", "IND").Trust;
        var later = TestWorlds.Run(hurt, 20);
        Assert.True(Baseline.Relation("RUS", "IND").Trust - later.Relation("RUS", "IND").Trust < gap / 2);
    }

    [Fact]
    public void Macro_a_tariff_war_costs_output_and_stability()
    {
        var world = Rich(Baseline);
        Move[] war = [new SetTariff("USA", "CHN", null, 1.0), new SetTariff("CHN", "USA", null, 1.0)];
        var treated = TestWorlds.Run(world, 4, war);
        var control = TestWorlds.Run(world, 4);
        Assert.True(treated.Actor("CHN").Gdp < control.Actor("CHN").Gdp);
        Assert.True(treated.Actor("USA").Scores.Prosperity < control.Actor("USA").Scores.Prosperity);
        Assert.True(treated.Global.Tension > control.Global.Tension);
    }

    [Fact]
    public void A_corridor_is_built_over_several_turns_and_lifts_the_partners_goods_trade_but_not_their_crude()
    {
        Move[] corridor = [new ProposeAgreement("IND", "chennai-vladivostok", AgreementKind.ConnectivityCorridor, ["RUS"], AgreementTerms.None), new AnswerProposal("RUS", "chennai-vladivostok", true)];
        var state = TestWorlds.Run(Baseline, 4, corridor);
        var built = state.Agreements.Single(g => g.Id == "chennai-vladivostok");
        Assert.InRange(built.Progress, 0.3, 0.6);
        var (control, opened) = (TestWorlds.Run(Baseline, 10), TestWorlds.Run(state, 6));
        double Trade(WorldState s, Func<Sector, bool> which) => Enum.GetValues<Sector>().Where(which)
            .Sum(x => TestWorlds.Exports(s, "IND", "RUS", x) + TestWorlds.Exports(s, "RUS", "IND", x));
        double Lift(Func<Sector, bool> which) => Trade(opened, which) / Trade(control, which);

        // Goods gain the route's saving and the trust the signing brought; crude, priced by the world market, only the trust.
        var goods = Lift(x => x != Sector.Energy);
        var energy = Lift(x => x == Sector.Energy);
        Assert.True(goods > 1.04, $"goods trade lifted {goods:F3}x");
        Assert.InRange(energy, 1.0, 1.02);
        Assert.True(goods > energy + 0.03, $"goods {goods:F3}x, energy {energy:F3}x");
    }

    [Fact]
    public void Local_currency_settlement_moves_trade_away_from_the_dollar()
    {
        Move[] deal = [new ProposeAgreement("IND", "rupee-dirham", AgreementKind.LocalCurrencySettlement, ["CHN"], new AgreementTerms(MaxUsdShare: 0.2)), new AnswerProposal("CHN", "rupee-dirham", true)];
        var state = TestWorlds.Run(Baseline, 8, deal);
        Assert.InRange(state.Relation("IND", "CHN").UsdShare, 0.2, 0.35);
        Assert.Equal(state.Relation("IND", "CHN").UsdShare, state.Relation("CHN", "IND").UsdShare);
    }

    [Fact]
    public void Capital_is_spent_and_refills()
    {
        var result = TurnResolver.Resolve(Baseline, [new HoldSummit("IND", ["RUS"])]).State;
        Assert.Equal(Baseline.Actor("IND").Capital - 2 + Baseline.Actor("IND").CapitalPerTurn, result.Actor("IND").Capital);
        Assert.Equal(Baseline.Actor("IND").CapitalCap, TestWorlds.Run(Baseline, 3).Actor("IND").Capital);
    }

    [Fact]
    public void Scores_are_bounded_and_utility_is_the_weighted_sum()
    {
        foreach (var actor in TestWorlds.Run(Baseline, 3).Actors)
        {
            var s = actor.Scores;
            foreach (var c in new[] { s.Prosperity, s.Security, s.EnergySecurity, s.Autonomy, s.Influence, s.Goals })
            {
                Assert.InRange(c, 0, 100);
            }

            var w = actor.Interests;
            Assert.Equal((w.Prosperity * s.Prosperity) + (w.Security * s.Security) + (w.EnergySecurity * s.EnergySecurity) + (w.Autonomy * s.Autonomy) + (w.Influence * s.Influence) + (w.GoalsWeight * s.Goals), s.Utility, 9);
        }
    }

    [Fact]
    public void Outcome_lists_changed_indicators_and_news()
    {
        var result = TurnResolver.Resolve(Baseline, [new SetTariff("USA", "IND", null, 1.0)]);
        Assert.Contains(result.Outcome.Changes, c => c.Subject == "IND-USA" && c.Indicator == "trade" && c.After < c.Before * 0.9);
        Assert.Contains(result.Outcome.News, n => n.Category == "trade" && n.Actors.SequenceEqual(ImmutableArray.Create("USA", "IND")));
        Assert.Contains(result.Outcome.News, n => n.Headline.StartsWith("IND–USA trade slumps", StringComparison.Ordinal));
        Assert.Equal(5, result.Outcome.Scores.Length);
        Assert.Equal("2025-Q4", result.Outcome.Date);
        Assert.Equal("2026-Q1", result.State.Date);
    }
}

/// <summary>What signing an agreement and reaching a relationship goal do to trust and to the score.</summary>
public sealed class AgreementPoliticsTests
{
    [Fact]
    public void A_visa_arrangement_builds_a_quarter_of_a_partnership_s_goodwill_and_the_partners_rivals_do_not_mind_it()
    {
        // C regards B as a rival: an agreement between A and B costs A some of C's trust, unless it is about visas.
        var world = TestWorlds.Triangle(configure: b => b.Trust("C", "B", -60));
        var none = TurnResolver.Resolve(world, [], []).State;
        WorldState Sign(AgreementKind kind) =>
            TurnResolver.Resolve(world, [new Shock("deal", "A deal", "", [new AgreementEffect("ab", kind, ["A", "B"], new AgreementTerms())])], []).State;
        double Warmth(WorldState s) => s.Relation("A", "B").Trust - none.Relation("A", "B").Trust;
        double Rival(WorldState s) => s.Relation("C", "A").Trust - none.Relation("C", "A").Trust;

        var partnership = Sign(AgreementKind.StrategicPartnership);
        var corridor = Sign(AgreementKind.ConnectivityCorridor);
        var visas = Sign(AgreementKind.VisaFacilitation);

        Assert.True(Warmth(partnership) > 5, $"a partnership warms A to B by {Warmth(partnership)}");
        Assert.Equal(Warmth(partnership) / 4, Warmth(visas), 6);
        Assert.Equal(Warmth(partnership) / 2, Warmth(corridor), 6);
        Assert.True(Rival(partnership) < -2, $"C's trust in A moves by {Rival(partnership)} after a partnership");
        Assert.Equal(Rival(partnership) / 2, Rival(corridor), 6);
        Assert.Equal(0, Rival(visas), 9);
    }

    [Fact]
    public void Trust_short_of_a_relationship_goal_lowers_the_goals_score_and_trust_beyond_it_does_not()
    {
        double GoalsScore(double trustInB)
        {
            var world = TestWorlds.Triangle(configure: b => b.Trust("A", "B", trustInB));
            var a = world.IndexOf("A");
            var actor = world.Actors[a];
            world = world with { Actors = world.Actors.SetItem(a, actor with { Interests = actor.Interests with { Goals = [new RelationshipGoal("B", 20)] } }) };
            return TurnResolver.Resolve(world, [], []).State.Actor("A").Scores.Goals;
        }

        Assert.Equal(100, GoalsScore(20), 6);
        Assert.Equal(90, GoalsScore(0), 6);
        Assert.Equal(100, GoalsScore(60), 6);
    }
}
