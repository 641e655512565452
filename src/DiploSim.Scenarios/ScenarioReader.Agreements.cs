using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Core.Worlds;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>Agreements, arms deliveries, blocs and corridor routes.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] TermKeys = ["tariffCeiling", "tradeTarget", "energyVolume", "energyDiscount", "maxUsdShare", "supplier"];

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
        CheckRoute(f, kind, parties, what);
        if (id is not null && kind is { } k && parties is { } p && terms is not null)
        {
            builder.Agreement(id, k, p, terms, progress);
        }
    }

    private void ReadRoute(Fields f, WorldBuilder builder, HashSet<string> names)
    {
        var name = f.String("name", "a corridor route", required: true);
        var what = $"route {name}";
        if (name is not null && !names.Add(name))
        {
            _d.Add(f.Get("name")!, "duplicate route name", $"'{name}'", "a route name used once");
            name = null;
        }

        if (Actors(f, "parties", what, 2) is { } parties && name is not null)
        {
            _routes.Add(parties);
            builder.Route(name, [.. parties]);
        }
    }

    /// <summary>
    /// Reports a connectivity corridor whose parties no route of the scenario links (when it names routes), as a move
    /// proposing it would be refused. Routes are read before agreements and shocks.
    /// </summary>
    private void CheckRoute(Fields f, AgreementKind? kind, ImmutableArray<string>? read, string what)
    {
        if (kind == AgreementKind.ConnectivityCorridor && read is { } parties && _routes.Count > 0 && !_routes.Any(r => parties.All(r.Contains)))
        {
            _d.Add(f.Get("parties")!, $"no route of the scenario links the parties of {what}", string.Join(", ", parties),
                "parties that one of 'routes' links, or a route for them");
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
