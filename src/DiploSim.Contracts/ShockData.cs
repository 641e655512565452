using System.Collections.Immutable;
using System.Globalization;
using DiploSim.Core;

namespace DiploSim.Contracts;

/// <summary>An ad hoc shock the teacher writes during a session, on the wire (Core's <c>Shock</c>).</summary>
[GenerateSerializer, Immutable, Alias("diplosim.ShockData")]
public sealed record ShockData(string Id, string Headline, string Body, ImmutableArray<ShockEffectData> Effects);

/// <summary>
/// One effect of an ad hoc shock, flat like <see cref="MoveOrder"/>. <see cref="Kind"/> is one of
/// <c>Policy</c>, <c>TariffAnnouncement</c> (a tariff <see cref="Policy"/> that lands <see cref="Turns"/> turns after the
/// shock; importers buy ahead of it), <c>TariffWithdrawal</c> (withdraws the tariffs <see cref="Actor"/> announced on
/// <see cref="Other"/>, in <see cref="Sector"/> or all of them), <c>OilSupply</c>, <c>OilOutlook</c> (an expected oil supply loss, −, or gain, +), <c>OilDemand</c> (world oil demand the market has yet to meet, mb/d), <c>Trust</c>, <c>TradeCut</c>, <c>PurchaseHalt</c>, <c>DeliveryDelay</c>, <c>Tension</c>,
/// <c>Gdp</c>, <c>Stability</c>, <c>Agreement</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.ShockEffectData")]
public sealed record ShockEffectData
{
    [Id(0)] public required string Kind { get; init; }

    /// <summary>The actor an effect is about, or the first of a pair (trust, trade cut: from; purchase halt, delivery delay: buyer).</summary>
    [Id(1)] public string? Actor { get; init; }

    /// <summary>The second of a pair (trust, trade cut: to; purchase halt, delivery delay: seller).</summary>
    [Id(2)] public string? Other { get; init; }

    /// <summary>Oil supply, outlook or demand in mb/d, trust, tension or stability points.</summary>
    [Id(3)] public double? Delta { get; init; }

    /// <summary>Trade cut, purchase halt or GDP change as a fraction.</summary>
    [Id(4)] public double? Fraction { get; init; }
    [Id(5)] public string? Sector { get; init; }
    [Id(6)] public int? Turns { get; init; }

    /// <summary>For <c>Policy</c>: the policy applied without political capital, written as a move of <see cref="MoveOrder.Actor"/>.</summary>
    [Id(7)] public MoveOrder? Policy { get; init; }

    /// <summary>For <c>Agreement</c>: its id, kind, parties and terms.</summary>
    [Id(8)] public string? AgreementId { get; init; }
    [Id(9)] public string? Agreement { get; init; }
    [Id(10)] public ImmutableArray<string> Parties { get; init; } = [];
    [Id(11)] public AgreementTermsData? Terms { get; init; }
}

/// <summary>Maps ad hoc shocks to Core.</summary>
public static class ShockMapping
{
    /// <summary>Reads a shock, or gives the reason it is malformed.</summary>
    public static Result<Shock> ToCore(ShockData shock)
    {
        ArgumentNullException.ThrowIfNull(shock);
        if (string.IsNullOrWhiteSpace(shock.Id) || string.IsNullOrWhiteSpace(shock.Headline))
        {
            return Result<Shock>.Fail("a shock needs an id and a headline");
        }

        var effects = ImmutableArray.CreateBuilder<ShockEffect>();
        foreach (var e in shock.Effects.IsDefault ? [] : shock.Effects)
        {
            var effect = Effect(e);
            if (!effect.IsOk)
            {
                return Result<Shock>.Fail($"shock {shock.Id}: {effect.Error}");
            }

            effects.Add(effect.Value!);
        }

        return Result<Shock>.Ok(new Shock(shock.Id, shock.Headline, shock.Body ?? string.Empty, effects.ToImmutable()));
    }

    private static Result<ShockEffect> Effect(ShockEffectData e)
    {
        string? Missing(params (string Name, object? Value)[] fields) =>
            fields.FirstOrDefault(f => f.Value is null || (f.Value is string s && string.IsNullOrWhiteSpace(s))).Name is { } name
                ? $"{e.Kind} effect needs '{name}'" : null;

        static Result<ShockEffect> Ok(ShockEffect effect) => Result<ShockEffect>.Ok(effect);

        Sector? sector = null;
        if (e.Sector is not null)
        {
            if (!MoveMapping.TryName(e.Sector, out Sector s))
            {
                return Result<ShockEffect>.Fail($"unknown sector '{e.Sector}'");
            }

            sector = s;
        }

        var missing = e.Kind switch
        {
            "Policy" => Missing(("policy", e.Policy), ("policy.actor", e.Policy?.Actor)),
            "TariffAnnouncement" => Missing(("policy", e.Policy), ("policy.actor", e.Policy?.Actor), ("turns", e.Turns)),
            "TariffWithdrawal" => Missing(("actor", e.Actor), ("other", e.Other)),
            "OilSupply" or "OilOutlook" or "OilDemand" or "Tension" => Missing(("delta", e.Delta)),
            "Trust" => Missing(("actor", e.Actor), ("other", e.Other), ("delta", e.Delta)),
            "TradeCut" => Missing(("actor", e.Actor), ("other", e.Other), ("fraction", e.Fraction)),
            "PurchaseHalt" => Missing(("actor", e.Actor), ("other", e.Other), ("sector", e.Sector), ("fraction", e.Fraction)),
            "DeliveryDelay" => Missing(("actor", e.Actor), ("other", e.Other), ("turns", e.Turns)),
            "Gdp" => Missing(("actor", e.Actor), ("fraction", e.Fraction)),
            "Stability" => Missing(("actor", e.Actor), ("delta", e.Delta)),
            "Agreement" => Missing(("agreementId", e.AgreementId), ("agreement", e.Agreement)),
            _ => $"unknown effect kind '{e.Kind}'",
        };
        if ((missing ?? OutOfRange(e)) is { } problem)
        {
            return Result<ShockEffect>.Fail(problem);
        }

        switch (e.Kind)
        {
            case "Policy":
                var policy = MoveMapping.ToCore(e.Policy!, e.Policy!.Actor!);
                return policy.IsOk ? Ok(new PolicyEffect(policy.Value!)) : Result<ShockEffect>.Fail(policy.Error!);
            case "TariffAnnouncement":
                var announced = MoveMapping.ToCore(e.Policy!, e.Policy!.Actor!);
                return !announced.IsOk ? Result<ShockEffect>.Fail(announced.Error!)
                    : announced.Value is SetTariff tariff ? Ok(new TariffAnnouncementEffect(tariff, e.Turns!.Value))
                    : Result<ShockEffect>.Fail($"TariffAnnouncement effect's policy is a {e.Policy.Kind}, expected SetTariff");
            case "TariffWithdrawal": return Ok(new TariffWithdrawalEffect(e.Actor!, e.Other!, sector));
            case "OilSupply": return Ok(new OilSupplyEffect(e.Delta!.Value));
            case "OilOutlook": return Ok(new OilOutlookEffect(e.Delta!.Value));
            case "OilDemand": return Ok(new OilDemandEffect(e.Delta!.Value));
            case "Tension": return Ok(new TensionEffect(e.Delta!.Value));
            case "Trust": return Ok(new TrustEffect(e.Actor!, e.Other!, e.Delta!.Value));
            case "TradeCut": return Ok(new TradeCutEffect(e.Actor!, e.Other!, sector, e.Fraction!.Value));
            case "PurchaseHalt": return Ok(new PurchaseHaltEffect(e.Actor!, e.Other!, sector!.Value, e.Fraction!.Value, e.Turns));
            case "DeliveryDelay": return Ok(new DeliveryDelayEffect(e.Actor!, e.Other!, e.Turns!.Value));
            case "Gdp": return Ok(new GdpEffect(e.Actor!, e.Fraction!.Value));
            case "Stability": return Ok(new StabilityEffect(e.Actor!, e.Delta!.Value));
            default:
                return MoveMapping.TryName(e.Agreement, out AgreementKind kind) && !e.Parties.IsDefaultOrEmpty
                    ? Ok(new AgreementEffect(e.AgreementId!, kind, e.Parties, MoveMapping.Terms(e.Terms)))
                    : Result<ShockEffect>.Fail("Agreement effect needs a known 'agreement' kind and 'parties'");
        }
    }

    /// <summary>The bounds a scenario file holds the same effect to (<see cref="ShockLimits"/>).</summary>
    private static string? OutOfRange(ShockEffectData e)
    {
        static string? Outside(string kind, string field, double value, double min, double max) =>
            double.IsFinite(value) && value >= min && value <= max
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"{kind} effect's '{field}' is out of range: {value}, expected {min} to {max}");

        return e.Kind switch
        {
            "OilSupply" or "OilOutlook" or "OilDemand" => Outside(e.Kind, "delta", e.Delta!.Value, -ShockLimits.OilMbd, ShockLimits.OilMbd),
            "Tension" => Outside(e.Kind, "delta", e.Delta!.Value, -ShockLimits.Tension, ShockLimits.Tension),
            "Trust" => Outside(e.Kind, "delta", e.Delta!.Value, -ShockLimits.Trust, ShockLimits.Trust),
            "Stability" => Outside(e.Kind, "delta", e.Delta!.Value, -ShockLimits.Stability, ShockLimits.Stability),
            "TradeCut" => Outside(e.Kind, "fraction", e.Fraction!.Value, 0, 1),
            "PurchaseHalt" => Outside(e.Kind, "fraction", e.Fraction!.Value, 0, 1)
                ?? (e.Turns is { } turns ? Outside(e.Kind, "turns", turns, 1, ShockLimits.DelayTurns) : null),
            "Gdp" => Outside(e.Kind, "fraction", e.Fraction!.Value, -ShockLimits.GdpFraction, ShockLimits.GdpFraction),
            "DeliveryDelay" => Outside(e.Kind, "turns", e.Turns!.Value, 1, ShockLimits.DelayTurns),
            "TariffAnnouncement" => Outside(e.Kind, "turns", e.Turns!.Value, 1, ShockLimits.AnnouncementTurns),
            _ => null,
        };
    }
}
