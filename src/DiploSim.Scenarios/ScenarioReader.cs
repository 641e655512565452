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
        "sanctions", "secondaryThreats", "trust", "armsShares", "settlement", "crude", "agreements", "deliveries", "blocs", "routes",
        "seasons", "shocks",
    ];

    private readonly Diagnostics _d = diagnostics;
    private readonly List<string> _actors = [];
    private readonly HashSet<string> _shockIds = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _blocs = new(StringComparer.Ordinal);
    private readonly List<ImmutableArray<string>> _routes = [];
    private readonly List<(Condition Condition, YamlNode Node)> _conditions = [];
    private ScenarioCalendar _calendar = new(diagnostics, 4, 40);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,7}$")]
    private static partial Regex ActorPattern();

    /// <summary>Whether <paramref name="id"/> is a scenario's or a shock's id: lower-case letters, digits and dashes, at most <see cref="WorldLimits.Id"/> characters.</summary>
    private static bool IsId(string id) => id.Length <= WorldLimits.Id && IdPattern().IsMatch(id);

    public Scenario? Read(YamlNode root, ScenarioOptions options)
    {
        var f = Fields.Open(root, _d, "the scenario", RootKeys);
        if (f is null)
        {
            return null;
        }

        var id = f.String("id", "the scenario", required: true);
        if (id is not null && !IsId(id))
        {
            _d.Add(f.Get("id")!, "the scenario id has the wrong form", $"'{id}'", string.Create(CultureInfo.InvariantCulture, $"lower-case letters, digits and dashes, at most {WorldLimits.Id} characters, e.g. india-russia-summit-2025"));
        }

        var title = f.String("title", "the scenario", required: true) ?? "";
        var summary = f.String("summary", "the scenario") ?? "";
        _calendar = new ScenarioCalendar(_d,
            f.Integer("turnsPerYear", "the scenario", min: 1, max: 52) ?? 4,
            f.Integer("turns", "the scenario", required: true, min: 1, max: 1000) ?? 40);
        _calendar.ReadStart(f.Require("start", "the scenario", "a date such as 2025-Q4"));
        var seed = ReadSeed(f.Get("seed"));
        var builder = new WorldBuilder().Calendar(_calendar.StartYear, _calendar.StartQuarter, _calendar.TurnsPerYear).Seed(options.Seed ?? seed);

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
        ForEach(f, "tariffs", "a tariff", ["importer", "exporter", "sector", "sectors", "rate", "flowsMeasuredAt"], x => ReadTariff(x, builder));
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
        var routeNames = new HashSet<string>(StringComparer.Ordinal);
        ForEach(f, "routes", "a corridor route", ["name", "parties"], x => ReadRoute(x, builder, routeNames));
        if (f.Has("seasons") && _calendar.TurnsPerYear != 4)
        {
            _d.Add(f.KeyNode("seasons")!, "seasons in a scenario whose turns are not quarters", string.Create(CultureInfo.InvariantCulture, $"turnsPerYear: {_calendar.TurnsPerYear}"),
                "turnsPerYear: 4, or no seasons");
        }

        var seasons = new HashSet<(Sector, string, string)>();
        ForEach(f, "seasons", "a season", ["sector", "from", "to", "shares"], x => ReadSeason(x, builder, seasons));
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

        return _d.HasErrors ? null : new Scenario(id ?? "", title, summary, _calendar.Turns, built.Value, new ScenarioShockScript(shocks));
    }

    /// <summary>A turn from a date or a turn number of the scenario's calendar.</summary>
    private int? Turn(YamlNode node, string what) => _calendar.Turn(node, what);

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
                if (!IsId(id))
                {
                    _d.Add(idNode, "a shock id has the wrong form", $"'{id}'", string.Create(CultureInfo.InvariantCulture, $"lower-case letters, digits and dashes, at most {WorldLimits.Id} characters"));
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

}
