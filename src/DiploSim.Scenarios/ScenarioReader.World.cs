using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core;
using DiploSim.Core.State;
using DiploSim.Core.Worlds;
using YamlDotNet.RepresentationModel;

namespace DiploSim.Scenarios;

/// <summary>The scenario-wide sections: the seed, the model parameters and the global state.</summary>
internal sealed partial class ScenarioReader
{
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
        if (node is null || Fields.Open(node, _d, "the global state", ["oilPrice", "oilSupply", "oilTightness", "tension", "priceCap", "cappedExporters", "reserveIssuer"]) is not { } f)
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
            Actor(f, "reserveIssuer", what, required: false) ?? spec.ReserveIssuer,
            f.Number("oilTightness", what, min: 0, max: 1) ?? spec.OilTightness);
    }
}
