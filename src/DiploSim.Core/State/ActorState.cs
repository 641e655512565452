using System.Collections.Immutable;

namespace DiploSim.Core.State;

/// <summary>One actor (a country or a bloc acting as one) and everything the model tracks about it.</summary>
/// <param name="Id">Short code, e.g. <c>IND</c>.</param>
/// <param name="Gdp">Nominal GDP, USD bn per year.</param>
/// <param name="BaselineGdp">GDP on the trend path with no shocks since turn 0 (prosperity is measured against it).</param>
/// <param name="TrendGrowth">Trend real growth, fraction per year (0.065 = 6.5%).</param>
/// <param name="Growth">Growth of the last turn, annualised fraction.</param>
/// <param name="OilProduction">Oil production, mb/d.</param>
/// <param name="OilConsumption">Oil consumption, mb/d.</param>
/// <param name="MilitaryCapability">Military capability index, 0–100.</param>
/// <param name="ArmsImportNeed">Yearly arms-import need, USD bn.</param>
/// <param name="DefenceIndustry">Defence-industrial capacity, 0–1: ability to export and co-produce.</param>
/// <param name="Stability">Domestic approval, 0–100.</param>
/// <param name="Capital">Political capital available this turn.</param>
/// <param name="CapitalPerTurn">Political capital that refills each turn.</param>
/// <param name="CapitalCap">The most political capital an actor can bank.</param>
/// <param name="ExportPromotion">Export-promotion capacity, 0–1 (lifts non-energy exports).</param>
/// <param name="PaymentRails">Domestic payment rails, 0–1 (lowers exposure to dollar-based financial sanctions).</param>
/// <param name="PriceCapMember">Whether the actor enforces the oil price cap on its imports.</param>
/// <param name="Interests">What the actor wants, as weights and relationship goals.</param>
/// <param name="Doctrine">How its bot plays.</param>
/// <param name="Economy">Aggregates of the last turn, kept to compute changes.</param>
/// <param name="Scores">Scores of the last turn.</param>
/// <param name="Reference">Values at turn 0, against which paths are measured.</param>
public sealed record ActorState(
    string Id,
    string Name,
    double Gdp,
    double BaselineGdp,
    double TrendGrowth,
    double Growth,
    double OilProduction,
    double OilConsumption,
    double MilitaryCapability,
    double ArmsImportNeed,
    double DefenceIndustry,
    double Stability,
    int Capital,
    int CapitalPerTurn,
    int CapitalCap,
    double ExportPromotion,
    double PaymentRails,
    bool PriceCapMember,
    Interests Interests,
    Doctrine Doctrine,
    EconomySnapshot Economy,
    ScoreCard Scores,
    ActorReference Reference)
{
    // Also written in place, by the turn's draft in a copy it made itself that turn (WorldDraft.SetMilitaryCapability and
    // SetScores), so an actor that several phases move is copied once a turn. Everywhere else they are a record's.
    private double _militaryCapability = MilitaryCapability;
    private ScoreCard _scores = Scores;

    /// <summary>Military capability index, 0–100.</summary>
    public double MilitaryCapability { get => _militaryCapability; init => _militaryCapability = value; }

    /// <summary>Scores of the last turn.</summary>
    public ScoreCard Scores { get => _scores; init => _scores = value; }

    internal void WriteMilitaryCapability(double capability) => _militaryCapability = capability;

    internal void WriteScores(ScoreCard scores) => _scores = scores;

    /// <summary>Net oil imports, mb/d (negative for an exporter).</summary>
    public double NetOilImports => OilConsumption - OilProduction;

    /// <summary>
    /// Sectors whose tariffs the actor keeps out of its free-trade agreements, as India keeps its sensitive farm goods out
    /// of its TEPA with EFTA, its CETA with the UK and its agreement with the EU: an agreement's ceiling does not lower
    /// the actor's tariffs on them, nor does a tariff on them above the ceiling breach it. From model version 10.
    /// </summary>
    public ImmutableArray<Sector> FreeTradeExclusions { get; init; } = [];

    /// <summary>Whether the actor keeps <paramref name="sector"/> out of its free-trade agreements.</summary>
    public bool KeepsOutOfFreeTrade(int sector) => FreeTradeExclusions.Contains((Sector)sector);

    /// <summary>Whether a tariff on <paramref name="sector"/> (every sector when null) is out of the actor's free-trade agreements: on every sector, only if all are.</summary>
    public bool KeepsOutOfFreeTrade(Sector? sector) =>
        sector is { } one ? FreeTradeExclusions.Contains(one) : FreeTradeExclusions.Length == Domain.SectorCount;
}

/// <summary>Values at turn 0 that later turns are measured against.</summary>
public sealed record ActorReference(double Gdp, double MilitaryCapability, double DefenceIndustry, double Stability, double EnergyExports);

/// <summary>Aggregates of an actor's economy in one turn (USD bn per year).</summary>
public sealed record EconomySnapshot(
    double Exports,
    double Imports,
    double EnergyBill,
    double TariffCost,
    double SanctionCost)
{
    public static readonly EconomySnapshot Empty = new(0, 0, 0, 0, 0);
    public double NetExports => Exports - Imports;
    public double Trade => Exports + Imports;
}

/// <summary>An actor's interests: weights over the five score components and its relationship goals.</summary>
/// <param name="Prosperity">Weight of prosperity.</param>
/// <param name="Security">Weight of security.</param>
/// <param name="EnergySecurity">Weight of energy security.</param>
/// <param name="Autonomy">Weight of strategic autonomy.</param>
/// <param name="Influence">Weight of influence.</param>
/// <param name="GoalsWeight">Weight of closeness to the relationship goals, added to the five (which sum to 1).</param>
/// <param name="Goals">How close the actor wants to be to others, as desired trust.</param>
public sealed record Interests(
    double Prosperity,
    double Security,
    double EnergySecurity,
    double Autonomy,
    double Influence,
    double GoalsWeight,
    ImmutableArray<RelationshipGoal> Goals)
{
    public double WeightSum => Prosperity + Security + EnergySecurity + Autonomy + Influence;
}

/// <summary>A relationship goal: the trust an actor would like to have in another and, optionally, the bilateral trade it aims for (USD bn per year).</summary>
public sealed record RelationshipGoal(string Target, double DesiredTrust, double? TradeTarget = null);

/// <summary>A bot's doctrine: the moves it favours, the lines it will not cross and how it takes risk.</summary>
/// <param name="Favoured">Move kinds the bot considers (others it never plays).</param>
/// <param name="RedLines">Moves it never makes.</param>
/// <param name="RiskAppetite">0–1: how readily it plays hostile moves.</param>
/// <param name="Temperature">Scale of the seeded noise added to its evaluations.</param>
public sealed record Doctrine(
    ImmutableArray<MoveKind> Favoured,
    ImmutableArray<RedLine> RedLines,
    double RiskAppetite,
    double Temperature);

/// <summary>
/// A move a bot will never make: a kind, optionally against one target (null = any), optionally only when it
/// eases (lowers a tariff or a sanction, drops a threat, leaves the price cap), optionally only for one sector's
/// tariffs (India's agricultural protection: never lower the tariffs on farm goods), optionally only for one kind of
/// agreement.
/// </summary>
/// <param name="BeyondAnswer">
/// For tariffs: only a move the target has not answered first. The actor answers tariffs in kind and starts no tariff
/// war: it may raise a tariff on a target up to its reference level plus the largest rise of the target's own tariffs on
/// it over their reference levels, and no further (China's retaliation of 2018–19 and of April 2025). Nor does it start a
/// preference: it may lower a tariff to its reference level less the largest cut of the target's tariffs on it under
/// theirs, and no lower (the rates it charges every WTO member, GATT Article I); an agreement's ceilings still lower them.
/// From model version 8; under version 7 lowering was never across this line.
/// </param>
/// <param name="Agreement">
/// For proposals: only an agreement of this kind. On <see cref="MoveKind.ProposeAgreement"/> the line bars proposing it
/// (to the target, if one is named), on <see cref="MoveKind.AnswerProposal"/> accepting it (refusing it stays open),
/// on <see cref="MoveKind.CounterProposal"/> countering with it (the United States proposes and accepts no visa
/// facilitation: its 2025 H-1B fee of USD 100,000 and visa integrity fee).
/// </param>
public sealed record RedLine(MoveKind Kind, string? Target = null, bool OnlyEasing = false, Sector? Sector = null, bool BeyondAnswer = false, AgreementKind? Agreement = null);

/// <summary>The components of an actor's utility, each 0–100, and the utility itself.</summary>
public sealed record ScoreCard(
    double Prosperity,
    double Security,
    double EnergySecurity,
    double Autonomy,
    double Influence,
    double Goals,
    double Utility)
{
    public static readonly ScoreCard Empty = new(0, 0, 0, 0, 0, 0, 0);
}
