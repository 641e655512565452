using System.Collections.Immutable;

namespace DiploSim.Core.State;

/// <summary>
/// Every tunable number of the model, with its default and where it comes from. docs/model.md lists
/// the same table; scenario files and batch sweeps override them by name.
/// </summary>
public sealed record ModelParameters
{
    /// <summary>Long-run trade elasticity θ (Simonovska &amp; Waugh 2014: about 4).</summary>
    [ParameterRange(0.5, 20)]
    public double TradeElasticity { get; init; } = 4.0;

    /// <summary>
    /// Short-run trade elasticity: the response within the first year, so that half the long-run effect arrives in a
    /// year. Between Boehm, Levchenko &amp; Pandalai-Nayar (2023: about 0.76 after a year against about 2 in the long run,
    /// 0.4 of it) and the 2018 tariff war (Fajgelbaum et al. 2020: a 2.6%→16.6% tariff cut imports ~32% within the year,
    /// 0.7 of θ = 4).
    /// </summary>
    [ParameterRange(0, 20)]
    public double ShortRunTradeElasticity { get; init; } = 2.0;

    /// <summary>Tariff pass-through to the importer's prices (Amiti, Redding &amp; Weinstein 2019: complete).</summary>
    [ParameterRange(0, 1)]
    public double TariffPassThrough { get; init; } = 1.0;

    /// <summary>Percentage change of the oil price per 1% of world supply lost (Kilian &amp; Murphy 2014; Baumeister &amp; Hamilton 2019; Caldara et al. 2019: 2–4).</summary>
    [ParameterRange(0, 20)]
    public double OilPriceFlexibility { get; init; } = 3.0;

    /// <summary>
    /// How many times as much the price responds to the same imbalance in a market whose cushion against shocks is
    /// spent (<see cref="GlobalState.OilTightness"/> 1) as in a normal one: 2. Pierru, Smith &amp; Zamrik ("OPEC's impact
    /// on oil price volatility: the role of spare capacity", The Energy Journal 39(2), 2018) find that OPEC's use of its
    /// spare capacity to offset shocks to demand and supply reduced the oil price's volatility from September 2001 to
    /// October 2014 "perhaps by as much as half": without that buffer the same shocks would have moved the price up to
    /// twice as much. DiploSim reads <see cref="OilPriceFlexibility"/> as the flexibility of a market that has the buffer,
    /// so a market without it gets up to twice that flexibility (the log price moves twice as far, as a halved volatility
    /// of price changes implies); the factor takes the top of that range, for a market with no buffer at all, and a partly
    /// tight market (<see cref="GlobalState.OilTightness"/> between 0 and 1) lies in between, in proportion (DiploSim's
    /// choice: the paper gives no figure for a partly spent buffer).
    /// A constant, not a scalar parameter: the hash takes in every scalar parameter, and a new one would change the hash
    /// of every world, tight or not.
    /// </summary>
    public const double OilTightMarketFactor = 2.0;

    /// <summary>
    /// The share of what an announced tariff is expected to cut from a flow in its first year that importers buy ahead
    /// in each turn before it lands (<see cref="TariffAnnouncement"/>): 0.5. Cook, Dzholos &amp; Matschke ("Did Importers
    /// Try to Front-Run Recent Tariffs on China?", Federal Reserve Bank of Kansas City, Economic Bulletin, 17 January
    /// 2025): after the US announced in May 2024 that its tariff on Chinese EV batteries would rise from 7.5% to 25%
    /// (implemented on 27 September 2024), "imports from China increased by 15 percent for EV batteries, which are
    /// difficult to substitute". The model's first year cuts such a flow by 26% (1 − (1.25/1.075)^−θ_SR with
    /// <see cref="ShortRunTradeElasticity"/> 2), so the rise is 0.58 of that cut; DiploSim takes a half, rounding down
    /// because goods that are hard to substitute are the ones importers bring forward most. No estimate was found for
    /// the 2018–19 lists themselves. A constant, not a scalar parameter: the hash takes in every scalar parameter, and a
    /// new one would change the hash of every world, announced tariffs or not.
    /// </summary>
    public const double FrontRunShare = 0.5;

    /// <summary>
    /// Years in which other producers and demand make up half of a supply shock, so the price returns half-way
    /// (Kilian 2009: the price response to a supply disruption is transitory, mostly gone within a year;
    /// Baumeister &amp; Hamilton 2019: supply elasticity rises over the following year). Demand the market has yet to
    /// meet (<see cref="GlobalState.DemandShock"/>) is met at the same pace, by producers and by demand giving way.
    /// Supply lost to sanctions is not a shock: it stays off the market for as long as the sanctions do.
    /// </summary>
    [ParameterRange(0.05, 100)]
    public double OilShockHalfLife { get; init; } = 1.0;

    /// <summary>
    /// Years in which the market gives up half of a supply loss it expected and did not see: in March and April 2022
    /// the IEA expected about 3 mb/d of Russian output to be shut in from April or May (Oil Market Reports); Russia's
    /// output and exports held up, and by the second half of the year the price was falling back (EIA, Today in Energy,
    /// 4 January 2023). Half in two quarters is DiploSim's reading of that year.
    /// </summary>
    [ParameterRange(0.05, 100)]
    public double OilExpectationHalfLife { get; init; } = 0.5;

    /// <summary>Share of energy exports lost to sanctions that finds other buyers (Russian crude to India and China, 2022–24).</summary>
    [ParameterRange(0, 1)]
    public double EnergyDiversion { get; init; } = 0.6;

    /// <summary>Share of other exports lost to sanctions that finds other buyers.</summary>
    [ParameterRange(0, 1)]
    public double GoodsDiversion { get; init; } = 0.3;

    /// <summary>Discount at which diverted energy is sold, fraction of the world price.</summary>
    [ParameterRange(0, 1)]
    public double DivertedEnergyDiscount { get; init; } = 0.10;

    /// <summary>Trade kept under each sanction level in the trade domain (EU imports from Russia −87%, 2022-Q2 to 2024-Q2, Eurostat).</summary>
    public ImmutableArray<double> TradeSanctionRetention { get; init; } = [1.0, 0.85, 0.5, 0.12];

    /// <summary>Trade kept under each sanction level in the energy domain (energy sector only) and the technology domain (technology and defence).</summary>
    public ImmutableArray<double> SectorSanctionRetention { get; init; } = [1.0, 0.8, 0.4, 0.1];

    /// <summary>Share of dollar-settled trade lost under each level of financial sanctions.</summary>
    public ImmutableArray<double> FinanceSanctionSeverity { get; init; } = [0.0, 0.1, 0.3, 0.6];

    /// <summary>Elasticity of flows to trust: a flow scales by exp(k·Δtrust/100) with the pair's mean trust.</summary>
    [ParameterRange(0, 2)]
    public double TrustTradeEffect { get; init; } = 0.2;

    /// <summary>
    /// Lift of non-energy exports at full export-promotion capacity: what promotion can add at most, so each dollar
    /// invested adds less as the capacity fills (DiploSim's choice; Lederman, Olarreaga &amp; Payton 2010 find strongly
    /// diminishing returns to export promotion budgets).
    /// </summary>
    [ParameterRange(0, 1)]
    public double ExportPromotionEffect { get; init; } = 0.3;

    /// <summary>
    /// Yearly non-energy exports a dollar invested in export promotion adds once trade has adjusted (while the
    /// capacity is below full). 3: with <see cref="ExportMultiplier"/> 0.5 each dollar then gives 1.5 dollars of yearly
    /// output, the return of public investment in advanced economies four years after a push (IMF, World Economic
    /// Outlook, October 2014, chapter 3: 1% of GDP invested raises output 0.4% in the same year and 1.5% four years
    /// on). It is far below the 40 dollars of exports per budget dollar of the median export promotion agency
    /// (Lederman, Olarreaga &amp; Payton, "Export promotion agencies: what works and what doesn't", the 2007 revision
    /// of World Bank policy research working paper 4044; 15 dollars on average in Olarreaga, Sperlich &amp; Trachsel
    /// 2015), whose returns diminish steeply with the budget (Lederman, Olarreaga &amp; Payton 2010), and an investment
    /// of 0.1% of GDP is a far larger sum than an agency's budget.
    /// </summary>
    [ParameterRange(0, 50)]
    public double ExportPromotionReturn { get; init; } = 3.0;

    /// <summary>
    /// Output lost at once per dollar invested in a capacity: the excess burden of the taxes that pay for it.
    /// Between Browning (1976: 9–16 cents per dollar of US labour-income tax) and the 25 cents the US Office of
    /// Management and Budget tells its analysts to use (Circular A-94).
    /// </summary>
    [ParameterRange(0, 2)]
    public double InvestmentCost { get; init; } = 0.2;

    /// <summary>Trade lift between the parties of a strategic partnership.</summary>
    [ParameterRange(0, 0.5)]
    public double PartnershipTradeEffect { get; init; } = 0.02;

    /// <summary>Trade lift between the parties of a fully built connectivity corridor (lower transport costs).</summary>
    [ParameterRange(0, 0.5)]
    public double CorridorTradeEffect { get; init; } = 0.08;

    /// <summary>
    /// Years over which a free-trade agreement lowers its parties' tariffs to its ceiling, in equal steps each turn
    /// (0: at once). EU–Korea (2011) removed almost all duties within five years; GATT's understanding on Article
    /// XXIV allows ten.
    /// </summary>
    [ParameterRange(0, 20)]
    public double FreeTradePhaseInYears { get; init; } = 5;

    /// <summary>
    /// Lift of the `other` flows (where travel and tourism are counted) between the parties of a visa facilitation
    /// agreement.
    /// </summary>
    [ParameterRange(0, 0.5)]
    public double VisaServicesEffect { get; init; } = 0.03;

    /// <summary>Turns a corridor, a co-production line or a civil nuclear programme takes to build.</summary>
    [ParameterRange(1, 100)]
    public int BuildTurns { get; init; } = 8;

    /// <summary>Export multiplier on GDP: output gained per dollar of extra foreign demand.</summary>
    [ParameterRange(0, 3)]
    public double ExportMultiplier { get; init; } = 0.5;

    /// <summary>
    /// Gains from imports (cheaper inputs, variety) per dollar of change in imports. Import compression does
    /// not raise output: tariffs cost the importer (Amiti, Redding &amp; Weinstein 2019; Fajgelbaum et al. 2020).
    /// </summary>
    [ParameterRange(0, 1)]
    public double ImportGain { get; init; } = 0.15;

    /// <summary>GDP cost per unit of change in the energy import bill.</summary>
    [ParameterRange(0, 3)]
    public double EnergyBillCost { get; init; } = 0.5;

    /// <summary>GDP cost per unit of change in tariffs paid by one's own consumers (the deadweight part of the transfer).</summary>
    [ParameterRange(0, 1)]
    public double TariffCostWeight { get; init; } = 0.3;

    /// <summary>GDP cost of comprehensive financial sanctions at full dollar exposure, fraction of GDP.</summary>
    [ParameterRange(0, 0.2)]
    public double FinanceSanctionGdpCost { get; init; } = 0.02;

    /// <summary>Chance per turn that a due delivery from a seller under comprehensive technology sanctions slips.</summary>
    [ParameterRange(0, 1)]
    public double SanctionSlipChance { get; init; } = 0.45;

    /// <summary>Fraction of the gap to its baseline that trust closes each turn.</summary>
    [ParameterRange(0, 1)]
    public double TrustDecay { get; init; } = 0.05;

    /// <summary>Scale of third-party reactions: a's trust in b falls by this much when b deepens ties with a's rival of trust −100.</summary>
    [ParameterRange(0, 50)]
    public double ThirdPartyEffect { get; init; } = 4.0;

    /// <summary>Trust lost by the other parties each turn an agreement is found in breach.</summary>
    [ParameterRange(0, 100)]
    public double BreachPenalty { get; init; } = 8.0;

    /// <summary>Stability points per percentage point of growth above or below trend (annualised).</summary>
    [ParameterRange(0, 10)]
    public double StabilityGrowthEffect { get; init; } = 0.8;

    /// <summary>Stability points lost per percentage point of GDP added to the energy and tariff bills.</summary>
    [ParameterRange(0, 20)]
    public double StabilityPriceEffect { get; init; } = 2.0;

    /// <summary>Scale of the bots' seeded noise (multiplies each doctrine's temperature).</summary>
    [ParameterRange(0, 10)]
    public double BotTemperature { get; init; } = 1.0;

    /// <summary>Utility a bot requires per point of political capital before it spends it.</summary>
    [ParameterRange(0, 1)]
    public double BotCapitalPrice { get; init; } = 0.01;

    /// <summary>
    /// The worth to a bot of next year's gain against this year's, by which it discounts a slow move's stream of
    /// gains: 0.9, a 10% discount rate, the low end of the 10–12% the World Bank long appraised public projects at.
    /// At 0 only the turn a move is made counts, as if the bot looked one turn ahead.
    /// </summary>
    [ParameterRange(0, 0.99)]
    public double BotYearlyDiscount { get; init; } = 0.9;

    /// <summary>
    /// Turns a bot resolves to judge a slow move: the turn it is made and those after it in which no one moves; the
    /// last one's gain is held for the rest of the run. 3 (DiploSim's choice): each turn more costs a resolution per
    /// slow candidate. An agreement that is built or phased in is looked at <see cref="BuildTurns"/> turns more.
    /// </summary>
    [ParameterRange(1, 20)]
    public int BotLookTurns { get; init; } = 3;

    /// <summary>
    /// Slow candidates a bot judges over <see cref="BotLookTurns"/> in a budget turn, those with the best first turn
    /// first (DiploSim's choice, 2, for the time a turn takes); 0 plays no slow move of its own.
    /// </summary>
    [ParameterRange(0, 20)]
    public int BotSlowLooks { get; init; } = 2;

    /// <summary>
    /// Budget turns a year in which a bot weighs slow moves (every <c>turnsPerYear / BotBudgetsPerYear</c> turns, at
    /// least every turn), staggered by actor: 1, as governments weigh long programmes in their yearly budgets.
    /// </summary>
    [ParameterRange(1, 52)]
    public int BotBudgetsPerYear { get; init; } = 1;

    private static readonly System.Reflection.PropertyInfo[] Scalars =
        typeof(ModelParameters).GetProperties()
            .Where(p => p.PropertyType == typeof(double) || p.PropertyType == typeof(int))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();

    private static readonly ImmutableArray<ParameterRange> ScalarRanges =
        [.. Scalars.Select(p => p.GetCustomAttributes(typeof(ParameterRangeAttribute), false) is [ParameterRangeAttribute a, ..]
            ? new ParameterRange(a.Min, a.Max, p.PropertyType == typeof(int))
            : throw new InvalidOperationException($"model parameter {p.Name} has no [ParameterRange]"))];

    /// <summary>The scalar parameters by name (PascalCase, ordinal order), for scenario overrides and batch sweeps.</summary>
    public static IReadOnlyList<string> ScalarNames { get; } = Scalars.Select(p => p.Name).ToArray();

    /// <summary>Every scalar parameter's value, in <see cref="ScalarNames"/> order.</summary>
    public IEnumerable<double> ScalarValues() => Scalars.Select(p => Convert.ToDouble(p.GetValue(this), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The parameter a name means, matched without regard to case (<c>tradeElasticity</c>, <c>TradeElasticity</c> and
    /// <c>TRADEELASTICITY</c> are one parameter), as its <see cref="ScalarNames"/> spelling; null if there is none.
    /// </summary>
    public static string? CanonicalName(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : ScalarNames[index];
    }

    /// <summary>The values a scalar parameter may take (matched without regard to case), or null for an unknown name.</summary>
    public static ParameterRange? RangeOf(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : ScalarRanges[index];
    }

    /// <summary>Reads a scalar parameter by name (case-insensitive), or null if there is none.</summary>
    public double? Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : Convert.ToDouble(Scalars[index].GetValue(this), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Returns a copy with one scalar parameter set (name matched without regard to case), or an error if the name is
    /// unknown or the value lies outside the parameter's <see cref="RangeOf">range</see> (or is not whole for a count).
    /// </summary>
    public Result<ModelParameters> With(string name, double value)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return Result<ModelParameters>.Fail($"unknown model parameter '{name}'; known: {string.Join(", ", ScalarNames)}");
        }

        var range = ScalarRanges[index];
        if (range.Check(value) is { } problem)
        {
            return Result<ModelParameters>.Fail($"model parameter {ScalarNames[index]} {problem}");
        }

        var property = Scalars[index];
        var copy = this with { };
        property.SetValue(copy, range.Whole ? (object)(int)value : value);
        return Result<ModelParameters>.Ok(copy);
    }

    /// <summary>Every scalar parameter that lies outside its range, as messages; empty when all are valid.</summary>
    public ImmutableArray<string> Problems()
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        var values = ScalarValues().ToArray();
        for (var i = 0; i < Scalars.Length; i++)
        {
            if (ScalarRanges[i].Check(values[i]) is { } problem)
            {
                problems.Add($"model parameter {ScalarNames[i]} {problem}");
            }
        }

        return problems.ToImmutable();
    }

    private static int IndexOf(string name) =>
        Array.FindIndex(Scalars, p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The values a model parameter may take: from <paramref name="Min"/> to <paramref name="Max"/>, inclusive; whole numbers only when <paramref name="Whole"/>.</summary>
/// <remarks>
/// The ranges keep the model finite (no division by a zero elasticity or build time, no trust that overshoots its
/// baseline) and wide enough for any sensitivity study the literature supports; docs/model.md lists them.
/// </remarks>
public sealed record ParameterRange(double Min, double Max, bool Whole)
{
    /// <summary>Why <paramref name="value"/> is not allowed (e.g. <c>must be from 0 to 1 (found 5)</c>), or null if it is.</summary>
    public string? Check(double value) =>
        !double.IsFinite(value) || value < Min || value > Max || (Whole && value != Math.Floor(value))
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must be {this} (found {value})")
            : null;

    /// <summary>The range in words: <c>from 0.5 to 20</c>, or <c>a whole number from 1 to 100</c>.</summary>
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"{(Whole ? "a whole number " : "")}from {Min} to {Max}");
}

/// <summary>Declares the range of a model parameter beside the parameter; read by <see cref="ModelParameters.RangeOf"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParameterRangeAttribute(double min, double max) : Attribute
{
    public double Min => min;

    public double Max => max;
}
