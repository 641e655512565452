using DiploSim.Core.Bots;
using DiploSim.Core.State;
using DiploSim.Core.Worlds;
using DiploSim.Scenarios;

namespace DiploSim.Core.Tests;

public sealed class BotTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Bots_NeverMakeInvalidMovesOrCrossRedLines(ulong seed)
    {
        var state = BaselineScenario.World(seed);
        var ids = state.Actors.Select(a => a.Id).ToArray();
        for (var t = 0; t < 16; t++)
        {
            var moves = Bot.DecideAll(state, ids);
            foreach (var move in moves)
            {
                var actor = state.Actor(move.Actor);
                Assert.DoesNotContain(actor.Doctrine.RedLines, line => Bot.Crosses(state, move, line));
            }

            var result = TurnResolver.Resolve(state, moves);
            Assert.All(result.Outcome.Moves, m => Assert.True(m.Accepted, $"{m.Move.Describe()}: {m.Reason}"));
            state = result.State;
        }
    }

    [Fact]
    public void Bots_OnASyntheticWorld_StayValid()
    {
        var state = SyntheticWorld.Create(12, 5);
        var ids = state.Actors.Select(a => a.Id).ToArray();
        for (var t = 0; t < 4; t++)
        {
            var result = TurnResolver.Resolve(state, Bot.DecideAll(state, ids));
            Assert.All(result.Outcome.Moves, m => Assert.True(m.Accepted, $"{m.Move.Describe()}: {m.Reason}"));
            state = result.State;
        }
    }

    [Fact]
    public void Bots_AnswerProposalsByComparingUtility()
    {
        var world = BaselineScenario.World();
        // A visa deal helps Russia's goals with India; a free-trade agreement with a zero ceiling on India's side.
        var proposed = TurnResolver.Resolve(world, [new ProposeAgreement("IND", "visa", AgreementKind.VisaFacilitation, ["RUS"], AgreementTerms.None)]).State;
        var answer = Bot.Decide(proposed, "RUS").OfType<AnswerProposal>().Single(a => a.ProposalId == "visa");
        var with = TurnResolver.Resolve(proposed, [answer with { Accept = true }], ResolveOptions.Lookahead).State.Actor("RUS").Scores.Utility;
        var without = TurnResolver.Resolve(proposed, [], ResolveOptions.Lookahead).State.Actor("RUS").Scores.Utility;
        Assert.Equal(with >= without, answer.Accept);
    }

    [Fact]
    public void Bots_StayWithinTheirPoliticalCapital()
    {
        var world = BaselineScenario.World(4);
        foreach (var actor in world.Actors)
        {
            var spent = Bot.Decide(world, actor.Id).Sum(MoveRules.Cost);
            Assert.InRange(spent, 0, actor.Capital);
        }
    }

    [Fact]
    public void RedLines_ThatOnlyForbidEasing_AllowTightening()
    {
        var world = BaselineScenario.World();
        var line = new RedLine(MoveKind.SetSanction, "RUS", OnlyEasing: true);
        Assert.True(Bot.Crosses(world, new SetSanction("EU", "RUS", SanctionDomain.Energy, SanctionLevel.None), line));
        Assert.False(Bot.Crosses(world, new SetSanction("EU", "RUS", SanctionDomain.Energy, SanctionLevel.Comprehensive), line));
        Assert.False(Bot.Crosses(world, new SetSanction("EU", "CHN", SanctionDomain.Energy, SanctionLevel.None), line));
    }
}
