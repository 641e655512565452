namespace DiploSim.Core;

/// <summary>Sectors in which trade flows are tracked (USD bn per year).</summary>
public enum Sector
{
    Energy,
    Defence,
    /// <summary>Agriculture, food and fertiliser.</summary>
    Agriculture,
    Pharma,
    /// <summary>Machinery, vehicles and other manufactures.</summary>
    Industrial,
    Technology,
    Other,
}

/// <summary>The domains in which one actor can sanction another.</summary>
public enum SanctionDomain
{
    Trade,
    Finance,
    Energy,
    Technology,
}

/// <summary>How severe a sanction is, from none to comprehensive.</summary>
public enum SanctionLevel
{
    None,
    Targeted,
    Sectoral,
    Comprehensive,
}

/// <summary>Kinds of agreement a pair or group of actors can hold.</summary>
public enum AgreementKind
{
    StrategicPartnership,
    FreeTrade,
    Logistics,
    LocalCurrencySettlement,
    DefenceCoProduction,
    EnergyContract,
    ConnectivityCorridor,
    VisaFacilitation,
    CivilNuclear,
}

/// <summary>Whether an agreement is still binding its parties.</summary>
public enum AgreementStatus
{
    InForce,
    Withdrawn,
}

/// <summary>Where a pending arms delivery stands.</summary>
public enum DeliveryStatus
{
    OnTime,
    Delayed,
}

/// <summary>A seller's choice about a pending delivery.</summary>
public enum DeliveryDecision
{
    OnTime,
    Delay,
    Cancel,
}

/// <summary>A public statement's stance towards an actor.</summary>
public enum Stance
{
    Support,
    Neutral,
    Condemn,
}

/// <summary>The domains in which an actor can diversify away from a partner.</summary>
public enum DependenceDomain
{
    Defence,
    Energy,
    Payments,
}

/// <summary>Domestic capacities an actor can invest in.</summary>
public enum Capacity
{
    DefenceIndustry,
    ExportPromotion,
    PaymentRails,
}

/// <summary>
/// Goods other than crude that a purchase can name (<see cref="PurchaseEffect"/>). Crude is bought at the oil price
/// (<see cref="BuyDiscountedCrude"/>); each of these is valued at the unit value its purchase states, since coal, gas and
/// fertiliser are priced apart from crude (their prices rose far more than crude's in 2022), and refined products at
/// their own value, which the oil price does not give. A volume is a yearly rate. New goods go at the end: the state
/// hash takes a purchase's good by its number.
/// </summary>
public enum Good
{
    /// <summary>Coal and coke: million tonnes a year, at USD a tonne; traded under energy.</summary>
    Coal,

    /// <summary>Pipeline gas: bcm a year, at USD per thousand cubic metres; traded under energy.</summary>
    Gas,

    /// <summary>Liquefied natural gas: million tonnes a year, at USD a tonne; traded under energy.</summary>
    Lng,

    /// <summary>Mineral fertiliser: million tonnes a year, at USD a tonne; traded under agriculture (farm inputs).</summary>
    Fertiliser,

    /// <summary>
    /// Farm goods and food, fish included (what a ministry of agriculture counts as its agro-industrial exports): million
    /// tonnes a year, at the basket's USD a tonne; traded under agriculture.
    /// </summary>
    Food,

    /// <summary>
    /// Refined oil products (fuel oil, naphtha, LPG, bitumen, diesel): million tonnes a year, at USD a tonne; traded under
    /// energy, beside crude, which is bought by the barrel at the oil price.
    /// </summary>
    OilProducts,
}

/// <summary>Helpers over the enumerations, with fixed iteration order.</summary>
public static class Domain
{
    public const int SectorCount = 7;
    public const int SanctionDomainCount = 4;
    public const int DependenceDomainCount = 3;

    public static readonly IReadOnlyList<Sector> Sectors = Enum.GetValues<Sector>();
    public static readonly IReadOnlyList<SanctionDomain> SanctionDomains = Enum.GetValues<SanctionDomain>();

    /// <summary>Lower-case name used in news, scenario files and canonical keys.</summary>
    public static string Name(this Sector sector) => sector switch
    {
        Sector.Energy => "energy",
        Sector.Defence => "defence",
        Sector.Agriculture => "agriculture",
        Sector.Pharma => "pharma",
        Sector.Industrial => "industrial",
        Sector.Technology => "technology",
        _ => "other",
    };

    /// <summary>The sector whose flow a good's purchases are part of: fertiliser's and food's agriculture's, the fuels' (oil products too) energy's.</summary>
    public static Sector SectorOf(this Good good) => good is Good.Fertiliser or Good.Food ? Sector.Agriculture : Sector.Energy;

    public static string Name(this SanctionLevel level) => level switch
    {
        SanctionLevel.None => "none",
        SanctionLevel.Targeted => "targeted",
        SanctionLevel.Sectoral => "sectoral",
        _ => "comprehensive",
    };

    /// <summary>
    /// How much signing an agreement of this kind moves its parties' trust in each other (<c>Trust</c>) and deepens
    /// their ties in the eyes of their rivals, who trust them less for it (<c>Ties</c>), as shares of a full agreement's.
    /// Alliances, arms, energy, money and market access weigh in full; a transport corridor half (the US waived, then in
    /// 2025 revoked, its sanctions exemption for India's port at Chabahar on the north–south corridor); a visa
    /// arrangement builds a quarter of the goodwill and no rival minds it: Washington protested India's S-400 order and,
    /// with tariffs, its Russian crude, not the e-visas India offered Russian tourists in 2025.
    /// </summary>
    public static (double Trust, double Ties) PoliticalWeight(this AgreementKind kind) => kind switch
    {
        AgreementKind.VisaFacilitation => (0.25, 0),
        AgreementKind.ConnectivityCorridor => (0.5, 0.5),
        _ => (1, 1),
    };

    /// <summary>
    /// Whether an agreement's effect builds up after it enters into force: a corridor, a co-production line or a
    /// civil nuclear programme is built over <see cref="State.ModelParameters.BuildTurns"/> turns, a free-trade
    /// agreement phases its cuts in.
    /// </summary>
    public static bool BuildsUp(this AgreementKind kind) =>
        kind is AgreementKind.ConnectivityCorridor or AgreementKind.DefenceCoProduction or AgreementKind.CivilNuclear or AgreementKind.FreeTrade;

    /// <summary>Readable name of an agreement kind, for news.</summary>
    public static string Describe(this AgreementKind kind) => kind switch
    {
        AgreementKind.StrategicPartnership => "strategic partnership",
        AgreementKind.FreeTrade => "free-trade agreement",
        AgreementKind.Logistics => "logistics exchange pact",
        AgreementKind.LocalCurrencySettlement => "local-currency settlement agreement",
        AgreementKind.DefenceCoProduction => "defence co-production agreement",
        AgreementKind.EnergyContract => "long-term energy contract",
        AgreementKind.ConnectivityCorridor => "connectivity corridor",
        AgreementKind.VisaFacilitation => "visa facilitation agreement",
        _ => "civil nuclear cooperation agreement",
    };
}
