using System.Collections.Immutable;

namespace DiploSim.Core.State;

/// <summary>
/// The directed relation from <see cref="From"/> to <see cref="To"/>: what From sends To and
/// what From's policies towards To are. Tariffs and sanctions stored here are levied by From
/// on To; the tariffs on From's exports are in the reverse relation.
/// </summary>
/// <param name="Exports">From's exports to To by <see cref="Sector"/>, USD bn per year.</param>
/// <param name="Tariffs">Tariff rates From levies on goods from To, by sector (0.25 = 25%).</param>
/// <param name="Sanctions">Sanctions From imposes on To, by <see cref="SanctionDomain"/>.</param>
/// <param name="Trust">From's trust in To, −100..100.</param>
/// <param name="ArmsShare">Share of From's arms imports that come from To.</param>
/// <param name="UsdShare">Share of From–To trade settled in US dollars (the rest in national currencies or digital rails).</param>
/// <param name="SecondaryThreat">Whether From threatens secondary sanctions on third parties that deal with To.</param>
/// <param name="Crude">Discounted crude From buys from To, if any.</param>
/// <param name="Diversification">Progress (0–1) of From's diversification away from To, by <see cref="DependenceDomain"/>.</param>
/// <param name="DiversifyingTurns">Turns left of an active diversification drive, by domain.</param>
/// <param name="Reference">Calibration values at turn 0.</param>
public sealed record RelationState(
    string From,
    string To,
    ImmutableArray<double> Exports,
    ImmutableArray<double> Tariffs,
    ImmutableArray<SanctionLevel> Sanctions,
    double Trust,
    double ArmsShare,
    double UsdShare,
    bool SecondaryThreat,
    CrudeDeal? Crude,
    ImmutableArray<double> Diversification,
    ImmutableArray<int> DiversifyingTurns,
    RelationReference Reference)
{
    // Trust and the dollar share are also written in place, by the turn's draft in a copy it made itself that turn
    // (WorldDraft.SetTrust and SetUsdShare), so a relation that several phases move is copied once a turn, not once a
    // phase. No other code writes them: everywhere else they are a record's, set when it is made.
    private double _trust = Trust;
    private double _usdShare = UsdShare;

    /// <summary>From's trust in To, −100..100.</summary>
    public double Trust { get => _trust; init => _trust = value; }

    /// <summary>Share of From–To trade settled in US dollars (the rest in national currencies or digital rails).</summary>
    public double UsdShare { get => _usdShare; init => _usdShare = value; }

    internal void WriteTrust(double trust) => _trust = trust;

    internal void WriteUsdShare(double share) => _usdShare = share;

    public double TotalExports
    {
        get
        {
            var sum = 0.0;
            foreach (var x in Exports)
            {
                sum += x;
            }

            return sum;
        }
    }

    public SanctionLevel Sanction(SanctionDomain domain) => Sanctions[(int)domain];
}

/// <summary>Discounted crude bought from a (usually sanctioned) exporter.</summary>
/// <param name="VolumeMbd">Volume, mb/d.</param>
/// <param name="Discount">Discount to the world price, fraction.</param>
public sealed record CrudeDeal(double VolumeMbd, double Discount);

/// <summary>
/// Calibration of one directed relation at turn 0: the flows and trust then, and the values of the
/// trade-policy factor and of the sanctions' retention then, so a flow's target is its turn-0 value scaled
/// by how far policy has moved since.
/// </summary>
/// <param name="Tariffs">
/// The tariffs a levied on b's goods, by sector, when the turn-0 flows were measured. Where a tariff has changed
/// since (the trade figures of a year before a tariff took effect), the flows start where they were and move
/// towards their level under the tariff in force.
/// </param>
public sealed record RelationReference(
    ImmutableArray<double> Exports,
    ImmutableArray<double> PolicyFactor,
    ImmutableArray<double> SanctionRetention,
    double Trust,
    ImmutableArray<double> Tariffs);
