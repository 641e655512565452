using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Core.Worlds;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>The actors: their figures, interests and bot doctrines.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] ActorKeys =
    [
        "id", "name", "gdp", "trendGrowth", "oilProduction", "oilConsumption", "militaryCapability", "armsImportNeed", "defenceIndustry",
        "stability", "capitalPerTurn", "capitalCap", "priceCapMember", "exportPromotion", "paymentRails", "interests", "doctrine",
        "freeTradeExclusions",
    ];

    private ActorSpec? ReadActor(YamlNode node)
    {
        if (Fields.Open(node, _d, "an actor", ActorKeys) is not { } f)
        {
            return null;
        }

        var id = f.String("id", "an actor", required: true);
        var what = $"actor {id}";
        var name = f.String("name", what, required: true);
        var gdp = f.Number("gdp", what, required: true, min: 0.001, max: WorldLimits.Gdp);
        var trend = f.Number("trendGrowth", what, required: true, min: -0.5, max: 0.5);
        var production = f.Number("oilProduction", what, required: true, min: 0, max: WorldLimits.Oil);
        var consumption = f.Number("oilConsumption", what, required: true, min: 0, max: WorldLimits.Oil);
        var capability = f.Number("militaryCapability", what, required: true, min: 0, max: 100);
        var need = f.Number("armsImportNeed", what, required: true, min: 0, max: WorldLimits.Arms);
        var industry = f.Number("defenceIndustry", what, required: true, min: 0, max: 1);
        var stability = f.Number("stability", what, required: true, min: 0, max: 100);
        var capital = f.Integer("capitalPerTurn", what, min: 0, max: 100) ?? 5;
        var cap = f.Integer("capitalCap", what, min: 0, max: 1000) ?? 10;
        var priceCap = f.Bool("priceCapMember", what) ?? false;
        var promotion = f.Number("exportPromotion", what, min: 0, max: 1) ?? 0;
        var rails = f.Number("paymentRails", what, min: 0, max: 1) ?? 0;
        var interests = f.Require("interests", what, "a mapping of interest weights") is { } i ? ReadInterests(i, what) : null;
        var doctrine = f.Require("doctrine", what, "a bot doctrine") is { } dn ? ReadDoctrine(dn, what) : null;
        var exclusions = f.Get("freeTradeExclusions") is { } ex ? ReadFreeTradeExclusions(ex, what) : [];
        if (id is null || name is null || gdp is null || trend is null || production is null || consumption is null || capability is null
            || need is null || industry is null || stability is null || interests is null || doctrine is null || !_actors.Contains(id))
        {
            return null;
        }

        return new ActorSpec(id, name, gdp.Value, trend.Value, production.Value, consumption.Value, capability.Value, need.Value, industry.Value,
            stability.Value, interests, doctrine, capital, cap, priceCap, promotion, rails, exclusions);
    }

    /// <summary>
    /// The sectors an actor keeps out of its free-trade agreements: a list of sector names, each written plainly or as
    /// <c>{ sector: agriculture, source: "…" }</c>.
    /// </summary>
    private ImmutableArray<Sector> ReadFreeTradeExclusions(YamlNode node, string actor)
    {
        var what = $"'freeTradeExclusions' of {actor}";
        var sectors = ImmutableArray.CreateBuilder<Sector>();
        foreach (var item in Fields.AsList(node, _d, what) ?? [])
        {
            var sectorNode = item is YamlScalarNode ? item
                : Fields.Open(item, _d, $"an exclusion of {actor}", ["sector"]) is { } e ? e.Require("sector", $"an exclusion of {actor}", "a sector") : null;
            if (sectorNode is not null && Vocabulary.Parse<Sector>(sectorNode, _d, "sector") is { } sector)
            {
                if (sectors.Contains(sector))
                {
                    _d.Add(sectorNode, $"{what} names {Vocabulary.Name(sector)} twice", Vocabulary.Name(sector), "each sector once");
                }
                else
                {
                    sectors.Add(sector);
                }
            }
        }

        return sectors.ToImmutable();
    }

    private Interests? ReadInterests(YamlNode node, string actor)
    {
        var what = $"the interests of {actor}";
        if (Fields.Open(node, _d, what, ["prosperity", "security", "energySecurity", "autonomy", "influence", "goalsWeight", "goals"]) is not { } f)
        {
            return null;
        }

        var weights = new[] { "prosperity", "security", "energySecurity", "autonomy", "influence" }
            .Select(k => (Key: k, Value: f.Number(k, what, required: true, min: 0, max: 1))).ToArray();
        var goalsWeight = f.Number("goalsWeight", what, min: 0, max: 1) ?? 0.2;
        var goals = ImmutableArray.CreateBuilder<RelationshipGoal>();
        if (f.Get("goals") is { } goalsNode && Fields.AsList(goalsNode, _d, $"'goals' of {what}") is { } items)
        {
            foreach (var item in items)
            {
                if (Fields.Open(item, _d, $"a relationship goal of {actor}", ["target", "trust", "trade"]) is { } g)
                {
                    var target = Actor(g, "target", $"a relationship goal of {actor}");
                    var trust = g.Number("trust", $"a relationship goal of {actor}", required: true, min: -100, max: 100);
                    var trade = g.Number("trade", $"a relationship goal of {actor}", min: 0, max: WorldLimits.Flow);
                    if (target is not null && trust is not null)
                    {
                        goals.Add(new RelationshipGoal(target, trust.Value, trade));
                    }
                }
            }
        }

        if (weights.Any(w => w.Value is null))
        {
            return null;
        }

        var sum = weights.Sum(w => w.Value!.Value);
        if (Math.Abs(sum - 1) > 1e-6)
        {
            _d.Add(node, $"the interest weights of {actor} do not sum to 1",
                string.Create(CultureInfo.InvariantCulture, $"{sum:0.####} ({string.Join(" + ", weights.Select(w => $"{w.Key} {w.Value:0.####}"))})"),
                "prosperity + security + energySecurity + autonomy + influence = 1");
            return null;
        }

        return new Interests(weights[0].Value!.Value, weights[1].Value!.Value, weights[2].Value!.Value, weights[3].Value!.Value, weights[4].Value!.Value,
            goalsWeight, goals.ToImmutable());
    }

    private Doctrine? ReadDoctrine(YamlNode node, string actor)
    {
        var what = $"the doctrine of {actor}";
        if (Fields.Open(node, _d, what, ["riskAppetite", "temperature", "favoured", "redLines"]) is not { } f)
        {
            return null;
        }

        var risk = f.Number("riskAppetite", what, required: true, min: 0, max: 1);
        var temperature = f.Number("temperature", what, min: 0, max: 10) ?? 0.5;
        var favoured = ImmutableArray.CreateBuilder<MoveKind>();
        if (f.Require("favoured", what, "a list of move kinds") is { } fav && Fields.AsList(fav, _d, $"'favoured' of {what}") is { } kinds)
        {
            foreach (var k in kinds)
            {
                if (Vocabulary.Parse<MoveKind>(k, _d, "move kind") is { } kind)
                {
                    favoured.Add(kind);
                }
            }
        }

        var redLines = ImmutableArray.CreateBuilder<RedLine>();
        if (f.Get("redLines") is { } rl && Fields.AsList(rl, _d, $"'redLines' of {what}") is { } lines)
        {
            foreach (var line in lines)
            {
                if (Fields.Open(line, _d, $"a red line of {actor}", ["move", "target", "onlyEasing", "sector", "beyondAnswer", "agreement"]) is { } r)
                {
                    var kind = Vocabulary.Parse<MoveKind>(r.Require("move", $"a red line of {actor}", "a move kind"), _d, "move kind");
                    var target = Actor(r, "target", $"a red line of {actor}", required: false);
                    var easing = r.Bool("onlyEasing", $"a red line of {actor}") ?? false;
                    var beyondAnswer = r.Bool("beyondAnswer", $"a red line of {actor}") ?? false;
                    var sectorNode = r.Get("sector");
                    var sector = sectorNode is null ? null : Vocabulary.Parse<Sector>(sectorNode, _d, "sector");
                    var agreementNode = r.Get("agreement");
                    var agreement = agreementNode is null ? null : Vocabulary.Parse<AgreementKind>(agreementNode, _d, "agreement kind");
                    if (sectorNode is not null && kind is not (null or MoveKind.SetTariff))
                    {
                        _d.Add(sectorNode, $"a red line of {actor}: 'sector' applies to setTariff only", $"move {Vocabulary.Name(kind.Value)}", "move: setTariff, or no sector");
                        continue;
                    }

                    if (beyondAnswer && kind is not (null or MoveKind.SetTariff))
                    {
                        _d.Add(r.Get("beyondAnswer")!, $"a red line of {actor}: 'beyondAnswer' applies to setTariff only", $"move {Vocabulary.Name(kind.Value)}", "move: setTariff, or no beyondAnswer");
                        continue;
                    }

                    if (beyondAnswer && easing)
                    {
                        _d.Add(r.Get("beyondAnswer")!, $"a red line of {actor}: 'beyondAnswer' bars moves beyond the partner's own, 'onlyEasing' every cut: a line has one or the other", "beyondAnswer: true", "onlyEasing or beyondAnswer, not both");
                        continue;
                    }

                    if (agreementNode is not null && kind is not (null or MoveKind.ProposeAgreement or MoveKind.AnswerProposal or MoveKind.CounterProposal))
                    {
                        _d.Add(agreementNode, $"a red line of {actor}: 'agreement' applies to proposeAgreement, answerProposal and counterProposal only", $"move {Vocabulary.Name(kind.Value)}", "move: proposeAgreement, answerProposal or counterProposal, or no agreement");
                        continue;
                    }

                    if (agreementNode is not null && easing)
                    {
                        _d.Add(r.Get("onlyEasing")!, $"a red line of {actor}: 'onlyEasing' does not apply to an agreement (proposing or accepting one eases nothing)", "onlyEasing: true", "no onlyEasing with an agreement");
                        continue;
                    }

                    if (kind is { } k && (target is not null || !r.Has("target")) && (sector is not null || !r.Has("sector")) && (agreement is not null || agreementNode is null))
                    {
                        redLines.Add(new RedLine(k, target, easing, sector, beyondAnswer, agreement));
                    }
                }
            }
        }

        return risk is null ? null : new Doctrine(favoured.ToImmutable(), redLines.ToImmutable(), risk.Value, temperature);
    }
}
