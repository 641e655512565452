using System.Collections.Immutable;
using DiploSim.Core;
using DiploSim.Core.State;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

internal sealed partial class ScenarioReader
{
    /// <summary>Effect keys and the fields each takes.</summary>
    internal static readonly ImmutableSortedDictionary<string, string[]> EffectKeys = new Dictionary<string, string[]>
    {
        ["tariff"] = ["actor", "target", "sector", "rate", "takesEffect", "inTurns"],
        ["tariffWithdrawal"] = ["actor", "target", "sector"],
        ["sanction"] = ["actor", "target", "domain", "level"],
        ["secondaryThreat"] = ["actor", "target", "active"],
        ["priceCap"] = ["actor", "join"],
        ["bloc"] = ["actor", "bloc", "join"],
        ["crude"] = ["actor", "seller", "volume", "discount"],
        ["delivery"] = ["actor", "delivery", "decision"],
        ["order"] = ["actor", "seller", "system", "value", "turns"],
        ["summit"] = ["actor", "partners"],
        ["statement"] = ["actor", "about", "stance"],
        ["diversify"] = ["actor", "awayFrom", "domain"],
        ["invest"] = ["actor", "capacity", "amount"],
        ["aid"] = ["actor", "recipient", "amount"],
        ["oilSupply"] = ["delta", "producer"],
        ["oilOutlook"] = [],
        ["oilDemand"] = [],
        ["tension"] = [],
        ["trust"] = ["from", "to", "delta"],
        ["tradeCut"] = ["from", "to", "sector", "fraction"],
        ["purchaseHalt"] = ["buyer", "seller", "sector", "share", "turns"],
        ["purchase"] = ["buyer", "seller", "good", "volume", "price"],
        ["deliveryDelay"] = ["buyer", "seller", "turns"],
        ["gdp"] = ["actor", "fraction"],
        ["stability"] = ["actor", "delta"],
        ["agreement"] = ["id", "kind", "parties", "terms"],
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private ScriptedShock? ReadShock(Fields f)
    {
        var id = f.String("id", "a shock", required: true);
        var what = $"shock {id}";
        var headline = f.String("headline", what, required: true);
        var body = f.String("body", what) ?? "";
        var at = ImmutableArray.CreateBuilder<int>();
        var atOk = true;
        if (f.Get("at") is { } atNode && Fields.AsList(atNode, _d, $"'at' of {what}", single: true) is { } dates)
        {
            foreach (var date in dates)
            {
                if (Turn(date, $"'at' of {what}") is { } t)
                {
                    at.Add(t);
                }
                else
                {
                    atOk = false;
                }
            }
        }

        Condition? when = null;
        var whenOk = true;
        // An expression's own limit (Condition.MaxLength) is checked as it compiles, with its own message.
        if (f.Get("when") is { } whenNode && Fields.AsString(whenNode, _d, $"'when' of {what}", int.MaxValue) is { } text)
        {
            var (condition, problems) = Condition.Compile(text, _actors, _shockIds, _blocs);
            foreach (var (problem, found, expected) in problems)
            {
                _d.Add(whenNode, problem, found, expected);
            }

            when = condition;
            whenOk = condition is not null;
            if (condition is not null)
            {
                _conditions.Add((condition, whenNode));
            }
        }

        var probability = f.Number("probability", what, min: 0, max: 1);
        var from = f.Get("from") is { } fromNode ? Turn(fromNode, $"'from' of {what}") : null;
        var until = f.Get("until") is { } untilNode ? Turn(untilNode, $"'until' of {what}") : null;
        var repeat = f.Bool("repeat", what) ?? false;
        var cooldown = f.Integer("cooldown", what, min: 1, max: 1000);
        var isInject = !f.Has("at") && !f.Has("when") && !f.Has("probability");
        foreach (var key in new[] { "from", "until", "repeat", "cooldown" })
        {
            if (isInject && f.Has(key))
            {
                _d.Add(f.KeyNode(key)!, $"'{key}' of {what} needs a trigger", $"'{key}' on an inject", "'at', 'when' or 'probability' beside it, or no timing keys at all");
            }
        }

        if (cooldown is not null && !repeat)
        {
            _d.Add(f.KeyNode("cooldown")!, $"'cooldown' of {what} needs 'repeat: true'", "a cooldown on a shock that fires once", "repeat: true");
        }

        if (from is { } a && until is { } b && b < a)
        {
            _d.Add(f.Get("until")!, $"'until' of {what} is before 'from'", $"turn {b}", $"a date from turn {a} on");
        }

        var effects = ImmutableArray.CreateBuilder<ShockEffect>();
        var effectsOk = true;
        var timing = new ShockDates(atOk ? at.ToImmutable() : [], repeat);
        if (f.Require("effects", what, "a list of effects") is { } effectsNode && Fields.AsList(effectsNode, _d, $"'effects' of {what}") is { } items)
        {
            foreach (var item in items)
            {
                if (ReadEffect(item, what, timing) is { } effect)
                {
                    effects.Add(effect);
                }
                else
                {
                    effectsOk = false;
                }
            }
        }

        if (id is null || headline is null || !atOk || !whenOk || !effectsOk)
        {
            return null;
        }

        var trigger = new ShockTrigger(at.ToImmutable(), when, probability, from, until, repeat, cooldown ?? 1);
        return new ScriptedShock(new Shock(id, headline, body.Trim(), effects.ToImmutable()), trigger);
    }

    /// <summary>When a shock fires, as far as its effects need to know: its 'at' dates (turns) and whether it repeats.</summary>
    private readonly record struct ShockDates(ImmutableArray<int> At, bool Repeat);

    private ShockEffect? ReadEffect(YamlNode node, string shock, ShockDates dates)
    {
        if (node is not YamlMappingNode map || map.Children.Count != 1 || map.Children.First().Key is not YamlScalarNode { Value: { } key })
        {
            _d.Add(node, $"an effect of {shock} has the wrong form", Diagnostics.Describe(node), $"a mapping with one key: {string.Join(", ", EffectKeys.Keys)}");
            return null;
        }

        var value = map.Children.First().Value;
        if (!EffectKeys.TryGetValue(key, out var keys))
        {
            _d.Add(map.Children.First().Key, $"unknown effect in {shock}", $"'{key}'", $"one of {string.Join(", ", EffectKeys.Keys)}");
            return null;
        }

        var what = $"the {key} effect of {shock}";
        if (key == "oilSupply" && value is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode("producer")))
        {
            // The producer's form names whose barrels are lost: { delta: -0.5, producer: RUS }.
            if (Fields.Open(value, _d, what, keys) is not { } supply)
            {
                return null;
            }

            var change = supply.Number("delta", what, required: true, min: -ShockLimits.OilMbd, max: ShockLimits.OilMbd);
            var producer = Actor(supply, "producer", what);
            return change is { } c && producer is not null ? new OilSupplyEffect(c, producer) : null;
        }

        if (key is "oilSupply" or "oilOutlook" or "oilDemand" or "tension")
        {
            var limit = key == "tension" ? ShockLimits.Tension : ShockLimits.OilMbd;
            var delta = Fields.AsNumber(value, _d, what, -limit, limit);
            return delta is not { } d ? null : key switch
            {
                "oilSupply" => new OilSupplyEffect(d),
                "oilOutlook" => new OilOutlookEffect(d),
                "oilDemand" => new OilDemandEffect(d),
                _ => new TensionEffect(d),
            };
        }

        if (Fields.Open(value, _d, what, keys) is not { } f)
        {
            return null;
        }

        switch (key)
        {
            case "trust":
                {
                    var pair = Pair(f, "from", "to", what);
                    var delta = f.Number("delta", what, required: true, min: -ShockLimits.Trust, max: ShockLimits.Trust);
                    return pair is var (a, b) && delta is { } d ? new TrustEffect(a, b, d) : null;
                }

            case "tradeCut":
                {
                    var pair = Pair(f, "from", "to", what);
                    var sector = Vocabulary.Parse<Sector>(f.Get("sector"), _d, "sector");
                    var fraction = f.Number("fraction", what, required: true, min: 0, max: 1);
                    return pair is var (a, b) && fraction is { } x && (sector is not null || !f.Has("sector")) ? new TradeCutEffect(a, b, sector, x) : null;
                }

            case "purchaseHalt":
                {
                    var pair = Pair(f, "buyer", "seller", what);
                    var sector = Vocabulary.Parse<Sector>(f.Require("sector", what, "a sector"), _d, "sector");
                    var share = f.Number("share", what, required: true, min: 0, max: 1);
                    var turns = f.Integer("turns", what, min: 1, max: ShockLimits.DelayTurns);
                    return pair is var (b, seller) && sector is { } x && share is { } h && (turns is not null || !f.Has("turns"))
                        ? new PurchaseHaltEffect(b, seller, x, h, turns)
                        : null;
                }

            case "purchase":
                {
                    var pair = Pair(f, "buyer", "seller", what);
                    var goodNode = f.Require("good", what, "a good");
                    Good? good;
                    if (goodNode is YamlScalarNode { Value: "crude" })
                    {
                        _d.Add(goodNode, $"crude in {what}", "'crude'", "the crude effect ({ actor, seller, volume, discount }), which values crude at the oil price; here one of " + string.Join(", ", Vocabulary.Names<Good>()));
                        good = null;
                    }
                    else
                    {
                        good = Vocabulary.Parse<Good>(goodNode, _d, "good");
                    }

                    var volume = f.Number("volume", what, required: true, min: 0, max: ShockLimits.PurchaseVolume);
                    var price = f.Number("price", what, required: true, min: 0, max: ShockLimits.UnitValue);
                    return pair is var (b, seller) && good is { } g && volume is { } v && price is { } u ? new PurchaseEffect(b, seller, g, v, u) : null;
                }

            case "deliveryDelay":
                {
                    var pair = Pair(f, "buyer", "seller", what);
                    var turns = f.Integer("turns", what, required: true, min: 1, max: ShockLimits.DelayTurns);
                    return pair is var (a, b) && turns is { } t ? new DeliveryDelayEffect(a, b, t) : null;
                }

            case "gdp":
                {
                    var actor = Actor(f, "actor", what);
                    var fraction = f.Number("fraction", what, required: true, min: -ShockLimits.GdpFraction, max: ShockLimits.GdpFraction);
                    return actor is not null && fraction is { } x ? new GdpEffect(actor, x) : null;
                }

            case "stability":
                {
                    var actor = Actor(f, "actor", what);
                    var delta = f.Number("delta", what, required: true, min: -ShockLimits.Stability, max: ShockLimits.Stability);
                    return actor is not null && delta is { } d ? new StabilityEffect(actor, d) : null;
                }

            case "agreement":
                {
                    var id = f.String("id", what, required: true);
                    var kind = Vocabulary.Parse<AgreementKind>(f.Require("kind", what, "an agreement kind"), _d, "agreement kind");
                    var parties = Actors(f, "parties", what, 2);
                    var terms = ReadTerms(f.Get("terms"), what, parties ?? []);
                    CheckRoute(f, kind, parties, what);
                    return id is not null && kind is { } k && parties is { } p && terms is not null ? new AgreementEffect(id, k, p, terms) : null;
                }

            case "tariff" when f.Has("takesEffect") || f.Has("inTurns"):
                return ReadAnnouncement(f, what, dates);

            case "tariffWithdrawal":
                {
                    var actor = Actor(f, "actor", what);
                    var target = Other(f, "target", what, actor);
                    var sector = Vocabulary.Parse<Sector>(f.Get("sector"), _d, "sector");
                    return actor is not null && target is not null && (sector is not null || !f.Has("sector")) ? new TariffWithdrawalEffect(actor, target, sector) : null;
                }

            default:
                return ReadPolicy(key, f, what) is { } move ? new PolicyEffect(move) : null;
        }
    }

    /// <summary>
    /// A tariff announced ahead of its effect: 'takesEffect' names the date it lands (the shock then fires at one 'at'
    /// date, once, before it), 'inTurns' how many turns after the shock fires (any shock, an inject's too).
    /// </summary>
    private TariffAnnouncementEffect? ReadAnnouncement(Fields f, string what, ShockDates dates)
    {
        var tariff = ReadPolicy("tariff", f, what) as SetTariff;
        var limit = ShockLimits.AnnouncementTurns;
        if (f.Has("takesEffect") && f.Has("inTurns"))
        {
            _d.Add(f.KeyNode("inTurns")!, $"{what} names both 'takesEffect' and 'inTurns'", "both", "one of them: the date it takes effect, or the turns after the shock fires");
            return null;
        }

        int? turns;
        if (f.Get("takesEffect") is { } node)
        {
            if (Turn(node, $"'takesEffect' of {what}") is not { } effective)
            {
                return null;
            }

            if (dates.At.Length != 1 || dates.Repeat)
            {
                var found = dates.Repeat ? "a shock that repeats" : dates.At.IsEmpty ? "a shock without an 'at' date" : $"a shock with {dates.At.Length} 'at' dates";
                _d.Add(f.KeyNode("takesEffect")!, $"'takesEffect' of {what} needs the date the tariff is announced", found, "a shock with one 'at' date that does not repeat, or 'inTurns' instead");
                return null;
            }

            turns = effective - dates.At[0];
            if (turns < 1 || turns > limit)
            {
                _d.Add(node, $"'takesEffect' of {what} is not within {limit} turns after the announcement", $"'{((YamlScalarNode)node).Value}', {turns} turns after the shock's 'at' date", $"a date 1 to {limit} turns after {_calendar.DateOf(dates.At[0])}");
                return null;
            }
        }
        else
        {
            turns = f.Integer("inTurns", what, min: 1, max: limit);
        }

        return tariff is not null && turns is { } t ? new TariffAnnouncementEffect(tariff, t) : null;
    }

    /// <summary>A policy a move can set, applied by the shock without political capital.</summary>
    private Move? ReadPolicy(string key, Fields f, string what)
    {
        var actor = Actor(f, "actor", what);
        switch (key)
        {
            case "tariff":
                {
                    var target = Other(f, "target", what, actor);
                    var sector = Vocabulary.Parse<Sector>(f.Get("sector"), _d, "sector");
                    var rate = f.Number("rate", what, required: true, min: 0, max: 2);
                    return actor is not null && target is not null && rate is { } r && (sector is not null || !f.Has("sector")) ? new SetTariff(actor, target, sector, r) : null;
                }

            case "sanction":
                {
                    var target = Other(f, "target", what, actor);
                    var domain = Vocabulary.Parse<SanctionDomain>(f.Require("domain", what, "a sanction domain"), _d, "sanction domain");
                    var level = Vocabulary.Parse<SanctionLevel>(f.Require("level", what, "a sanction level"), _d, "sanction level");
                    return actor is not null && target is not null && domain is { } d && level is { } l ? new SetSanction(actor, target, d, l) : null;
                }

            case "secondaryThreat":
                {
                    var target = Other(f, "target", what, actor);
                    var active = f.Bool("active", what) ?? true;
                    return actor is not null && target is not null ? new ThreatenSecondarySanctions(actor, target, active) : null;
                }

            case "priceCap":
                {
                    var join = f.Bool("join", what, required: true);
                    return actor is not null && join is { } j ? new SetPriceCapStance(actor, j) : null;
                }

            case "bloc":
                {
                    var bloc = f.String("bloc", what, required: true);
                    if (bloc is not null && !_blocs.Contains(bloc))
                    {
                        _d.Add(f.Get("bloc")!, $"unknown bloc in {what}", $"'{bloc}'", _blocs.Count == 0 ? "a bloc defined under 'blocs:'" : $"one of {string.Join(", ", _blocs)}");
                        return null;
                    }

                    var join = f.Bool("join", what, required: true);
                    return actor is not null && bloc is not null && join is { } j ? new SetBlocMembership(actor, bloc, j) : null;
                }

            case "crude":
                {
                    var seller = Other(f, "seller", what, actor);
                    var volume = f.Number("volume", what, required: true, min: 0, max: WorldLimits.Oil);
                    var discount = f.Number("discount", what, required: true, min: 0, max: 1);
                    return actor is not null && seller is not null && volume is { } v && discount is { } d ? new BuyDiscountedCrude(actor, seller, v, d) : null;
                }

            case "delivery":
                {
                    var delivery = f.String("delivery", what, required: true);
                    var decision = Vocabulary.Parse<DeliveryDecision>(f.Require("decision", what, "a delivery decision"), _d, "delivery decision");
                    return actor is not null && delivery is not null && decision is { } d ? new DecideDelivery(actor, delivery, d) : null;
                }

            case "order":
                {
                    var seller = Other(f, "seller", what, actor);
                    var system = f.String("system", what, required: true);
                    var value = f.Number("value", what, required: true, min: 0, max: WorldLimits.Arms);
                    var turns = f.Integer("turns", what, required: true, min: 1, max: 100);
                    return actor is not null && seller is not null && system is not null && value is { } v && turns is { } t ? new OrderArms(actor, seller, system, v, t) : null;
                }

            case "summit":
                {
                    var partners = Actors(f, "partners", what, 1);
                    if (actor is not null && partners is { } p && p.Contains(actor))
                    {
                        _d.Add(f.Get("partners")!, $"{what} names the host among its partners", $"'{actor}'", "the other actors only");
                        return null;
                    }

                    return actor is not null && partners is { } ps ? new HoldSummit(actor, ps) : null;
                }

            case "statement":
                {
                    var about = Other(f, "about", what, actor);
                    var stance = Vocabulary.Parse<Stance>(f.Require("stance", what, "a stance"), _d, "stance");
                    return actor is not null && about is not null && stance is { } s ? new MakeStatement(actor, about, s) : null;
                }

            case "diversify":
                {
                    var away = Other(f, "awayFrom", what, actor);
                    var domain = Vocabulary.Parse<DependenceDomain>(f.Require("domain", what, "a dependence domain"), _d, "dependence domain");
                    return actor is not null && away is not null && domain is { } d ? new Diversify(actor, away, d) : null;
                }

            case "invest":
                {
                    var capacity = Vocabulary.Parse<Capacity>(f.Require("capacity", what, "a capacity"), _d, "capacity");
                    var amount = f.Number("amount", what, required: true, min: 0, max: WorldLimits.Arms);
                    return actor is not null && capacity is { } c && amount is { } a ? new Invest(actor, c, a) : null;
                }

            case "aid":
                {
                    var recipient = Other(f, "recipient", what, actor);
                    var amount = f.Number("amount", what, required: true, min: 0, max: WorldLimits.Arms);
                    return actor is not null && recipient is not null && amount is { } a ? new GiveAid(actor, recipient, a) : null;
                }

            default:
                return null;
        }
    }

    /// <summary>The other side of a policy: a known actor that is not the actor itself.</summary>
    private string? Other(Fields f, string key, string what, string? actor)
    {
        var other = Actor(f, key, what);
        if (other is not null && other == actor)
        {
            _d.Add(f.Get(key)!, $"{what} on a relation of an actor to itself", $"'{actor}' → '{other}'", "two different actors");
            return null;
        }

        return other;
    }
}
