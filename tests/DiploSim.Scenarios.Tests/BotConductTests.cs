using System.Globalization;
using System.Text;
using DiploSim.Core;
using DiploSim.Core.State;
using Xunit.Abstractions;

namespace DiploSim.Scenarios.Tests;

/// <summary>
/// The bots' conduct over seeded all-bot runs of every library scenario, counted from what the turns show
/// (moves, news and the worlds before and after), not from the rules the bots use to hold themselves back.
/// </summary>
public sealed class BotConductTests(ITestOutputHelper output)
{
    private const int Seeds = 12;
    private const int Turns = 24;

    [Fact]
    public void Bots_keep_their_conduct_in_every_library_scenario()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| scenario ({Seeds} seeds x {Turns} turns) | proposals | re-proposed within a year | own breaches | tariffs on no trade | most summits of a pair in a year | backing a hostile power |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        var totals = new Counts();
        foreach (var file in ScenarioLibrary.Files())
        {
            var counts = new Counts();
            for (ulong seed = 1; seed <= Seeds; seed++)
            {
                var loaded = ScenarioLoader.Load(file, new ScenarioOptions(seed));
                Assert.True(loaded.IsOk, string.Join(Environment.NewLine, loaded.Errors));
                Play(loaded.Scenario!, counts);
            }

            table.AppendLine(CultureInfo.InvariantCulture, $"| {Path.GetFileNameWithoutExtension(file)} | {counts.Proposals} | {counts.Reproposed} | {counts.OwnBreaches} | {counts.TariffsOnNoTrade} | {counts.MostSummits} | {counts.BackingHostile} |");
            totals.Add(counts);
        }

        output.WriteLine(table.ToString());
        Assert.True(totals.Proposals > 0, "the bots made no proposal at all, so the counts below prove nothing");
        Assert.Equal(0, totals.Reproposed);
        Assert.Equal(0, totals.OwnBreaches);
        Assert.Equal(0, totals.TariffsOnNoTrade);
        Assert.Equal(0, totals.BackingHostile);
        Assert.InRange(totals.MostSummits, 0, 1);
    }

    [Fact]
    public void India_lowers_no_tariff_outside_an_agreement_and_its_farm_tariffs_least_of_all_in_any_library_scenario()
    {
        // Its applied rates are the same for every WTO member; a partner gets lower ones in an agreement, whose ceilings
        // bring them down, not by a bot's cut. Its farm tariffs it guards even in its trade talks.
        var (moves, rises, cuts, farmCuts, cutOn) = TariffMoves("IND");
        output.WriteLine($"{moves} moves by India: {rises} tariff rises, {cuts} tariff cuts, {farmCuts} of them on farm goods (by target and sector: {cutOn})");
        Assert.True(moves > 0, "India made no move at all, so this proves nothing");
        Assert.Equal(0, farmCuts);
        Assert.Equal(0, cuts);
    }

    [Fact]
    public void India_takes_up_the_visa_facilitation_Russia_offers_in_every_seed_of_the_summit_scenario()
    {
        // The 2025 summit agreed e-visas for Russian tourists; a visa arrangement costs India nothing with its rivals.
        var (signed, refused) = (0, 0);
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            var scenario = ScenarioLoader.Load(Library.File("india-russia-summit-2025.yaml"), new ScenarioOptions(seed)).Scenario!;
            var world = scenario.World;
            foreach (var result in Simulation.Play(world, scenario.Script, Turns))
            {
                var visas = world.Proposals.Where(p => p.Kind == AgreementKind.VisaFacilitation && p.Parties.Contains("IND") && p.Parties.Contains("RUS")).Select(p => p.Id).ToHashSet();
                refused += result.Outcome.Moves.Where(m => m.Accepted).Select(m => m.Move).OfType<AnswerProposal>()
                    .Count(a => a.Actor == "IND" && !a.Accept && visas.Contains(a.ProposalId));
                world = result.State;
            }

            signed += world.Agreements.Any(a => a.Kind == AgreementKind.VisaFacilitation && a.Parties.Contains("IND") && a.Parties.Contains("RUS")) ? 1 : 0;
        }

        output.WriteLine($"{signed} of {Seeds} seeds end with an India–Russia visa arrangement; India refused Russia's {refused} times");
        Assert.Equal(0, refused);
        Assert.Equal((int)Seeds, signed);
    }

    [Fact]
    public void India_builds_the_corridors_Russia_offers_and_refuses_none_over_any_library_scenario_s_planned_turns()
    {
        // India is a founding party of the north–south corridor (2000) and took up the Chennai–Vladivostok route; the
        // 2025 summit named both. A corridor's political price (its rivals' trust) comes at once and its trade as it is
        // built, so a bot that judged it before it was built turned it down. Each scenario is played for its planned
        // turns, as a class plays it: the bots value what a move gives before the scenario ends.
        var answers = new SortedDictionary<string, (int Accepted, int Refused)>(StringComparer.Ordinal);
        foreach (var file in ScenarioLibrary.Files())
        {
            for (ulong seed = 1; seed <= 4; seed++)
            {
                var scenario = ScenarioLoader.Load(file, new ScenarioOptions(seed)).Scenario!;
                if (!scenario.World.Has("IND") || !scenario.World.Has("RUS"))
                {
                    continue;
                }

                var world = scenario.World;
                foreach (var result in Simulation.Play(world, scenario.Script, scenario.Turns))
                {
                    var offers = world.Proposals.Where(p => p.Proposer == "RUS" && p.Kind is AgreementKind.ConnectivityCorridor or AgreementKind.FreeTrade)
                        .ToDictionary(p => p.Id, p => p.Kind);
                    foreach (var answer in Accepted(result).OfType<AnswerProposal>().Where(a => offers.ContainsKey(a.ProposalId)))
                    {
                        var key = $"{answer.Actor} to Russia's {offers[answer.ProposalId].Describe()}";
                        var (yes, no) = answers.GetValueOrDefault(key);
                        answers[key] = answer.Accept ? (yes + 1, no) : (yes, no + 1);
                    }

                    world = result.State;
                }
            }
        }

        foreach (var (key, (yes, no)) in answers)
        {
            output.WriteLine($"{key}: {yes} accepted, {no} refused");
        }

        var (accepted, refused) = answers.GetValueOrDefault($"IND to Russia's {AgreementKind.ConnectivityCorridor.Describe()}");
        Assert.True(accepted > 0, "Russia proposed India no corridor India answered, so this proves nothing");
        Assert.Equal(0, refused);
    }

    [Fact]
    public void Bots_sign_corridors_only_along_the_routes_a_library_scenario_names()
    {
        // A corridor is a project on a route (the north–south corridor through Iran, the India–Middle East–Europe
        // corridor, the Northern Sea Route): the US and the EU, whose ships already sail direct, have none to build.
        var signed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var offRoute = 0;
        foreach (var (world, result) in LibraryTurns())
        {
            foreach (var corridor in result.State.Agreements.Where(g => g.Kind == AgreementKind.ConnectivityCorridor && world.Agreements.All(b => b.Id != g.Id)))
            {
                var pair = string.Join("–", corridor.Parties);
                signed[pair] = signed.GetValueOrDefault(pair) + 1;
                offRoute += world.CorridorCanLink(corridor.Parties) ? 0 : 1;
            }

            offRoute += result.Outcome.Moves.Select(m => m.Move).OfType<ProposeAgreement>()
                .Count(p => p.Agreement == AgreementKind.ConnectivityCorridor && !world.CorridorCanLink([p.Actor, .. p.Partners]));
        }

        output.WriteLine($"corridors signed, by parties: {string.Join(", ", signed.Select(s => $"{s.Key} {s.Value}"))}; proposed or signed off the routes: {offRoute}");
        Assert.True(signed.Count > 0, "no corridor was signed, so this proves nothing");
        Assert.Equal(0, offRoute);
    }

    [Fact]
    public void Russia_never_holds_back_India_s_arms_or_crude_in_any_library_scenario()
    {
        // Crude and arms are the two pillars of Russia's trade with India (the 2025 joint statement: "uninterrupted" fuel).
        var (delivered, crudeTurns, heldBack) = (0, 0, 0);
        foreach (var (world, result) in LibraryTurns("IND", "RUS"))
        {
            var moves = Accepted(result).Where(m => m.Actor == "RUS").ToList();
            heldBack += moves.OfType<DecideDelivery>().Count(d => d.Decision != DeliveryDecision.OnTime
                && world.Deliveries.Any(x => x.Id == d.DeliveryId && x.Buyer == "IND"));
            heldBack += moves.OfType<SetSanction>().Count(s => s.Target == "IND" && s.Level > world.Relation("RUS", "IND").Sanction(s.Domain));
            delivered += world.Deliveries.Count(d => d.Seller == "RUS" && d.Buyer == "IND") - result.State.Deliveries.Count(d => d.Seller == "RUS" && d.Buyer == "IND");
            crudeTurns += result.State.Relation("IND", "RUS").Crude is not null ? 1 : 0;
        }

        output.WriteLine($"Russia's deliveries to India completed: {delivered}; turns with India buying Russian crude: {crudeTurns}; deliveries delayed or cancelled and sanctions on India by Russia's bot: {heldBack}");
        Assert.True(delivered > 0 && crudeTurns > 0, "no Russian arms or crude reached India, so this proves nothing");
        Assert.Equal(0, heldBack);
    }

    [Fact]
    public void China_raises_a_tariff_only_to_answer_a_rise_on_its_own_goods_and_lowers_one_below_its_reference_only_to_answer_a_cut_in_any_library_scenario()
    {
        var (rises, unprovoked, cuts, unanswered) = (0, 0, 0, 0);
        var pairs = new SortedSet<string>(StringComparer.Ordinal);
        var cutOn = new SortedDictionary<string, int>(StringComparer.Ordinal); // "RUS energy": cuts below the reference, by target and sector
        foreach (var (world, result) in LibraryTurns("CHN"))
        {
            foreach (var t in Accepted(result).OfType<SetTariff>().Where(t => t.Actor == "CHN"))
            {
                var own = world.Relation("CHN", t.Target);
                var theirs = world.Relation(t.Target, "CHN");
                var sectors = Sectors(t);
                if (sectors.Any(s => t.Rate < own.Tariffs[s]))
                {
                    cuts++;
                    var conceded = Enumerable.Range(0, Domain.SectorCount).Max(s => theirs.Reference.Tariffs[s] - theirs.Tariffs[s]);
                    var below = sectors.Where(s => t.Rate < own.Tariffs[s] && t.Rate < own.Reference.Tariffs[s] - Math.Max(0, conceded) - 1e-9).ToList();
                    unanswered += below.Count > 0 ? 1 : 0;
                    foreach (var s in below)
                    {
                        var key = $"{t.Target} {((Sector)s).Name()}";
                        cutOn[key] = cutOn.GetValueOrDefault(key) + 1;
                    }
                }

                if (!sectors.Any(s => t.Rate > own.Tariffs[s]))
                {
                    continue;
                }

                rises++;
                pairs.Add(t.Target);
                var answer = Enumerable.Range(0, Domain.SectorCount).Max(s => theirs.Tariffs[s] - theirs.Reference.Tariffs[s]);
                if (sectors.Any(s => t.Rate > own.Tariffs[s] && t.Rate > own.Reference.Tariffs[s] + Math.Max(0, answer) + 1e-9))
                {
                    unprovoked++;
                }
            }
        }

        output.WriteLine($"{rises} tariff rises by China (on {string.Join(", ", pairs)}), {unprovoked} of them beyond the largest rise of the target's tariffs on China; "
            + $"{cuts} cuts, {unanswered} of them below the reference level by more than the target's largest cut (by target and sector: {string.Join(", ", cutOn.Select(c => $"{c.Key} {c.Value}"))})");
        Assert.True(rises > 0, "China raised no tariff at all, so this proves nothing");
        Assert.Equal(0, unprovoked);
        Assert.Equal(0, unanswered);
    }

    [Fact]
    public void The_United_States_lowers_no_tariff_of_its_own_accord_and_keeps_pressing_Russia_and_China_in_any_library_scenario()
    {
        // Its tariffs come down in deals (the US-EU framework of August 2025 keeps 15% on EU goods), not by a bot's cut.
        var (rises, cuts) = (0, 0);
        var raised = new SortedDictionary<string, int>(StringComparer.Ordinal); // "RUS other": sectors raised, by target
        var cutOn = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (world, result) in LibraryTurns("USA", "RUS", "CHN"))
        {
            foreach (var t in Accepted(result).OfType<SetTariff>().Where(t => t.Actor == "USA"))
            {
                var own = world.Relation("USA", t.Target);
                var sectors = Sectors(t);
                if (sectors.Any(s => t.Rate < own.Tariffs[s]))
                {
                    cuts++;
                    cutOn.Add(t.Target);
                }

                var up = sectors.Where(s => t.Rate > own.Tariffs[s]).ToList();
                rises += up.Count > 0 ? 1 : 0;
                foreach (var s in up)
                {
                    var key = $"{t.Target} {((Sector)s).Name()}";
                    raised[key] = raised.GetValueOrDefault(key) + 1;
                }
            }
        }

        var targets = new SortedSet<string>(raised.Keys.Select(k => k.Split(' ')[0]), StringComparer.Ordinal);
        output.WriteLine($"{rises} tariff rises by the United States (by target and sector: {string.Join(", ", raised.Select(r => $"{r.Key} {r.Value}"))}), {cuts} tariff cuts (on {string.Join(", ", cutOn)})");
        Assert.True(rises > 0, "the United States set no tariff at all, so this proves nothing");
        Assert.Equal(0, cuts);
        Assert.Equal(["CHN", "RUS"], targets);
    }

    [Fact]
    public void The_European_Union_lowers_no_tariff_outside_an_agreement_in_any_library_scenario()
    {
        // Its Common Customs Tariff is the same for every WTO member; a partner gets lower rates in an agreement, whose
        // ceilings bring them down, not by a bot's cut.
        var (moves, rises, cuts, _, cutOn) = TariffMoves("EU", "USA", "IND");
        output.WriteLine($"{moves} moves by the European Union: {rises} tariff rises, {cuts} tariff cuts (by target and sector: {cutOn})");
        Assert.True(moves > 0, "the European Union made no move at all, so this proves nothing");
        Assert.Equal(0, cuts);
    }

    [Fact]
    public void The_European_Union_imposes_tightens_and_lifts_no_sanction_of_its_own_in_any_library_scenario_or_history_file()
    {
        // Its sanctions are Council decisions taken by unanimity, package by package, in answer to a breach of international
        // law (the scenarios script both, the packages as shocks); the economic sanctions on Russia are renewed every six
        // months while the conduct that triggered them goes on (tied since March 2015 to the Minsk agreements), and none
        // has been lifted. So sanctions are not among its bot's moves, and it never eases those on Russia.
        var (moves, own) = (0, 0);
        foreach (var (_, result) in Played(LibraryAndHistory, 4, Turns, null, "EU"))
        {
            moves += Accepted(result).Count(m => m.Actor == "EU");
            own += Accepted(result).OfType<SetSanction>().Count(m => m.Actor == "EU");
        }

        output.WriteLine($"{moves} moves by the European Union over every library scenario and history file (4 seeds x {Turns} turns): {own} sanctions of its own");

        // Where its trust in Russia has fallen below the bot's threshold for sanctions (-60) or risen above its threshold for
        // lifting them (+20) with nothing else changed: no ceasefire, no peace, the conduct and the packages as scripted.
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var trust in new[] { -60.0, 20.0 })
        {
            foreach (var barred in new[] { true, false })
            {
                foreach (var (world, result) in Played(LibraryAndHistory, 2, 12, w => WithTrust(barred ? w : WithSanctionsUnbarred(w), "EU", "RUS", trust), "EU", "RUS"))
                {
                    foreach (var m in Accepted(result).OfType<SetSanction>().Where(m => m.Actor == "EU"))
                    {
                        var level = world.Relation("EU", m.Target).Sanction(m.Domain);
                        var key = $"trust {trust}, {(barred ? "its doctrine" : "sanctions favoured, no line")}: {(m.Level > level ? "imposed or tightened" : "lifted or eased")} {m.Target} {m.Domain}";
                        counts[key] = counts.GetValueOrDefault(key) + 1;
                    }
                }
            }
        }

        output.WriteLine($"EU sanction moves with its trust in Russia set at the start (2 seeds x 12 turns of each file): {(counts.Count == 0 ? "none" : string.Join("; ", counts.Select(c => $"{c.Key} {c.Value}")))}");
        Assert.True(moves > 0, "the European Union made no move at all, so this proves nothing");
        Assert.True(counts.Where(c => c.Key.Contains("no line", StringComparison.Ordinal)).Sum(c => c.Value) > 0,
            "the European Union's bot would move no sanction with sanctions among its moves either, so this proves nothing");
        Assert.Equal(0, own);
        Assert.Equal(0, counts.Where(c => c.Key.Contains("its doctrine", StringComparison.Ordinal)).Sum(c => c.Value));
    }

    /// <summary>The world with sanctions among the European Union's favoured moves and none of its lines on sanctions.</summary>
    private static WorldState WithSanctionsUnbarred(WorldState world)
    {
        var eu = world.IndexOf("EU");
        var doctrine = world.Actors[eu].Doctrine;
        var lines = doctrine.RedLines.RemoveAll(l => l.Kind == MoveKind.SetSanction);
        var favoured = doctrine.Favoured.Contains(MoveKind.SetSanction) ? doctrine.Favoured : doctrine.Favoured.Add(MoveKind.SetSanction);
        return world with { Actors = world.Actors.SetItem(eu, world.Actors[eu] with { Doctrine = doctrine with { RedLines = lines, Favoured = favoured } }) };
    }

    private static WorldState WithTrust(WorldState world, string from, string to, double trust)
    {
        var i = (world.IndexOf(from) * world.Actors.Length) + world.IndexOf(to);
        return world with { Relations = world.Relations.SetItem(i, world.Relations[i] with { Trust = trust }) };
    }

    [Fact]
    public void The_United_States_neither_proposes_nor_accepts_visa_facilitation_in_any_library_scenario()
    {
        // Its 2025 visa policy went the other way: USD 100,000 on new H-1B petitions (the proclamation of 19 September
        // 2025) and a USD 250 visa integrity fee (the reconciliation act of July 2025).
        var (proposed, accepted, offered, signed) = (0, 0, 0, 0);
        var to = new SortedDictionary<string, int>(StringComparer.Ordinal); // visa proposals by the US, by partner
        var by = new SortedDictionary<string, int>(StringComparer.Ordinal); // visa proposals to the US, by proposer
        var otherKinds = new SortedDictionary<string, int>(StringComparer.Ordinal); // the agreements it does propose
        foreach (var (world, result) in LibraryTurns("USA"))
        {
            var moves = Accepted(result).ToList();
            var visas = world.Proposals.Concat(moves.OfType<ProposeAgreement>().Select(p => new Proposal(p.ProposalId, p.Actor, p.Agreement, [p.Actor, .. p.Partners], p.Terms, world.Turn, [])))
                .Where(p => p.Kind == AgreementKind.VisaFacilitation).ToDictionary(p => p.Id, StringComparer.Ordinal);
            foreach (var p in moves.OfType<ProposeAgreement>().Where(p => p.Actor == "USA"))
            {
                if (p.Agreement != AgreementKind.VisaFacilitation)
                {
                    otherKinds[p.Agreement.ToString()] = otherKinds.GetValueOrDefault(p.Agreement.ToString()) + 1;
                    continue;
                }

                proposed++;
                foreach (var partner in p.Partners)
                {
                    to[partner] = to.GetValueOrDefault(partner) + 1;
                }
            }

            proposed += moves.OfType<CounterProposal>().Count(c => c.Actor == "USA" && visas.ContainsKey(c.ProposalId));
            accepted += moves.OfType<AnswerProposal>().Count(a => a.Actor == "USA" && a.Accept && visas.ContainsKey(a.ProposalId));
            foreach (var p in moves.OfType<ProposeAgreement>().Where(p => p.Actor != "USA" && p.Agreement == AgreementKind.VisaFacilitation && p.Partners.Contains("USA")))
            {
                offered++;
                by[p.Actor] = by.GetValueOrDefault(p.Actor) + 1;
            }

            signed += result.State.Agreements.Count(a => a.Kind == AgreementKind.VisaFacilitation && a.Parties.Contains("USA") && world.Agreements.All(b => b.Id != a.Id));
        }

        output.WriteLine($"visa facilitation and the United States: {proposed} proposals by it (to {string.Join(", ", to.Select(t => $"{t.Key} {t.Value}"))}), "
            + $"{accepted} acceptances, {signed} arrangements signed; {offered} offered to it (by {string.Join(", ", by.Select(b => $"{b.Key} {b.Value}"))}); "
            + $"its other proposals: {string.Join(", ", otherKinds.Select(k => $"{k.Key} {k.Value}"))}");

        // Without its two visa lines, the same bot proposes visa facilitation: the lines are what stop it.
        var unbarred = LibraryTurns(WithoutVisaLines, "USA").Sum(turn => Accepted(turn.Result).OfType<ProposeAgreement>()
            .Count(p => p.Actor == "USA" && p.Agreement == AgreementKind.VisaFacilitation));
        output.WriteLine($"without its visa lines the United States proposes visa facilitation {unbarred} times");
        Assert.True(unbarred > 0, "the United States would propose no visa facilitation without its lines either, so this proves nothing");
        Assert.Equal(0, proposed);
        Assert.Equal(0, accepted);
        Assert.Equal(0, signed);
    }

    private static WorldState WithoutVisaLines(WorldState world)
    {
        var usa = world.IndexOf("USA");
        var doctrine = world.Actors[usa].Doctrine;
        var lines = doctrine.RedLines.RemoveAll(l => l.Agreement == AgreementKind.VisaFacilitation);
        return world with { Actors = world.Actors.SetItem(usa, world.Actors[usa] with { Doctrine = doctrine with { RedLines = lines } }) };
    }

    /// <summary>
    /// Every turn of four seeds of every library scenario that has all of <paramref name="actors"/>, played by bots
    /// throughout: the world the turn started from, and what it resolved to.
    /// </summary>
    private static IEnumerable<(WorldState Before, TurnResult Result)> LibraryTurns(params string[] actors) => LibraryTurns(null, actors);

    /// <summary><see cref="LibraryTurns(string[])"/>, each scenario's world first changed by <paramref name="change"/>.</summary>
    private static IEnumerable<(WorldState Before, TurnResult Result)> LibraryTurns(Func<WorldState, WorldState>? change, params string[] actors) =>
        Played(ScenarioLibrary.Files(), 4, Turns, change, actors);

    /// <summary>The library's scenario files and its history files (scenarios/history/).</summary>
    private static IEnumerable<string> LibraryAndHistory =>
        ScenarioLibrary.Files().Concat(Directory.GetFiles(Path.Combine(Library.Directory, "history"), "*.yaml").Order(StringComparer.Ordinal));

    /// <summary>
    /// Every turn of <paramref name="seeds"/> seeds of each of <paramref name="files"/> that has all of <paramref name="actors"/>,
    /// played by bots throughout for <paramref name="turns"/> turns with the scripted shocks, each world first changed by
    /// <paramref name="change"/>: the world the turn started from, and what it resolved to.
    /// </summary>
    private static IEnumerable<(WorldState Before, TurnResult Result)> Played(IEnumerable<string> files, int seeds, int turns, Func<WorldState, WorldState>? change, params string[] actors)
    {
        foreach (var file in files)
        {
            for (ulong seed = 1; seed <= (ulong)seeds; seed++)
            {
                var scenario = ScenarioLoader.Load(file, new ScenarioOptions(seed)).Scenario!;
                if (!actors.All(scenario.World.Has))
                {
                    continue;
                }

                var world = change is null ? scenario.World : change(scenario.World);
                foreach (var result in Simulation.Play(world, scenario.Script, turns))
                {
                    yield return (world, result);
                    world = result.State;
                }
            }
        }
    }

    /// <summary>
    /// An actor's accepted moves over <see cref="LibraryTurns"/> (the scenarios that also have <paramref name="others"/>):
    /// how many, its tariff rises and cuts, the cuts that lower a farm tariff, and the cuts by target and sector.
    /// </summary>
    private static (int Moves, int Rises, int Cuts, int FarmCuts, string CutOn) TariffMoves(string actor, params string[] others)
    {
        var (moves, rises, cuts, farmCuts) = (0, 0, 0, 0);
        var cutOn = new SortedDictionary<string, int>(StringComparer.Ordinal); // "EU industrial": cuts, by target and sector
        foreach (var (world, result) in LibraryTurns([actor, .. others]))
        {
            foreach (var m in Accepted(result).Where(m => m.Actor == actor))
            {
                moves++;
                if (m is not SetTariff t)
                {
                    continue;
                }

                var own = world.Relation(actor, t.Target);
                var down = Sectors(t).Where(s => t.Rate < own.Tariffs[s]).ToList();
                cuts += down.Count > 0 ? 1 : 0;
                farmCuts += down.Contains((int)Sector.Agriculture) ? 1 : 0;
                rises += Sectors(t).Any(s => t.Rate > own.Tariffs[s]) ? 1 : 0;
                foreach (var s in down)
                {
                    var key = $"{t.Target} {((Sector)s).Name()}";
                    cutOn[key] = cutOn.GetValueOrDefault(key) + 1;
                }
            }
        }

        return (moves, rises, cuts, farmCuts, string.Join(", ", cutOn.Select(c => $"{c.Key} {c.Value}")));
    }

    /// <summary>The sectors a tariff move sets: its own, or every sector when it names none.</summary>
    private static int[] Sectors(SetTariff t) => t.Sector is { } one ? [(int)one] : [.. Enumerable.Range(0, Domain.SectorCount)];

    private static IEnumerable<Move> Accepted(TurnResult result) => result.Outcome.Moves.Where(m => m.Accepted).Select(m => m.Move);

    private static void Play(Scenario scenario, Counts counts)
    {
        var world = scenario.World;
        var perYear = Math.Max(1, world.TurnsPerYear);
        var refusals = new Dictionary<(string Refuser, string Proposer, AgreementKind Kind), (int Turn, double Trust)>();
        var summits = new List<(string Pair, int Turn)>();
        foreach (var result in Simulation.Play(world, scenario.Script, Turns))
        {
            var before = world;
            var after = result.State;
            var turn = before.Turn;
            var accepted = result.Outcome.Moves.Where(m => m.Accepted).Select(m => m.Move).ToList();

            foreach (var p in accepted.OfType<ProposeAgreement>())
            {
                counts.Proposals++;
                foreach (var partner in p.Partners)
                {
                    if (refusals.TryGetValue((partner, p.Actor, p.Agreement), out var refused) && turn - refused.Turn < perYear
                        && before.Relation(partner, p.Actor).Trust < refused.Trust + 15)
                    {
                        counts.Reproposed++;
                    }
                }
            }

            // A proposal that left the table without entering into force was refused (or let lapse) by whoever had not accepted it.
            foreach (var proposal in before.Proposals.Concat(after.Proposals.Where(p => p.Turn == turn)).DistinctBy(p => p.Id))
            {
                var stillOpen = after.Proposals.Any(p => p.Id == proposal.Id);
                var signed = after.Agreements.Any(a => a.Id == proposal.Id);
                if (stillOpen || signed)
                {
                    continue;
                }

                var answered = accepted.OfType<AnswerProposal>().Where(a => a.ProposalId == proposal.Id && a.Accept).Select(a => a.Actor).ToHashSet();
                foreach (var partner in proposal.Partners.Where(p => !proposal.AcceptedBy.Contains(p) && !answered.Contains(p)))
                {
                    refusals[(partner, proposal.Proposer, proposal.Kind)] = (turn, before.Relation(partner, proposal.Proposer).Trust);
                }
            }

            // A breach is the bot's own when one of its moves this turn broke the terms of the agreement found breached.
            foreach (var agreement in after.Agreements.Where(a => a.LastBreachedBy is not null && a.Breaches > (before.Agreements.FirstOrDefault(b => b.Id == a.Id)?.Breaches ?? 0)))
            {
                var breacher = agreement.LastBreachedBy!;
                if (accepted.Any(m => m.Actor == breacher && Breaks(m, agreement)))
                {
                    counts.OwnBreaches++;
                }
            }

            foreach (var t in accepted.OfType<SetTariff>())
            {
                var exports = before.Relation(t.Target, t.Actor);
                if ((t.Sector is { } sector ? exports.Exports[(int)sector] : exports.TotalExports) < 0.05)
                {
                    counts.TariffsOnNoTrade++;
                }
            }

            foreach (var s in accepted.OfType<MakeStatement>().Where(s => s.Stance == Stance.Support))
            {
                if (before.Relation(s.About, s.Actor).Tariffs.Any(x => x > 0.25))
                {
                    counts.BackingHostile++;
                }
            }

            foreach (var s in accepted.OfType<HoldSummit>())
            {
                foreach (var partner in s.Partners)
                {
                    var pair = string.CompareOrdinal(s.Actor, partner) < 0 ? $"{s.Actor}-{partner}" : $"{partner}-{s.Actor}";
                    summits.Add((pair, turn));
                    counts.MostSummits = Math.Max(counts.MostSummits, summits.Count(x => x.Pair == pair && turn - x.Turn < perYear));
                }
            }

            world = after;
        }
    }

    /// <summary>Whether a move, on its own, breaks the agreement's terms (as docs/model.md states them) towards a party.</summary>
    private static bool Breaks(Move move, Agreement agreement) => move switch
    {
        SetTariff m => agreement.Kind == AgreementKind.FreeTrade && agreement.Parties.Contains(m.Target) && m.Rate > agreement.Terms.TariffCeiling + 1e-9,
        SetSanction m => agreement.Parties.Contains(m.Target) && m.Level > SanctionLevel.None && agreement.Kind switch
        {
            AgreementKind.FreeTrade => false,
            AgreementKind.LocalCurrencySettlement => m.Domain == SanctionDomain.Finance,
            AgreementKind.DefenceCoProduction => m.Domain == SanctionDomain.Technology,
            AgreementKind.EnergyContract => m.Domain == SanctionDomain.Energy,
            AgreementKind.StrategicPartnership or AgreementKind.Logistics => true,
            _ => m.Domain == SanctionDomain.Trade && m.Level >= SanctionLevel.Sectoral,
        },
        MakeStatement { Stance: Stance.Condemn } m => agreement.Parties.Contains(m.About) && agreement.Kind is AgreementKind.StrategicPartnership or AgreementKind.Logistics,
        _ => false,
    };

    private sealed class Counts
    {
        public int Proposals { get; set; }

        public int Reproposed { get; set; }

        public int OwnBreaches { get; set; }

        public int TariffsOnNoTrade { get; set; }

        public int MostSummits { get; set; }

        public int BackingHostile { get; set; }

        public void Add(Counts other)
        {
            Proposals += other.Proposals;
            Reproposed += other.Reproposed;
            OwnBreaches += other.OwnBreaches;
            TariffsOnNoTrade += other.TariffsOnNoTrade;
            MostSummits = Math.Max(MostSummits, other.MostSummits);
            BackingHostile += other.BackingHostile;
        }
    }
}
