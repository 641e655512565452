using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Core.Worlds;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>One pass over a scenario document that feeds Core's <see cref="WorldBuilder"/> and collects every problem.</summary>
internal sealed partial class ScenarioReader(Diagnostics diagnostics)
{
    private static readonly string[] RootKeys =
    [
        "id", "title", "summary", "start", "turnsPerYear", "turns", "seed", "parameters", "global", "actors", "trade", "tariffs",
        "sanctions", "secondaryThreats", "trust", "armsShares", "settlement", "crude", "agreements", "deliveries", "blocs", "shocks",
    ];

    private static readonly string[] ActorKeys =
    [
        "id", "name", "gdp", "trendGrowth", "oilProduction", "oilConsumption", "militaryCapability", "armsImportNeed", "defenceIndustry",
        "stability", "capitalPerTurn", "capitalCap", "priceCapMember", "exportPromotion", "paymentRails", "interests", "doctrine",
    ];

    private static readonly string[] TermKeys = ["tariffCeiling", "tradeTarget", "energyVolume", "energyDiscount", "maxUsdShare", "supplier"];

    private readonly Diagnostics _d = diagnostics;
    private readonly List<string> _actors = [];
    private readonly HashSet<string> _shockIds = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _blocs = new(StringComparer.Ordinal);
    private readonly List<(Condition Condition, YamlNode Node)> _conditions = [];
    private int _startYear = 2025;
    private int _startQuarter = 4;
    private int _turnsPerYear = 4;
    private int _turns = 40;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,7}$")]
    private static partial Regex ActorPattern();

    [GeneratedRegex("^([0-9]{4})(?:-(Q|T)([1-9][0-9]?))?$")]
    private static partial Regex DatePattern();

    public Scenario? Read(YamlNode root, ScenarioOptions options)
    {
        var f = Fields.Open(root, _d, "the scenario", RootKeys);
        if (f is null)
        {
            return null;
        }

        var id = f.String("id", "the scenario", required: true);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            _d.Add(f.Get("id")!, "the scenario id has the wrong form", $"'{id}'", "lower-case letters, digits and dashes, e.g. india-russia-summit-2025");
        }

        var title = f.String("title", "the scenario", required: true) ?? "";
        var summary = f.String("summary", "the scenario") ?? "";
        _turnsPerYear = f.Integer("turnsPerYear", "the scenario", min: 1, max: 52) ?? 4;
        _turns = f.Integer("turns", "the scenario", required: true, min: 1, max: 1000) ?? 40;
        ReadStart(f.Require("start", "the scenario", "a date such as 2025-Q4"));
        var seed = ReadSeed(f.Get("seed"));
        var builder = new WorldBuilder().Calendar(_startYear, _startQuarter, _turnsPerYear).Seed(options.Seed ?? seed);

        var actorNodes = f.Require("actors", "the scenario", "a list of actors") is { } actorsNode ? Fields.AsList(actorsNode, _d, "actors") : null;
        CollectActorIds(actorNodes);
        CollectShockIds(f.Get("shocks"));
        if (f.Get("blocs") is YamlMappingNode blocs)
        {
            _blocs.UnionWith(blocs.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).OfType<string>().Where(k => k != Fields.SourceKey));
        }


        builder.Parameters(ReadParameters(f.Get("parameters"), options));
        builder.Global(ReadGlobal(f.Get("global")));
        foreach (var node in actorNodes ?? [])
        {
            if (ReadActor(node) is { } spec)
            {
                builder.Actor(spec);
            }
        }

        ForEach(f, "trade", "a trade flow", ["from", "to", "exports"], x => ReadTrade(x, builder));
        ForEach(f, "tariffs", "a tariff", ["importer", "exporter", "sector", "sectors", "rate"], x => ReadTariff(x, builder));
        ForEach(f, "sanctions", "a sanction", ["imposer", "target", "domain", "domains", "level"], x => ReadSanction(x, builder));
        ForEach(f, "secondaryThreats", "a secondary-sanctions threat", ["imposer", "target"], x =>
        {
            if (Pair(x, "imposer", "target", "a secondary-sanctions threat") is var (a, b))
            {
                builder.SecondaryThreat(a, b);
            }
        });
        ForEach(f, "trust", "a trust figure", ["from", "to", "value", "back"], x => ReadTrust(x, builder));
        ForEach(f, "armsShares", "an arms share", ["buyer", "seller", "share"], x =>
        {
            var share = x.Number("share", "an arms share", required: true, min: 0, max: 1);
            if (Pair(x, "buyer", "seller", "an arms share") is var (a, b) && share is { } s)
            {
                builder.ArmsShare(a, b, s);
            }
        });
        ForEach(f, "settlement", "a settlement mix", ["between", "usdShare"], x => ReadSettlement(x, builder));
        ForEach(f, "crude", "a discounted-crude deal", ["buyer", "seller", "volume", "discount"], x =>
        {
            var volume = x.Number("volume", "a discounted-crude deal", required: true, min: 0, max: WorldLimits.Oil);
            var discount = x.Number("discount", "a discounted-crude deal", required: true, min: 0, max: 1);
            if (Pair(x, "buyer", "seller", "a discounted-crude deal") is var (a, b) && volume is { } v && discount is { } dc)
            {
                builder.Crude(a, b, v, dc);
            }
        });
        var agreementIds = new HashSet<string>(StringComparer.Ordinal);
        ForEach(f, "agreements", "an agreement", ["id", "kind", "parties", "terms", "progress"], x => ReadAgreement(x, builder, agreementIds));
        var deliveryIds = new HashSet<string>(StringComparer.Ordinal);
        ForEach(f, "deliveries", "an arms delivery", ["id", "buyer", "seller", "system", "value", "due", "status"], x => ReadDelivery(x, builder, deliveryIds));
        ReadBlocs(f.Get("blocs"), builder);

        var shocks = new List<ScriptedShock>();
        ForEach(f, "shocks", "a shock", ["id", "headline", "body", "at", "when", "probability", "from", "until", "repeat", "cooldown", "effects"], x =>
        {
            if (ReadShock(x) is { } shock)
            {
                shocks.Add(shock);
            }
        });

        if (_d.HasErrors)
        {
            return null;
        }

        var built = builder.Build();
        if (!built.IsOk || built.Value is null)
        {
            foreach (var line in (built.Error ?? "the world does not build").Split(Environment.NewLine))
            {
                _d.Add(root, "the world does not build", line, "a consistent world");
            }

            return null;
        }

        foreach (var (condition, node) in _conditions)
        {
            if (condition.Evaluate(built.Value) is { IsOk: false } failed)
            {
                _d.Add(node, "the trigger expression does not give true or false", failed.Error!, "a comparison or a yes/no function, e.g. oilPrice > 90");
            }
        }

        return _d.HasErrors ? null : new Scenario(id ?? "", title, summary, _turns, built.Value, new ScenarioShockScript(shocks));
    }

    private void ForEach(Fields root, string key, string what, string[] keys, Action<Fields> read)
    {
        if (root.Get(key) is not { } node || Fields.AsList(node, _d, key) is not { } items)
        {
            return;
        }

        foreach (var item in items)
        {
            if (Fields.Open(item, _d, what, keys) is { } fields)
            {
                read(fields);
            }
        }
    }

    private void ReadStart(YamlNode? node)
    {
        if (node is null)
        {
            return;
        }

        var text = (node as YamlScalarNode)?.Value ?? "";
        var m = DatePattern().Match(text);
        var ok = m.Success && (_turnsPerYear, m.Groups[2].Value) switch
        {
            (4, "Q") => true,
            (1, "") => true,
            (not 4 and not 1, "T") => true,
            _ => false,
        };
        if (!ok)
        {
            _d.Add(node, "the start date has the wrong form", Diagnostics.Describe(node), ExpectedDate());
            return;
        }

        _startYear = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        _startQuarter = m.Groups[3].Success && m.Groups[3].Value.Length > 0 ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 1;
        var max = _turnsPerYear == 4 ? 4 : Math.Max(1, _turnsPerYear);
        if (_startQuarter < 1 || _startQuarter > max)
        {
            _d.Add(node, "the start date has the wrong form", Diagnostics.Describe(node), ExpectedDate());
            _startQuarter = 1;
        }

        if (_turnsPerYear != 4)
        {
            _startQuarter = 4; // WorldBuilder reads the quarter only for quarterly calendars.
        }
    }

    private string ExpectedDate() => _turnsPerYear switch
    {
        4 => "a quarter such as 2025-Q4",
        1 => "a year such as 2026",
        _ => $"a year and turn such as 2026-T1 (T1 to T{_turnsPerYear})",
    };

    private ulong ReadSeed(YamlNode? node)
    {
        if (node is null)
        {
            return 1;
        }

        if (node is YamlScalarNode { Value: { } text, Style: YamlDotNet.Core.ScalarStyle.Plain } && Whole(text) is { } seed)
        {
            if (seed >= 0 && seed <= ulong.MaxValue)
            {
                return (ulong)seed;
            }

            _d.Add(node, "'seed' of the scenario is out of range", text, "a whole number from 0 to 18446744073709551615 (2^64 - 1)");
            return 1;
        }

        _d.Add(node, "'seed' of the scenario has the wrong type", Diagnostics.Describe(node), "a whole number from 0 to 18446744073709551615 (2^64 - 1)");
        return 1;
    }

    /// <summary>A YAML 1.2 integer, or a float with no fraction (<c>12.0</c>), exactly.</summary>
    private static System.Numerics.BigInteger? Whole(string text) =>
        YamlNumber.ParseExact(text) ?? (YamlNumber.Parse(text) is { } d && double.IsFinite(d) && d == Math.Floor(d) ? new System.Numerics.BigInteger(d) : null);

    /// <summary>A turn from a date (<c>2026-Q2</c>) or a turn number, checked against the scenario's span.</summary>
    private int? Turn(YamlNode node, string what)
    {
        var last = _turns - 1;
        var span = $"a date from {DateOf(0)} to {DateOf(last)} (or a turn number from 0 to {last})";
        if (node is not YamlScalarNode { Value: { } text })
        {
            _d.Add(node, $"{what} has the wrong type", Diagnostics.Describe(node), span);
            return null;
        }

        int turn;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && !(_turnsPerYear == 1 && text.Length == 4))
        {
            // With one turn a year, a four-digit number is a year (a scenario has at most 1,000 turns, numbered up to 999).
            turn = n;
        }
        else if (DatePattern().Match(text) is { Success: true } m)
        {
            var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var sub = m.Groups[3].Value.Length > 0 ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 1;
            var form = m.Groups[2].Value;
            if ((_turnsPerYear == 4) != (form == "Q") || (_turnsPerYear == 1) != (form == "") || sub < 1 || sub > Math.Max(_turnsPerYear, 1))
            {
                _d.Add(node, $"{what} has the wrong form", $"'{text}'", ExpectedDate());
                return null;
            }

            turn = _turnsPerYear == 4 ? ((year - _startYear) * 4) + (sub - _startQuarter) : ((year - _startYear) * _turnsPerYear) + (sub - 1);
        }
        else
        {
            _d.Add(node, $"{what} has the wrong form", $"'{text}'", ExpectedDate());
            return null;
        }

        if (turn < 0 || turn > last)
        {
            _d.Add(node, $"{what} is a date outside the scenario's span", $"'{text}'", span);
            return null;
        }

        return turn;
    }

    private string DateOf(int turn)
    {
        if (_turnsPerYear == 4)
        {
            var q = _startQuarter - 1 + turn;
            return $"{_startYear + (q / 4)}-Q{(q % 4) + 1}";
        }

        return _turnsPerYear == 1 ? $"{_startYear + turn}" : $"{_startYear + (turn / _turnsPerYear)}-T{(turn % _turnsPerYear) + 1}";
    }

    private void CollectActorIds(IReadOnlyList<YamlNode>? nodes)
    {
        foreach (var node in nodes ?? [])
        {
            if (node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) && idNode is YamlScalarNode { Value: { } id })
            {
                if (!ActorPattern().IsMatch(id))
                {
                    _d.Add(idNode, "an actor code has the wrong form", $"'{id}'", "2 to 8 capital letters or digits, starting with a letter, e.g. IND");
                }
                else if (_actors.Contains(id))
                {
                    _d.Add(idNode, "duplicate actor code", $"'{id}'", "each actor defined once");
                }
                else
                {
                    _actors.Add(id);
                }
            }
        }
    }

    private void CollectShockIds(YamlNode? shocks)
    {
        if (shocks is not YamlSequenceNode seq)
        {
            return;
        }

        foreach (var node in seq.Children)
        {
            if (node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) && idNode is YamlScalarNode { Value: { } id })
            {
                if (!IdPattern().IsMatch(id))
                {
                    _d.Add(idNode, "a shock id has the wrong form", $"'{id}'", "lower-case letters, digits and dashes");
                }
                else if (!_shockIds.Add(id))
                {
                    _d.Add(idNode, "duplicate shock id", $"'{id}'", "a shock id used once");
                }
            }
        }
    }

    private string? Actor(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        var id = Fields.AsString(node, _d, what);
        if (id is null)
        {
            return null;
        }

        if (!_actors.Contains(id))
        {
            _d.Add(node, $"unknown actor code in {what}", $"'{id}'", $"one of {string.Join(", ", _actors)}");
            return null;
        }

        return id;
    }

    private string? Actor(Fields f, string key, string what, bool required = true) =>
        Actor(required ? f.Require(key, what, "an actor code") : f.Get(key), $"'{key}' of {what}");

    private ImmutableArray<string>? Actors(Fields f, string key, string what, int min)
    {
        if (f.Require(key, what, "a list of actor codes") is not { } node || Fields.AsList(node, _d, $"'{key}' of {what}") is not { } items)
        {
            return null;
        }

        var result = new List<string>();
        var ok = true;
        foreach (var item in items)
        {
            if (Actor(item, $"'{key}' of {what}") is { } id)
            {
                if (result.Contains(id))
                {
                    _d.Add(item, $"an actor named twice in '{key}' of {what}", $"'{id}'", "each actor once");
                    ok = false;
                }

                result.Add(id);
            }
            else
            {
                ok = false;
            }
        }

        if (ok && result.Count < min)
        {
            _d.Add(node, $"too few actors in '{key}' of {what}", result.Count.ToString(CultureInfo.InvariantCulture), $"at least {min}");
            ok = false;
        }

        return ok ? [.. result] : null;
    }

    /// <summary>Two actors of a directed relation; a relation of an actor to itself is an error.</summary>
    private (string From, string To)? Pair(Fields f, string fromKey, string toKey, string what)
    {
        var from = Actor(f, fromKey, what);
        var to = Actor(f, toKey, what);
        if (from is null || to is null)
        {
            return null;
        }

        if (from == to)
        {
            _d.Add(f.Get(toKey)!, $"{what} on a relation of an actor to itself", $"'{from}' → '{to}'", "two different actors");
            return null;
        }

        return (from, to);
    }

    private ModelParameters ReadParameters(YamlNode? node, ScenarioOptions options)
    {
        var parameters = new ModelParameters();
        var names = new HashSet<string>(ModelParameters.ScalarNames.Select(Camel), StringComparer.OrdinalIgnoreCase);
        if (node is not null && Fields.Open(node, _d, "the parameters", names) is { } f)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in f.Keys.Where(k => k != Fields.SourceKey).Order(StringComparer.Ordinal))
            {
                var canonical = ModelParameters.CanonicalName(key)!;
                if (!seen.TryAdd(canonical, key))
                {
                    _d.Add(f.KeyNode(key)!, "a model parameter is set twice", $"'{key}' and '{seen[canonical]}'", "each parameter once (names match without regard to case)");
                    continue;
                }

                if (f.Number(key, "the parameters") is { } value)
                {
                    var set = parameters.With(key, value);
                    if (set.IsOk)
                    {
                        parameters = set.Value!;
                    }
                    else
                    {
                        _d.Add(f.Get(key)!, "a model parameter cannot take this value", $"'{key}: {value.ToString(CultureInfo.InvariantCulture)}'", ModelParameters.RangeOf(key)!.ToString());
                    }
                }
            }
        }

        var index = 0;
        foreach (var (name, value) in options.Overrides.IsDefault ? [] : options.Overrides)
        {
            index++;
            var set = parameters.With(name, value);
            if (set.IsOk)
            {
                parameters = set.Value!;
            }
            else
            {
                _d.Add(new YamlDotNet.Core.Mark(0, 1, index), $"override --set {name} is rejected", set.Error!,
                    ModelParameters.RangeOf(name) is { } range ? range.ToString() : "a model parameter named in docs/model.md");
            }
        }

        return parameters;
    }

    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private WorldBuilder.GlobalSpec ReadGlobal(YamlNode? node)
    {
        var fallbackIssuer = _actors.Contains("USA") ? "USA" : _actors.FirstOrDefault() ?? "USA";
        var spec = new WorldBuilder.GlobalSpec(65, 103, 30, 47.6, [], fallbackIssuer);
        if (node is null || Fields.Open(node, _d, "the global state", ["oilPrice", "oilSupply", "tension", "priceCap", "cappedExporters", "reserveIssuer"]) is not { } f)
        {
            return spec;
        }

        const string what = "the global state";
        ImmutableArray<string> capped = [];
        if (f.Has("cappedExporters"))
        {
            capped = Actors(f, "cappedExporters", what, 0) ?? [];
        }

        return new WorldBuilder.GlobalSpec(
            f.Number("oilPrice", what, min: 1, max: 1000) ?? spec.OilPrice,
            f.Number("oilSupply", what, min: 1, max: 1000) ?? spec.OilSupply,
            f.Number("tension", what, min: 0, max: 100) ?? spec.Tension,
            f.Number("priceCap", what, min: 0, max: 1000) ?? spec.PriceCap,
            capped,
            Actor(f, "reserveIssuer", what, required: false) ?? spec.ReserveIssuer);
    }

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
        if (id is null || name is null || gdp is null || trend is null || production is null || consumption is null || capability is null
            || need is null || industry is null || stability is null || interests is null || doctrine is null || !_actors.Contains(id))
        {
            return null;
        }

        return new ActorSpec(id, name, gdp.Value, trend.Value, production.Value, consumption.Value, capability.Value, need.Value, industry.Value,
            stability.Value, interests, doctrine, capital, cap, priceCap, promotion, rails);
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
                if (Fields.Open(line, _d, $"a red line of {actor}", ["move", "target", "onlyEasing", "sector"]) is { } r)
                {
                    var kind = Vocabulary.Parse<MoveKind>(r.Require("move", $"a red line of {actor}", "a move kind"), _d, "move kind");
                    var target = Actor(r, "target", $"a red line of {actor}", required: false);
                    var easing = r.Bool("onlyEasing", $"a red line of {actor}") ?? false;
                    var sectorNode = r.Get("sector");
                    var sector = sectorNode is null ? null : Vocabulary.Parse<Sector>(sectorNode, _d, "sector");
                    if (sectorNode is not null && kind is not (null or MoveKind.SetTariff))
                    {
                        _d.Add(sectorNode, $"a red line of {actor}: 'sector' applies to setTariff only", $"move {Vocabulary.Name(kind.Value)}", "move: setTariff, or no sector");
                        continue;
                    }

                    if (kind is { } k && (target is not null || !r.Has("target")) && (sector is not null || !r.Has("sector")))
                    {
                        redLines.Add(new RedLine(k, target, easing, sector));
                    }
                }
            }
        }

        return risk is null ? null : new Doctrine(favoured.ToImmutable(), redLines.ToImmutable(), risk.Value, temperature);
    }

    private void ReadTrade(Fields f, WorldBuilder builder)
    {
        const string what = "a trade flow";
        var pair = Pair(f, "from", "to", what);
        if (f.Require("exports", what, "a mapping of sector to USD bn per year") is not { } node
            || Fields.Open(node, _d, "the exports of a trade flow", Vocabulary.Names<Sector>().ToArray()) is not { } exports)
        {
            return;
        }

        foreach (var sector in Domain.Sectors)
        {
            var value = exports.Number(sector.Name(), "a trade flow's exports", min: 0, max: WorldLimits.Flow);
            if (pair is var (a, b) && value is { } v)
            {
                builder.Exports(a, b, sector, v);
            }
        }

        // A negative flow is reported by the range check above; say so plainly too.
    }

    private ImmutableArray<T?>? EnumOneOrMany<T>(Fields f, string one, string many, string what) where T : struct, Enum
    {
        if (f.Has(one) && f.Has(many))
        {
            _d.Add(f.Get(many)!, $"{what} names both '{one}' and '{many}'", "both", "one of them");
            return null;
        }

        if (f.Get(one) is { } single)
        {
            return Vocabulary.Parse<T>(single, _d, one) is { } v ? [v] : null;
        }

        if (f.Get(many) is { } list && Fields.AsList(list, _d, $"'{many}' of {what}") is { } items)
        {
            var values = items.Select(i => Vocabulary.Parse<T>(i, _d, one)).ToArray();
            return values.Any(v => v is null) ? null : [.. values];
        }

        return [null];
    }

    private void ReadTariff(Fields f, WorldBuilder builder)
    {
        const string what = "a tariff";
        var pair = Pair(f, "importer", "exporter", what);
        var sectors = EnumOneOrMany<Sector>(f, "sector", "sectors", what);
        var rate = f.Number("rate", what, required: true, min: 0, max: 2);
        if (pair is var (a, b) && sectors is { } ss && rate is { } r)
        {
            foreach (var s in ss)
            {
                builder.Tariff(a, b, s, r);
            }
        }
    }

    private void ReadSanction(Fields f, WorldBuilder builder)
    {
        const string what = "a sanction";
        var pair = Pair(f, "imposer", "target", what);
        var domains = f.Has("domain") || f.Has("domains") ? EnumOneOrMany<SanctionDomain>(f, "domain", "domains", what) : null;
        if (!f.Has("domain") && !f.Has("domains"))
        {
            f.Require("domain", what, $"one of {string.Join(", ", Vocabulary.Names<SanctionDomain>())}");
        }

        var level = Vocabulary.Parse<SanctionLevel>(f.Require("level", what, "a sanction level"), _d, "sanction level");
        if (pair is var (a, b) && domains is { } ds && level is { } l)
        {
            foreach (var d in ds)
            {
                builder.Sanction(a, b, d!.Value, l);
            }
        }
    }

    private void ReadTrust(Fields f, WorldBuilder builder)
    {
        const string what = "a trust figure";
        var pair = Pair(f, "from", "to", what);
        var value = f.Number("value", what, required: true, min: -100, max: 100);
        var back = f.Number("back", what, min: -100, max: 100);
        if (pair is var (a, b) && value is { } v)
        {
            builder.Trust(a, b, v);
            if (back is { } bv)
            {
                builder.Trust(b, a, bv);
            }
        }
    }

    private void ReadSettlement(Fields f, WorldBuilder builder)
    {
        const string what = "a settlement mix";
        var share = f.Number("usdShare", what, required: true, min: 0, max: 1);
        if (Actors(f, "between", what, 2) is not { } pair || share is not { } s)
        {
            return;
        }

        if (pair.Length != 2)
        {
            _d.Add(f.Get("between")!, $"'between' of {what} names the wrong number of actors", pair.Length.ToString(CultureInfo.InvariantCulture), "exactly two");
            return;
        }

        builder.Settlement(pair[0], pair[1], s);
    }

    private AgreementTerms? ReadTerms(YamlNode? node, string what, IReadOnlyCollection<string> parties)
    {
        if (node is null)
        {
            return AgreementTerms.None;
        }

        if (Fields.Open(node, _d, $"the terms of {what}", TermKeys) is not { } t)
        {
            return null;
        }

        var supplier = Actor(t, "supplier", $"the terms of {what}", required: false);
        if (supplier is not null && !parties.Contains(supplier))
        {
            _d.Add(t.Get("supplier")!, $"the supplier of {what} is not a party", $"'{supplier}'", $"one of {string.Join(", ", parties)}");
        }

        return new AgreementTerms(
            t.Number("tariffCeiling", $"the terms of {what}", min: 0, max: 2),
            t.Number("tradeTarget", $"the terms of {what}", min: 0, max: WorldLimits.Flow),
            t.Number("energyVolume", $"the terms of {what}", min: 0, max: WorldLimits.Oil),
            t.Number("energyDiscount", $"the terms of {what}", min: 0, max: 1),
            t.Number("maxUsdShare", $"the terms of {what}", min: 0, max: 1),
            supplier);
    }

    private void ReadAgreement(Fields f, WorldBuilder builder, HashSet<string> ids)
    {
        var id = f.String("id", "an agreement", required: true);
        var what = $"agreement {id}";
        if (id is not null && !ids.Add(id))
        {
            _d.Add(f.Get("id")!, "duplicate agreement id", $"'{id}'", "an agreement id used once");
            id = null;
        }

        var kind = Vocabulary.Parse<AgreementKind>(f.Require("kind", what, "an agreement kind"), _d, "agreement kind");
        var parties = Actors(f, "parties", what, 2);
        var terms = ReadTerms(f.Get("terms"), what, parties ?? []);
        var progress = f.Number("progress", what, min: 0, max: 1) ?? 1;
        if (id is not null && kind is { } k && parties is { } p && terms is not null)
        {
            builder.Agreement(id, k, p, terms, progress);
        }
    }

    private void ReadDelivery(Fields f, WorldBuilder builder, HashSet<string> ids)
    {
        var id = f.String("id", "an arms delivery", required: true);
        var what = $"delivery {id}";
        if (id is not null && !ids.Add(id))
        {
            _d.Add(f.Get("id")!, "duplicate delivery id", $"'{id}'", "a delivery id used once");
            id = null;
        }

        var pair = Pair(f, "buyer", "seller", what);
        var system = f.String("system", what, required: true);
        var value = f.Number("value", what, required: true, min: 0, max: WorldLimits.Arms);
        var due = f.Require("due", what, "a date or turn") is { } dn ? Turn(dn, $"'due' of {what}") : null;
        var status = f.Get("status") is { } sn ? Vocabulary.Parse<DeliveryStatus>(sn, _d, "delivery status") : DeliveryStatus.OnTime;
        if (id is not null && pair is var (buyer, seller) && system is not null && value is { } v && due is { } t && status is { } s)
        {
            builder.Delivery(id, buyer, seller, system, v, t, s);
        }
    }

    private void ReadBlocs(YamlNode? node, WorldBuilder builder)
    {
        if (node is not YamlMappingNode map)
        {
            if (node is not null)
            {
                _d.Add(node, "'blocs' has the wrong type", Diagnostics.Describe(node), "a mapping of bloc name to a list of actor codes");
            }

            return;
        }

        foreach (var (keyNode, value) in map.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value;
            if (name is null or Fields.SourceKey)
            {
                continue;
            }

            if (Fields.AsList(value, _d, $"bloc {name}") is not { } items)
            {
                continue;
            }

            var members = items.Select(i => Actor(i, $"bloc {name}")).ToArray();
            if (members.All(m => m is not null))
            {
                builder.Bloc(name, [.. members.Select(m => m!)]);
            }
        }
    }
}
