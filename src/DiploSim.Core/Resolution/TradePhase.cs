using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>
/// Phase 4: every flow moves towards a target given by a constant-elasticity (gravity) response to the
/// tariff-inclusive price, cut by sanctions, lifted by agreements and (goods, not energy) trust, with partial
/// adjustment. Trade lost to sanctions partly diverts to partners that do not sanction.
/// </summary>
internal static class TradePhase
{
    /// <summary>Barrels a day of 1 mb/d, times 365 days and 1e-3 (USD bn per USD/bbl): value = mb/d · price · this.</summary>
    public const double MbdToBnPerDollar = 0.365;

    /// <summary>The share λ of the gap to its long-run level that a flow closes in one turn.</summary>
    internal static double AdjustmentPerTurn(ModelParameters p, int turnsPerYear)
    {
        var firstYear = Math.Clamp(p.ShortRunTradeElasticity / p.TradeElasticity, 0, 1);
        return 1 - Math.Pow(1 - firstYear, 1.0 / Math.Max(1, turnsPerYear));
    }

    public static void Apply(WorldDraft draft, TurnJournal journal)
    {
        Seasons.Remove(draft);
        PurchaseHalts.Release(draft);
        FrontRunning.Release(draft);
        var n = draft.N;
        var p = draft.Parameters;
        var size = n * n * Domain.SectorCount;
        Span<double> targets = size <= MaxOnStack ? stackalloc double[size] : new double[size];
        Span<double> lost = n * Domain.SectorCount <= MaxOnStack ? stackalloc double[n * Domain.SectorCount] : new double[n * Domain.SectorCount];
        using var pairs = new PairFactors(draft);
        Span<double> retentions = stackalloc double[4];

        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (a == b)
                {
                    continue;
                }

                var r = draft.Rel(a, b);
                PairRetention(draft, a, b, retentions);
                for (var s = 0; s < Domain.SectorCount; s++)
                {
                    var x0 = r.Reference.Exports[s];
                    var target = 0.0;
                    if (x0 > 0)
                    {
                        var retention = retentions[SectorClass(s)];
                        var factor = PolicyFactor(draft, pairs, a, b, s, retention);
                        // A flow calibrated where the policy factor was zero keeps its turn-0 level (no ratio to take).
                        var reference = r.Reference.PolicyFactor[s];
                        target = reference > 0 ? x0 * factor / reference : x0;
                        var retention0 = r.Reference.SanctionRetention[s];
                        if (retention != retention0)
                        {
                            lost[(a * Domain.SectorCount) + s] += target * ((retention0 / retention) - 1);
                        }
                    }

                    targets[Index(n, a, b, s)] = target;
                }
            }
        }

        Divert(draft, targets, lost, journal);
        Span<double> contracted = n * n <= MaxOnStack ? stackalloc double[n * n] : new double[n * n];
        contracted.Clear();
        ContractedEnergy(draft, targets, contracted);
        var purchased = draft.Purchases.Count == 0 ? null : PurchasedGoods(draft, targets, contracted);

        // Partial adjustment in logs: the first year closes θ_SR/θ_LR of the gap, so the response after a year
        // has the short-run elasticity, and the gap keeps closing at that rate: a turn closes λ of it, with
        // (1 − λ)^turnsPerYear = 1 − θ_SR/θ_LR.
        var lambda = AdjustmentPerTurn(p, draft.Source.TurnsPerYear);
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (a == b)
                {
                    continue;
                }

                var r = draft.Rel(a, b);
                var exports = draft.NewExports();
                for (var s = 0; s < Domain.SectorCount; s++)
                {
                    var x = r.Exports[s];
                    var target = Math.Max(0, targets[Index(n, a, b, s)]);
                    exports[s] = x == target ? x
                        : x > 1e-9 && target > 1e-9 ? x * Math.Exp(lambda * Math.Log(target / x))
                        : x + (lambda * (target - x));
                }

                // Contracted crude is a purchase, not a response to prices: it flows from the quarter it is bought.
                exports[(int)Sector.Energy] = Math.Max(exports[(int)Sector.Energy], contracted[(a * n) + b]);
                if (purchased is not null)
                {
                    for (var s = 0; s < Domain.SectorCount; s++)
                    {
                        exports[s] = Math.Max(exports[s], purchased[Index(n, a, b, s)]);
                    }
                }

                draft.SetRel(a, b, r with { Exports = ImmutableCollectionsMarshal.AsImmutableArray(exports) });
            }
        }

        FrontRunning.Hold(draft);
        PurchaseHalts.Hold(draft);
        Seasons.Apply(draft);
    }

    /// <summary>Working arrays of at most this many numbers (a world of up to 16 actors) live on the stack.</summary>
    private const int MaxOnStack = 1024;

    private static int Index(int n, int a, int b, int s) => (((a * n) + b) * Domain.SectorCount) + s;

    /// <summary>
    /// Factors of the trade-policy factor that are shared by every sector of a pair, computed once per turn:
    /// agreements, trust (goods only), secondary-sanction threats and demand. Its arrays are rented from the shared pool, since a
    /// bot's look-ahead resolves dozens of turns for each one played; dispose of it to return them.
    /// </summary>
    internal sealed class PairFactors : IDisposable
    {
        public PairFactors(WorldDraft draft)
        {
            var n = draft.N;
            var p = draft.Parameters;
            Common = ArrayPool<double>.Shared.Rent(n * n);
            Ties = ArrayPool<double>.Shared.Rent(n * n);
            Services = ArrayPool<double>.Shared.Rent(n * n);
            Array.Fill(Services, 1.0);
            Routes = ArrayPool<double>.Shared.Rent(n * n);
            Array.Fill(Routes, 1.0);
            Demand = ArrayPool<double>.Shared.Rent(n);
            EnergyDemand = ArrayPool<double>.Shared.Rent(n);
            _tariffs = ArrayPool<double>.Shared.Rent(TariffsRemembered);
            _tariffFactors = ArrayPool<double>.Shared.Rent(TariffsRemembered);
            for (var b = 0; b < n; b++)
            {
                var importer = draft.Actors[b];
                Demand[b] = importer.Gdp / importer.Reference.Gdp;
                EnergyDemand[b] = Math.Sqrt(Demand[b]);
            }

            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    if (a == b)
                    {
                        continue;
                    }

                    // Trust lifts the goods a pair trades; crude goes by tanker to whoever pays the world price, so a
                    // government's trust in its supplier does not make it burn more (model version 12).
                    var meanTrust = (draft.Rel(a, b).Trust + draft.Rel(b, a).Trust) / 2;
                    Ties[(a * n) + b] = Math.Exp(p.TrustTradeEffect * meanTrust / 100);
                    var factor = 1.0;

                    // Secondary-sanction threats: buyers who settle in dollars with the threatener buy less from the target.
                    for (var d = 0; d < n; d++)
                    {
                        if (d != a && d != b && draft.Rel(d, a).SecondaryThreat)
                        {
                            factor *= 1 - (0.2 * draft.Rel(b, d).UsdShare);
                        }
                    }

                    Common[(a * n) + b] = factor;
                }
            }

            foreach (var agreement in draft.Agreements)
            {
                if (agreement is { InForce: true, Kind: AgreementKind.VisaFacilitation })
                {
                    foreach (var x in agreement.Parties)
                    {
                        foreach (var y in agreement.Parties)
                        {
                            var (i, j) = (draft.IndexOf(x), draft.IndexOf(y));
                            if (i != j)
                            {
                                Services[(i * n) + j] *= 1 + p.VisaServicesEffect;
                            }
                        }
                    }
                }

                if (!agreement.InForce || agreement.Kind is not (AgreementKind.StrategicPartnership or AgreementKind.ConnectivityCorridor))
                {
                    continue;
                }

                // A partnership and a corridor carry goods; crude and gas keep to their tankers and pipelines, priced by
                // the world market.
                var (lift, factors) = agreement.Kind == AgreementKind.StrategicPartnership
                    ? (1 + p.PartnershipTradeEffect, Ties)
                    : (1 + (p.CorridorTradeEffect * agreement.Progress), Routes);
                foreach (var x in agreement.Parties)
                {
                    foreach (var y in agreement.Parties)
                    {
                        var (i, j) = (draft.IndexOf(x), draft.IndexOf(y));
                        if (i != j)
                        {
                            factors[(i * n) + j] *= lift;
                        }
                    }
                }
            }
        }

        /// <summary>How many recent tariffs <see cref="TariffFactor"/> remembers.</summary>
        private const int TariffsRemembered = 32;

        private readonly double[] _tariffs;
        private readonly double[] _tariffFactors;
        private int _cached;

        /// <summary>Factor of all a's exports to b, energy included: secondary-sanction threats.</summary>
        public double[] Common { get; }

        /// <summary>Factor of a's exports of goods (every sector but energy) to b from the pair's trust and a strategic partnership.</summary>
        public double[] Ties { get; }

        /// <summary>Factor of a's `other` exports to b from visa facilitation: travel, tourism and the services that go with them.</summary>
        public double[] Services { get; }

        /// <summary>Factor of a's exports to b of everything but energy from the transport corridors between them, as they are built.</summary>
        public double[] Routes { get; }

        /// <summary>(1+τ)^−θ; tariffs repeat across flows, so recent values are remembered.</summary>
        public double TariffFactor(double tariff, double elasticity)
        {
            for (var i = 0; i < _cached; i++)
            {
                if (_tariffs[i] == tariff)
                {
                    return _tariffFactors[i];
                }
            }

            var factor = Math.Pow(1 + tariff, -elasticity);
            if (_cached < TariffsRemembered)
            {
                _tariffs[_cached] = tariff;
                _tariffFactors[_cached++] = factor;
            }

            return factor;
        }

        /// <summary>Importer's demand relative to turn 0 (income elasticity one).</summary>
        public double[] Demand { get; }

        /// <summary>Importer's energy demand relative to turn 0 (income elasticity one half).</summary>
        public double[] EnergyDemand { get; }

        public void Dispose()
        {
            foreach (var array in (ReadOnlySpan<double[]>)[Common, Ties, Services, Routes, Demand, EnergyDemand, _tariffs, _tariffFactors])
            {
                ArrayPool<double>.Shared.Return(array);
            }
        }
    }

    /// <summary>
    /// The trade-policy factor of a's exports to b in sector s. A flow's target is its turn-0 value times
    /// this factor over its turn-0 value, so only changes since calibration move trade.
    /// </summary>
    public static double PolicyFactor(WorldDraft draft, PairFactors pairs, int a, int b, int s, double sanctionRetention)
    {
        var p = draft.Parameters;
        var exporter = draft.Actors[a];
        var importer = draft.Actors[b];
        var byImporter = draft.Rel(b, a);

        // Full pass-through: the importer's price rises by the whole tariff; X ∝ (1+τ)^−θ.
        var factor = pairs.TariffFactor(byImporter.Tariffs[s] * p.TariffPassThrough, p.TradeElasticity) * sanctionRetention * pairs.Common[(a * draft.N) + b];

        var sector = (Sector)s;
        if (sector == Sector.Energy)
        {
            // Value follows the oil price; volume follows demand with an income elasticity of one half.
            factor *= draft.Global.OilPrice / draft.Global.ReferenceOilPrice;
            factor *= pairs.EnergyDemand[b];
            factor *= 1 - (0.5 * byImporter.Diversification[(int)DependenceDomain.Energy]);
            if (importer.PriceCapMember && draft.Global.OilPrice > draft.Global.PriceCap && draft.Global.CappedExporters.Contains(exporter.Id))
            {
                factor *= 0.5;
            }
        }
        else
        {
            factor *= pairs.Demand[b];
            factor *= 1 + (p.ExportPromotionEffect * exporter.ExportPromotion);
            factor *= pairs.Routes[(a * draft.N) + b];
            factor *= pairs.Ties[(a * draft.N) + b];
        }

        if (sector == Sector.Other)
        {
            factor *= pairs.Services[(a * draft.N) + b];
        }

        if (sector == Sector.Defence)
        {
            // Floored on both sides, so a seller with no industry at turn 0 is at its reference, not at zero over zero.
            factor *= Math.Max(0.01, exporter.DefenceIndustry) / Math.Max(0.01, exporter.Reference.DefenceIndustry);
            factor *= 1 - (0.5 * byImporter.Diversification[(int)DependenceDomain.Defence]);
        }

        return factor;
    }

    /// <summary>Share of a flow that survives the sanctions either side imposes on the other.</summary>
    public static double SanctionRetention(WorldDraft draft, int a, int b, int s)
    {
        var p = draft.Parameters;
        var exposure = UsdExposure(draft, a, b);
        return Retention(p, draft.Rel(b, a).Sanctions, s, exposure) * Retention(p, draft.Rel(a, b).Sanctions, s, exposure);
    }

    /// <summary>Sectors that sanctions treat alike: energy, technology and defence, industrial, the rest.</summary>
    private static int SectorClass(int s) => (Sector)s switch
    {
        Sector.Energy => 0,
        Sector.Technology or Sector.Defence => 1,
        Sector.Industrial => 2,
        _ => 3,
    };

    /// <summary>Sanctions retention of a's exports to b for each sector class of <see cref="SectorClass"/>.</summary>
    private static void PairRetention(WorldDraft draft, int a, int b, Span<double> retentions)
    {
        retentions[0] = SanctionRetention(draft, a, b, (int)Sector.Energy);
        retentions[1] = SanctionRetention(draft, a, b, (int)Sector.Technology);
        retentions[2] = SanctionRetention(draft, a, b, (int)Sector.Industrial);
        retentions[3] = SanctionRetention(draft, a, b, (int)Sector.Other);
    }

    /// <summary>Dollar-settled share of a–b trade that financial sanctions can reach, lowered by both sides' payment rails.</summary>
    public static double UsdExposure(WorldDraft draft, int a, int b) =>
        draft.Rel(a, b).UsdShare * (1 - (0.25 * (draft.Actors[a].PaymentRails + draft.Actors[b].PaymentRails)));

    private static double Retention(ModelParameters p, ImmutableArray<SanctionLevel> sanctions, int s, double usdExposure)
    {
        var sector = (Sector)s;
        var keep = p.TradeSanctionRetention[(int)sanctions[(int)SanctionDomain.Trade]];
        if (sector == Sector.Energy)
        {
            keep *= p.SectorSanctionRetention[(int)sanctions[(int)SanctionDomain.Energy]];
        }

        var tech = p.SectorSanctionRetention[(int)sanctions[(int)SanctionDomain.Technology]];
        if (sector is Sector.Technology or Sector.Defence)
        {
            keep *= tech;
        }
        else if (sector == Sector.Industrial)
        {
            keep *= Math.Sqrt(tech);
        }

        keep *= 1 - (p.FinanceSanctionSeverity[(int)sanctions[(int)SanctionDomain.Finance]] * usdExposure);
        return keep;
    }

    /// <summary>
    /// Trade lost to sanctions (relative to turn 0) partly finds buyers that do not sanction the exporter,
    /// in proportion to their imports of that sector; crude sold this way carries a discount.
    /// </summary>
    private static void Divert(WorldDraft draft, Span<double> targets, Span<double> lost, TurnJournal journal)
    {
        var n = draft.N;
        var p = draft.Parameters;
        Span<double> weights = n <= MaxOnStack ? stackalloc double[n] : new double[n];
        for (var a = 0; a < n; a++)
        {
            for (var s = 0; s < Domain.SectorCount; s++)
            {
                var loss = lost[(a * Domain.SectorCount) + s];
                if (Math.Abs(loss) < 1e-9)
                {
                    continue;
                }

                var share = s == (int)Sector.Energy ? p.EnergyDiversion : p.GoodsDiversion;
                var total = 0.0;
                for (var c = 0; c < n; c++)
                {
                    weights[c] = 0;
                    if (c == a || SanctionRetention(draft, a, c, s) < 0.999)
                    {
                        continue;
                    }

                    var imports = 0.0;
                    for (var k = 0; k < n; k++)
                    {
                        if (k != c)
                        {
                            imports += draft.Rel(k, c).Exports[s];
                        }
                    }

                    weights[c] = imports;
                    total += imports;
                }

                if (total <= 0)
                {
                    if (s == (int)Sector.Energy && loss > 0)
                    {
                        journal.StrandedOil += loss / (MbdToBnPerDollar * draft.Global.OilPrice);
                    }

                    continue;
                }

                var placed = 0.0;
                for (var c = 0; c < n; c++)
                {
                    if (weights[c] <= 0)
                    {
                        continue;
                    }

                    var extra = Math.Clamp(share * loss * weights[c] / total, -0.6 * weights[c], 0.6 * weights[c]);
                    targets[Index(n, a, c, s)] += extra;
                    placed += extra;
                    if (s == (int)Sector.Energy && extra > 0)
                    {
                        journal.EnergySavings[c] += extra * p.DivertedEnergyDiscount;
                    }
                }

                if (s == (int)Sector.Energy && loss > placed)
                {
                    journal.StrandedOil += (loss - placed) / (MbdToBnPerDollar * draft.Global.OilPrice);
                }
            }
        }
    }

    /// <summary>A contracted energy supply: discounted crude bought from an exporter, or an energy contract.</summary>
    private readonly record struct EnergyDeal(int Seller, int Buyer, double VolumeMbd, double Discount);

    /// <summary>
    /// Every discounted crude purchase and every energy contract in force, buyer by buyer, in a list this thread reuses
    /// (a bot's looks resolve dozens of turns for each one played): read it before the next call.
    /// </summary>
    private static List<EnergyDeal> EnergyDeals(WorldDraft draft)
    {
        var deals = t_deals ??= [];
        deals.Clear();
        for (var buyer = 0; buyer < draft.N; buyer++)
        {
            for (var seller = 0; seller < draft.N; seller++)
            {
                if (buyer != seller && draft.Rel(buyer, seller).Crude is { } deal)
                {
                    deals.Add(new EnergyDeal(seller, buyer, deal.VolumeMbd, deal.Discount));
                }
            }
        }

        foreach (var agreement in draft.Agreements)
        {
            if (agreement is { InForce: true, Kind: AgreementKind.EnergyContract, Terms.EnergyVolumeMbd: { } volume })
            {
                var seller = draft.IndexOf(agreement.Terms.Supplier!);
                foreach (var party in agreement.Parties)
                {
                    var buyer = draft.IndexOf(party);
                    if (buyer != seller)
                    {
                        deals.Add(new EnergyDeal(seller, buyer, volume, agreement.Terms.EnergyDiscount ?? 0));
                    }
                }
            }
        }

        return deals;
    }

    [ThreadStatic]
    private static List<EnergyDeal>? t_deals;

    /// <summary>Crude a deal actually delivers, mb/d: the buyer's own embargo or the seller's cuts it, and so does diversification.</summary>
    private static double Delivered(WorldDraft draft, EnergyDeal deal) => Delivered(draft, deal.VolumeMbd, deal.Seller, deal.Buyer, (int)Sector.Energy);

    /// <summary>
    /// What a purchase of <paramref name="amount"/> in <paramref name="sector"/> actually delivers: the buyer's own
    /// sanctions or the seller's cut it, and so, in energy, does the buyer's diversification away from the seller.
    /// </summary>
    private static double Delivered(WorldDraft draft, double amount, int seller, int buyer, int sector) =>
        amount
        * SanctionRetention(draft, seller, buyer, sector)
        * (sector == (int)Sector.Energy ? 1 - (0.5 * draft.Rel(buyer, seller).Diversification[(int)DependenceDomain.Energy]) : 1);

    /// <summary>
    /// Purchases of goods other than crude (<see cref="GoodsPurchase"/>, model version 15) add up under the flow of their
    /// sector: a pair's coal, pipeline gas and LNG on top of its contracted crude under energy, its fertiliser under
    /// agriculture, each at the unit value its purchase states. The sum holds the flow's long-run target and, from the
    /// quarter bought, the flow itself at least at that value, as crude's contracted value alone does without them.
    /// Unlike crude beyond a pair's target, a good displaces nothing from the buyer's other suppliers: their energy flows
    /// in the scenarios are crude, or crude, gas and coal together, and the coal China bought from Russia grew with its
    /// coal imports from everyone (Russia's share stayed about a quarter in 2023), not instead of them. Returns each flow's
    /// floor, seller to buyer by sector, 0 where the pair bought nothing.
    /// </summary>
    private static double[] PurchasedGoods(WorldDraft draft, Span<double> targets, ReadOnlySpan<double> contracted)
    {
        var n = draft.N;
        var held = new double[n * n * Domain.SectorCount];
        foreach (var purchase in draft.Purchases)
        {
            var (seller, buyer) = (draft.IndexOf(purchase.Seller), draft.IndexOf(purchase.Buyer));
            if (seller >= 0 && buyer >= 0 && seller != buyer)
            {
                var s = (int)purchase.Good.SectorOf();
                held[Index(n, seller, buyer, s)] += Delivered(draft, purchase.Value, seller, buyer, s);
            }
        }

        for (var k = 0; k < held.Length; k++)
        {
            if (held[k] > 0)
            {
                // k is ((seller · n) + buyer) · sectors + sector: crude contracted by the pair counts under its energy.
                if (k % Domain.SectorCount == (int)Sector.Energy)
                {
                    held[k] += contracted[k / Domain.SectorCount];
                }

                targets[k] = Math.Max(targets[k], held[k]);
            }
        }

        return held;
    }

    /// <summary>
    /// Discounted crude purchases and energy contracts hold energy flows at least at their contracted value, in the
    /// long run and in the turn itself; <paramref name="contracted"/> gets each seller–buyer pair's contracted value.
    /// What a deal adds beyond the pair's own target displaces the buyer's energy from its other suppliers, in proportion
    /// to them: a refiner that buys cheaper crude runs it instead of other crude, not on top of it. The other suppliers'
    /// flows fall at the pace of trade (their term contracts run for a year).
    /// </summary>
    private static void ContractedEnergy(WorldDraft draft, Span<double> targets, Span<double> contracted)
    {
        var n = draft.N;
        var energy = (int)Sector.Energy;
        var price = draft.Global.OilPrice;
        foreach (var deal in EnergyDeals(draft))
        {
            var value = Delivered(draft, deal) * MbdToBnPerDollar * price * (1 - deal.Discount);
            var k = Index(n, deal.Seller, deal.Buyer, energy);
            var added = Math.Max(0, value - targets[k]);
            targets[k] = Math.Max(targets[k], value);
            var pair = (deal.Seller * n) + deal.Buyer;
            contracted[pair] = Math.Max(contracted[pair], value);

            if (added > 0)
            {
                var others = 0.0;
                for (var c = 0; c < n; c++)
                {
                    if (c != deal.Seller && c != deal.Buyer)
                    {
                        others += targets[Index(n, c, deal.Buyer, energy)];
                    }
                }

                if (others > 0)
                {
                    var kept = Math.Max(0, 1 - (added / others));
                    for (var c = 0; c < n; c++)
                    {
                        if (c != deal.Seller && c != deal.Buyer)
                        {
                            targets[Index(n, c, deal.Buyer, energy)] *= kept;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Savings of discounted crude for each buyer this turn, USD bn per year.</summary>
    public static void CrudeSavings(WorldDraft draft, TurnJournal journal)
    {
        var price = draft.Global.OilPrice;
        foreach (var deal in EnergyDeals(draft))
        {
            journal.EnergySavings[deal.Buyer] += Delivered(draft, deal) * MbdToBnPerDollar * price * deal.Discount;
        }
    }
}
