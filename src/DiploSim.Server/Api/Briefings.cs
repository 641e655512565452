using DiploSim.Core;
using DiploSim.Core.State;

namespace DiploSim.Server.Api;

/// <summary>
/// What a country's team reads before turn 1: where it starts, what its score weighs, its goals, its red lines, the
/// sectors (Core's Sector) it keeps out of its free-trade agreements and the routes it can build a connectivity corridor on.
/// </summary>
/// <param name="CorridorRoutes">
/// The scenario's corridor routes that reach the country (none: it can build no corridor); null when the scenario names
/// no routes and a corridor may link any partners.
/// </param>
public sealed record CountryBriefing(
    string Country,
    string Name,
    double Gdp,
    double TrendGrowth,
    double Stability,
    double OilProduction,
    double OilConsumption,
    double MilitaryCapability,
    int Capital,
    BriefingWeight[] Interests,
    BriefingGoal[] Goals,
    BriefingRedLine[] RedLines,
    string[] FreeTradeExclusions,
    BriefingRoute[]? CorridorRoutes);

/// <summary>A route a connectivity corridor can follow, and the countries other than the reader's that it links.</summary>
public sealed record BriefingRoute(string Name, string[] Partners);

/// <summary>One part of a country's score and its weight (the five score weights sum to 1; the goals weight comes on top).</summary>
public sealed record BriefingWeight(string Score, double Weight);

/// <summary>A relationship goal: the trust the country aims to have in a partner, and optionally a yearly trade target (USD bn); with where it stands at the start.</summary>
public sealed record BriefingGoal(string Partner, double Trust, double TrustNow, double? TradeTarget, double TradeNow);

/// <summary>A move the country never makes: a kind (Core's MoveKind), optionally against one country, only when easing, only for one sector, (tariffs) only beyond answering the other side's rises, or (proposals) only for one kind of agreement (Core's AgreementKind).</summary>
public sealed record BriefingRedLine(string Move, string? Target, bool OnlyEasing, string? Sector, bool BeyondAnswer, string? Agreement);

/// <summary>An inject the teacher may fire, with the words the class will read.</summary>
public sealed record InjectBriefing(string Id, string Headline, string Body);

/// <summary>A scenario's briefings: one per country, and the injects.</summary>
public sealed record ScenarioBriefing(string Id, string Title, string Summary, int Turns, CountryBriefing[] Countries, InjectBriefing[] Injects);

/// <summary>Builds the briefings from the scenario's turn-0 world, so they say what the model will play.</summary>
public static class Briefings
{
    public static ScenarioBriefing Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var world = scenario.World;
        CountryBriefing Country(ActorState a)
        {
            var i = a.Interests;
            BriefingWeight[] weights =
            [
                new("prosperity", i.Prosperity), new("security", i.Security), new("energySecurity", i.EnergySecurity),
                new("autonomy", i.Autonomy), new("influence", i.Influence), new("goals", i.GoalsWeight),
            ];
            var goals = i.Goals.Where(g => world.Has(g.Target)).Select(g =>
            {
                var r = world.Relation(a.Id, g.Target);
                var back = world.Relation(g.Target, a.Id);
                return new BriefingGoal(g.Target, g.DesiredTrust, r.Trust, g.TradeTarget, r.TotalExports + back.TotalExports);
            });
            var redLines = a.Doctrine.RedLines.Select(l => new BriefingRedLine(l.Kind.ToString(), l.Target, l.OnlyEasing, l.Sector?.ToString(), l.BeyondAnswer, l.Agreement?.ToString()));
            return new CountryBriefing(a.Id, a.Name, a.Gdp, a.TrendGrowth, a.Stability, a.OilProduction, a.OilConsumption, a.MilitaryCapability, a.Capital,
                [.. weights.Where(w => w.Weight > 0).OrderByDescending(w => w.Weight)], [.. goals], [.. redLines],
                [.. a.FreeTradeExclusions.Select(s => s.ToString())],
                world.Global.Routes.IsEmpty ? null
                    : [.. world.Global.Routes.Where(r => r.Parties.Contains(a.Id)).Select(r => new BriefingRoute(r.Name, [.. r.Parties.Where(p => p != a.Id)]))]);
        }

        return new ScenarioBriefing(scenario.Id, scenario.Title, scenario.Summary, scenario.Turns, [.. world.Actors.Select(Country)],
            [.. scenario.Script.Injects.Select(s => new InjectBriefing(s.Id, s.Headline, s.Body))]);
    }
}
