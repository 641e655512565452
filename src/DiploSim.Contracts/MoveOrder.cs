using System.Collections.Immutable;
using System.Text.Json;

namespace DiploSim.Contracts;

/// <summary>
/// A move as it crosses the wire: one flat record for every kind, enums spelled as names, so a browser can
/// write it as plain JSON and a stored log stays readable when Core's records change. <see cref="MoveMapping"/>
/// turns it into Core's <c>Move</c>, refusing it with a reason when it is malformed.
/// </summary>
[GenerateSerializer, Immutable, Alias("diplosim.MoveOrder")]
public sealed record MoveOrder
{
    /// <summary>The move's kind, a name of Core's <c>MoveKind</c>, e.g. <c>SetTariff</c>.</summary>
    [Id(0)] public required string Kind { get; init; }

    /// <summary>The acting country; when present it must be the seat that submits the move.</summary>
    [Id(1)] public string? Actor { get; init; }

    /// <summary>Target, partner, seller, recipient or the actor a statement is about, as the kind needs.</summary>
    [Id(2)] public string? Target { get; init; }

    [Id(3)] public string? Sector { get; init; }
    [Id(4)] public double? Rate { get; init; }
    [Id(5)] public string? Domain { get; init; }
    [Id(6)] public string? Level { get; init; }
    [Id(7)] public bool? Active { get; init; }
    [Id(8)] public string? ProposalId { get; init; }
    [Id(9)] public string? NewProposalId { get; init; }
    [Id(10)] public string? Agreement { get; init; }
    [Id(11)] public ImmutableArray<string> Partners { get; init; } = [];
    [Id(12)] public AgreementTermsData? Terms { get; init; }
    [Id(13)] public bool? Accept { get; init; }
    [Id(14)] public string? AgreementId { get; init; }
    [Id(15)] public string? System { get; init; }
    [Id(16)] public double? Value { get; init; }
    [Id(17)] public int? DeliveryTurns { get; init; }
    [Id(18)] public string? DeliveryId { get; init; }
    [Id(19)] public string? Decision { get; init; }
    [Id(20)] public double? VolumeMbd { get; init; }
    [Id(21)] public double? Discount { get; init; }
    [Id(22)] public bool? Join { get; init; }
    [Id(23)] public string? Stance { get; init; }
    [Id(24)] public string? Capacity { get; init; }
    [Id(25)] public double? Amount { get; init; }
    [Id(26)] public string? Bloc { get; init; }

    /// <summary>For a tariff: the turns until it takes effect (none or 0: this turn); announced, importers buy ahead of it.</summary>
    [Id(27)] public int? InTurns { get; init; }

    /// <summary>Whether two lists hold the same moves in the same order, field for field (a plan sent again, a draft against a submission).</summary>
    public static bool Same(ImmutableArray<MoveOrder> a, ImmutableArray<MoveOrder> b) =>
        !a.IsDefault && !b.IsDefault && JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}

/// <summary>An agreement's terms on the wire (Core's <c>AgreementTerms</c>).</summary>
[GenerateSerializer, Immutable, Alias("diplosim.AgreementTermsData")]
public sealed record AgreementTermsData(
    double? TariffCeiling = null,
    double? TradeTarget = null,
    double? EnergyVolumeMbd = null,
    double? EnergyDiscount = null,
    double? MaxUsdShare = null,
    string? Supplier = null);
