using System.Globalization;
using DiploSim.Core.State;

namespace DiploSim.Core.Worlds;

/// <summary>
/// A generated world of any size, for benchmarks and scale tests: actors with plausible economies,
/// dense trade, a few sanctions and agreements, all drawn from the seeded generator.
/// </summary>
public static class SyntheticWorld
{
    public static WorldState Create(int actors, ulong seed = 1)
    {
        if (actors < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(actors), "a world needs at least two actors");
        }

        var rng = new Rng(seed);
        var ids = Enumerable.Range(0, actors).Select(i => "A" + i.ToString("00", CultureInfo.InvariantCulture)).ToArray();
        var b = new WorldBuilder().Seed(seed).Global(new WorldBuilder.GlobalSpec(70, 100, 40, 50, [ids[1]], ids[0]));
        var allKinds = Enum.GetValues<MoveKind>();
        for (var i = 0; i < actors; i++)
        {
            var gdp = 200 + (rng.NextDouble() * 20000);
            var production = rng.NextDouble() < 0.3 ? 2 + (rng.NextDouble() * 8) : rng.NextDouble();
            var consumption = 0.5 + (gdp / 2000);
            var goals = Enumerable.Range(0, 3)
                .Select(_ => ids[rng.NextInt(actors)])
                .Where(t => t != ids[i])
                .Distinct()
                .Select(t => new RelationshipGoal(t, Math.Round((rng.NextDouble() * 140) - 60)))
                .ToArray();
            var interests = new Interests(0.3, 0.2, 0.2, 0.15, 0.15, 0.2, [.. goals]);
            var doctrine = new Doctrine([.. allKinds], [], rng.NextDouble(), 0.5);
            b.Actor(new ActorSpec(ids[i], "Actor " + i.ToString(CultureInfo.InvariantCulture), gdp, 0.01 + (rng.NextDouble() * 0.05), production, consumption,
                20 + (rng.NextDouble() * 80), rng.NextDouble() * 5, 0.2 + (rng.NextDouble() * 0.7), 40 + (rng.NextDouble() * 40), interests, doctrine));
        }

        for (var i = 0; i < actors; i++)
        {
            for (var j = 0; j < actors; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var flows = new double[Domain.SectorCount];
                for (var s = 0; s < flows.Length; s++)
                {
                    flows[s] = Math.Round(rng.NextDouble() * 20, 2);
                }

                b.Exports(ids[i], ids[j], flows);
                b.Tariff(ids[i], ids[j], null, Math.Round(rng.NextDouble() * 0.15, 3));
                b.Trust(ids[i], ids[j], Math.Round((rng.NextDouble() * 120) - 60));
                b.ArmsShare(ids[i], ids[j], rng.NextDouble() * 0.5 / actors);
                if (rng.NextDouble() < 0.05)
                {
                    b.Sanction(ids[i], ids[j], SanctionDomain.Trade, SanctionLevel.Sectoral);
                }
            }
        }

        for (var k = 0; k < actors / 2; k++)
        {
            var x = ids[rng.NextInt(actors)];
            var y = ids[rng.NextInt(actors)];
            if (x != y)
            {
                b.Agreement("agreement-" + k.ToString(CultureInfo.InvariantCulture), AgreementKind.StrategicPartnership, [x, y]);
            }
        }

        b.Bloc("Bloc", ids.Take(actors / 2).ToArray());
        var built = b.Build();
        return built.Value ?? throw new InvalidOperationException(built.Error);
    }
}
