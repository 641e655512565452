using System.Collections.Immutable;
using DiploSim.Core.Resolution;
using DiploSim.Core.State;

namespace DiploSim.Core.Worlds;

/// <summary>What a scenario says about one actor at turn 0; the builder derives the rest.</summary>
public sealed record ActorSpec(
    string Id,
    string Name,
    double Gdp,
    double TrendGrowth,
    double OilProduction,
    double OilConsumption,
    double MilitaryCapability,
    double ArmsImportNeed,
    double DefenceIndustry,
    double Stability,
    Interests Interests,
    Doctrine Doctrine,
    int CapitalPerTurn = 5,
    int CapitalCap = 10,
    bool PriceCapMember = false,
    double ExportPromotion = 0,
    double PaymentRails = 0,
    ImmutableArray<Sector> FreeTradeExclusions = default);

/// <summary>
/// Builds a calibrated turn-0 world: actors, directed relations, agreements, deliveries, blocs and the
/// global state. <see cref="Build"/> checks what it was given and records every turn-0 reference the
/// model measures change against, so that with no moves and no shocks nothing jumps.
/// </summary>
public sealed class WorldBuilder
{
    private readonly List<ActorSpec> _actors = [];
    private readonly Dictionary<(string From, string To), RelationDraft> _relations = [];
    private readonly List<Agreement> _agreements = [];
    private readonly List<ArmsDelivery> _deliveries = [];
    private readonly SortedDictionary<string, ImmutableArray<string>> _blocs = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ImmutableArray<string>> _routes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(Sector Sector, string Exporter, string Importer), FlowSeason> _seasons = new(SeasonOrder.Instance);
    private readonly List<string> _errors = [];
    private GlobalSpec _global = new(65, 103, 30, 47.6, [], "USA");
    private ModelParameters _parameters = new();
    private int _startYear = 2025;
    private int _startQuarter = 4;
    private int _turnsPerYear = 4;
    private ulong _seed = 1;

    /// <summary>Global figures at turn 0; <paramref name="OilTightness"/> is the oil market's (<see cref="GlobalState.OilTightness"/>, 0 to 1).</summary>
    public sealed record GlobalSpec(double OilPrice, double OilSupply, double Tension, double PriceCap, ImmutableArray<string> CappedExporters, string ReserveIssuer, double OilTightness = 0);

    private sealed class RelationDraft
    {
        public double[] Exports { get; } = new double[Domain.SectorCount];
        public double[] Tariffs { get; } = new double[Domain.SectorCount];

        /// <summary>The tariffs in force when the flows were measured; the tariffs themselves unless a scenario says otherwise.</summary>
        public double[] MeasuredTariffs { get; } = new double[Domain.SectorCount];
        public SanctionLevel[] Sanctions { get; } = new SanctionLevel[Domain.SanctionDomainCount];
        public double Trust { get; set; }
        public double ArmsShare { get; set; }
        public double? UsdShare { get; set; }
        public bool SecondaryThreat { get; set; }
        public CrudeDeal? Crude { get; set; }
    }

    public WorldBuilder Calendar(int startYear, int startQuarter, int turnsPerYear)
    {
        (_startYear, _startQuarter, _turnsPerYear) = (startYear, startQuarter, turnsPerYear);
        return this;
    }

    public WorldBuilder Seed(ulong seed)
    {
        _seed = seed;
        return this;
    }

    public WorldBuilder Parameters(ModelParameters parameters)
    {
        _parameters = parameters;
        return this;
    }

    public WorldBuilder Global(GlobalSpec global)
    {
        _global = global;
        return this;
    }

    public WorldBuilder Actor(ActorSpec actor)
    {
        _actors.Add(actor);
        return this;
    }

    /// <summary>Exports of <paramref name="from"/> to <paramref name="to"/> in one sector, USD bn per year.</summary>
    public WorldBuilder Exports(string from, string to, Sector sector, double value)
    {
        Rel(from, to).Exports[(int)sector] = value;
        return this;
    }

    /// <summary>Exports by sector in <see cref="Sector"/> order: energy, defence, agriculture, pharma, industrial, technology, other.</summary>
    public WorldBuilder Exports(string from, string to, params double[] bySector)
    {
        if (bySector.Length != Domain.SectorCount)
        {
            _errors.Add($"exports {from}->{to}: expected {Domain.SectorCount} sector values, got {bySector.Length}");
            return this;
        }

        bySector.CopyTo(Rel(from, to).Exports, 0);
        return this;
    }

    /// <summary>
    /// The tariff <paramref name="importer"/> levies on goods from <paramref name="exporter"/> (all sectors when null);
    /// <paramref name="flowsMeasuredAt"/> is the rate in force when the trade figures were measured, if it differed.
    /// </summary>
    public WorldBuilder Tariff(string importer, string exporter, Sector? sector, double rate, double? flowsMeasuredAt = null)
    {
        var relation = Rel(importer, exporter);
        for (var s = 0; s < Domain.SectorCount; s++)
        {
            if (sector is null || (int)sector == s)
            {
                relation.Tariffs[s] = rate;
                relation.MeasuredTariffs[s] = flowsMeasuredAt ?? rate;
            }
        }

        return this;
    }

    public WorldBuilder Sanction(string imposer, string target, SanctionDomain domain, SanctionLevel level)
    {
        Rel(imposer, target).Sanctions[(int)domain] = level;
        return this;
    }

    public WorldBuilder SecondaryThreat(string imposer, string target)
    {
        Rel(imposer, target).SecondaryThreat = true;
        return this;
    }

    public WorldBuilder Trust(string from, string to, double trust)
    {
        Rel(from, to).Trust = trust;
        return this;
    }

    /// <summary>Trust both ways.</summary>
    public WorldBuilder Trust(string a, string b, double aInB, double bInA) => Trust(a, b, aInB).Trust(b, a, bInA);

    public WorldBuilder ArmsShare(string buyer, string seller, double share)
    {
        Rel(buyer, seller).ArmsShare = share;
        return this;
    }

    /// <summary>The share of a–b trade settled in dollars (both directions).</summary>
    public WorldBuilder Settlement(string a, string b, double usdShare)
    {
        Rel(a, b).UsdShare = usdShare;
        Rel(b, a).UsdShare = usdShare;
        return this;
    }

    public WorldBuilder Crude(string buyer, string seller, double volumeMbd, double discount)
    {
        Rel(buyer, seller).Crude = new CrudeDeal(volumeMbd, discount);
        return this;
    }

    public WorldBuilder Agreement(string id, AgreementKind kind, IEnumerable<string> parties, AgreementTerms? terms = null, double progress = 1)
    {
        _agreements.Add(new Agreement(id, kind, [.. parties], terms ?? AgreementTerms.None, 0, AgreementStatus.InForce, progress, 0, null));
        return this;
    }

    public WorldBuilder Delivery(string id, string buyer, string seller, string system, double value, int dueTurn, DeliveryStatus status = DeliveryStatus.OnTime)
    {
        _deliveries.Add(new ArmsDelivery(id, buyer, seller, system, value, dueTurn, status));
        return this;
    }

    public WorldBuilder Bloc(string name, params string[] members)
    {
        _blocs[name] = [.. members.Order(StringComparer.Ordinal)];
        return this;
    }

    /// <summary>A route a connectivity corridor can follow between <paramref name="parties"/> (<see cref="CorridorRoute"/>).</summary>
    public WorldBuilder Route(string name, params string[] parties)
    {
        _routes[name] = [.. parties.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        return this;
    }

    /// <summary>
    /// The season of a sector's flows (<see cref="FlowSeason"/>): each quarter's share of the year, Q1 to Q4; with
    /// <paramref name="exporter"/> and <paramref name="importer"/>, of that one flow. Given twice, the second replaces the first.
    /// </summary>
    public WorldBuilder Season(Sector sector, IReadOnlyList<double> shares, string? exporter = null, string? importer = null)
    {
        _seasons[(sector, exporter ?? "", importer ?? "")] = new FlowSeason(sector, [.. shares], exporter, importer);
        return this;
    }

    private RelationDraft Rel(string from, string to)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            _errors.Add($"a relation of {from} to itself");
        }

        if (!_relations.TryGetValue((from, to), out var r))
        {
            r = new RelationDraft();
            _relations[(from, to)] = r;
        }

        return r;
    }

    /// <summary>Checks everything given and returns the calibrated world, or every problem found.</summary>
    public Result<WorldState> Build()
    {
        var errors = new List<string>(_errors);
        var ids = _actors.Select(a => a.Id).ToList();
        foreach (var dup in ids.GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"actor '{dup.Key}' is defined twice");
        }

        if (_actors.Count < 2)
        {
            errors.Add("a world needs at least two actors");
        }

        errors.AddRange(_parameters.Problems());

        var known = new HashSet<string>(ids, StringComparer.Ordinal);
        foreach (var actor in _actors)
        {
            if (!double.IsFinite(actor.Gdp) || actor.Gdp <= 0)
            {
                errors.Add($"{actor.Id}: GDP must be positive");
            }

            if (Math.Abs(actor.Interests.WeightSum - 1) > 1e-6)
            {
                errors.Add($"{actor.Id}: interest weights sum to {actor.Interests.WeightSum:0.###}, not 1");
            }

            foreach (var goal in actor.Interests.Goals.Where(g => !known.Contains(g.Target)))
            {
                errors.Add($"{actor.Id}: relationship goal names unknown actor '{goal.Target}'");
            }
        }

        foreach (var ((from, to), r) in _relations)
        {
            if (!known.Contains(from) || !known.Contains(to))
            {
                errors.Add($"relation {from}->{to} names an unknown actor");
            }

            if (r.Exports.Any(x => !double.IsFinite(x) || x < 0))
            {
                errors.Add($"exports {from}->{to} must be finite and not negative");
            }

            if (r.Tariffs.Concat(r.MeasuredTariffs).Any(x => !double.IsFinite(x) || x < 0 || x > 2))
            {
                errors.Add($"tariffs {from}->{to} must be between 0 and 200%");
            }

            if (r.Trust is < -100 or > 100)
            {
                errors.Add($"trust {from}->{to} must be between -100 and 100");
            }
        }

        foreach (var g in _agreements)
        {
            if (g.Parties.Length < 2 || g.Parties.Any(p => !known.Contains(p)))
            {
                errors.Add($"agreement {g.Id} needs two or more known parties");
            }
        }

        foreach (var d in _deliveries.Where(d => !known.Contains(d.Buyer) || !known.Contains(d.Seller)))
        {
            errors.Add($"delivery {d.Id} names an unknown actor");
        }

        foreach (var (name, members) in _blocs)
        {
            errors.AddRange(members.Where(m => !known.Contains(m)).Select(m => $"bloc {name} names unknown actor '{m}'"));
        }

        foreach (var (name, parties) in _routes)
        {
            errors.AddRange(parties.Where(m => !known.Contains(m)).Select(m => $"route {name} names unknown actor '{m}'"));
            if (parties.Length < 2)
            {
                errors.Add($"route {name} needs two or more parties");
            }
        }

        foreach (var season in _seasons.Values)
        {
            var of = season.Exporter is null ? $"the season of {season.Sector}" : $"the season of {season.Sector} from {season.Exporter} to {season.Importer}";
            errors.AddRange(new[] { season.Exporter, season.Importer }.OfType<string>().Where(m => !known.Contains(m)).Select(m => $"{of} names unknown actor '{m}'"));
            if ((season.Exporter is null) != (season.Importer is null) || (season.Exporter is not null && season.Exporter == season.Importer))
            {
                errors.Add($"{of} needs both an exporter and an importer, two different actors, or neither");
            }

            if (season.Shares.Length != 4 || season.Shares.Any(x => !double.IsFinite(x) || x < SeasonShareAtLeast || x > 1) || Math.Abs(season.Shares.Sum() - 1) > SeasonSumTolerance)
            {
                errors.Add($"{of} needs four shares (Q1 to Q4) from {SeasonShareAtLeast} to 1, summing to 1");
            }
        }

        if (!(_global.OilTightness is >= 0 and <= 1))
        {
            errors.Add($"the oil market's tightness must be from 0 to 1 (found {_global.OilTightness.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }

        if (errors.Count > 0)
        {
            return Result<WorldState>.Fail(string.Join(Environment.NewLine, errors));
        }

        return Result<WorldState>.Ok(Calibrate(Assemble()));
    }

    private WorldState Assemble()
    {
        var actors = _actors.OrderBy(a => a.Id, StringComparer.Ordinal).ToArray();
        var n = actors.Length;
        var relations = new RelationState[n * n];
        ImmutableArray<double> zeros = [.. new double[Domain.SectorCount]];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                _relations.TryGetValue((actors[i].Id, actors[j].Id), out var r);
                _relations.TryGetValue((actors[j].Id, actors[i].Id), out var reverse);
                var exports = i == j || r is null ? zeros : [.. r.Exports];
                relations[(i * n) + j] = new RelationState(
                    actors[i].Id,
                    actors[j].Id,
                    exports,
                    r is null ? zeros : [.. r.Tariffs],
                    r is null ? [.. new SanctionLevel[Domain.SanctionDomainCount]] : [.. r.Sanctions],
                    r?.Trust ?? 0,
                    r?.ArmsShare ?? 0,
                    r?.UsdShare ?? reverse?.UsdShare ?? 0.8,
                    r?.SecondaryThreat ?? false,
                    r?.Crude,
                    [.. new double[Domain.DependenceDomainCount]],
                    [.. new int[Domain.DependenceDomainCount]],
                    new RelationReference(exports, [.. Enumerable.Repeat(1.0, Domain.SectorCount)], [.. Enumerable.Repeat(1.0, Domain.SectorCount)], r?.Trust ?? 0, r is null ? zeros : [.. r.MeasuredTariffs]));
            }
        }

        var states = actors.Select(a => new ActorState(
            a.Id, a.Name, a.Gdp, a.Gdp, a.TrendGrowth, a.TrendGrowth, a.OilProduction, a.OilConsumption,
            a.MilitaryCapability, a.ArmsImportNeed, a.DefenceIndustry, a.Stability,
            a.CapitalPerTurn, a.CapitalPerTurn, a.CapitalCap, a.ExportPromotion, a.PaymentRails, a.PriceCapMember,
            a.Interests, a.Doctrine, EconomySnapshot.Empty, ScoreCard.Empty,
            new ActorReference(a.Gdp, a.MilitaryCapability, a.DefenceIndustry, a.Stability, 0))
        {
            FreeTradeExclusions = a.FreeTradeExclusions.IsDefault ? [] : [.. a.FreeTradeExclusions.Distinct().Order()],
        }).ToArray();

        return new WorldState(
            0,
            _startYear,
            _startQuarter,
            _turnsPerYear,
            [.. states],
            [.. relations],
            [.. _agreements],
            [],
            [.. _deliveries.OrderBy(d => d.Id, StringComparer.Ordinal)],
            new GlobalState(_global.OilPrice, _global.OilPrice, _global.OilSupply, _global.OilSupply, 0, 0, _global.Tension, _global.Tension, _global.PriceCap, _global.CappedExporters, _global.ReserveIssuer, [.. _blocs.Select(b => new Bloc(b.Key, b.Value))])
            {
                Routes = [.. _routes.Select(r => new CorridorRoute(r.Key, r.Value))],
                Seasons = [.. _seasons.Values],
                OilTightness = _global.OilTightness,
            },
            _parameters,
            new Rng(_seed),
            [],
            []);
    }

    /// <summary>The tariff factor of a's exports to b in sector s under the tariff they were measured under, over the one in force.</summary>
    private static double MeasuredTariffFactor(WorldDraft draft, int a, int b, int s)
    {
        var byImporter = draft.Rel(b, a);
        var (measured, current) = (byImporter.Reference.Tariffs[s], byImporter.Tariffs[s]);
        var p = draft.Parameters;
        return measured == current ? 1 : Math.Pow((1 + (measured * p.TariffPassThrough)) / (1 + (current * p.TariffPassThrough)), -p.TradeElasticity);
    }

    /// <summary>
    /// Records the turn-0 references: each flow's policy factor and sanctions retention, each actor's
    /// economy, energy exports and scores, and the dollar's share, all through the resolver's own functions.
    /// A flow measured under another tariff than the one in force has the policy factor of the tariff it was
    /// measured under, so it moves from its measured level towards its level under the tariff in force.
    /// </summary>
    public static WorldState Calibrate(WorldState world)
    {
        var draft = new WorldDraft(world);
        for (var a = 0; a < draft.N; a++)
        {
            var energyExports = 0.0;
            for (var b = 0; b < draft.N; b++)
            {
                energyExports += a != b ? draft.Rel(a, b).Exports[(int)Sector.Energy] : 0;
            }

            var actor = draft.Actors[a];
            draft.Actors[a] = actor with
            {
                Reference = new ActorReference(actor.Gdp, actor.MilitaryCapability, actor.DefenceIndustry, actor.Stability, energyExports),
            };
        }

        var factors = new RelationReference[draft.N * draft.N];
        using var pairs = new TradePhase.PairFactors(draft);
        for (var a = 0; a < draft.N; a++)
        {
            for (var b = 0; b < draft.N; b++)
            {
                var r = draft.Rel(a, b);
                var factor = new double[Domain.SectorCount];
                var retention = new double[Domain.SectorCount];
                for (var s = 0; s < Domain.SectorCount; s++)
                {
                    retention[s] = a == b ? 1 : TradePhase.SanctionRetention(draft, a, b, s);
                    factor[s] = a == b ? 1 : TradePhase.PolicyFactor(draft, pairs, a, b, s, retention[s]) * MeasuredTariffFactor(draft, a, b, s);
                }

                factors[(a * draft.N) + b] = new RelationReference(r.Exports, [.. factor], [.. retention], r.Trust, r.Reference.Tariffs);
            }
        }

        for (var k = 0; k < factors.Length; k++)
        {
            draft.Relations[k] = draft.Relations[k] with { Reference = factors[k] };
        }

        using var journal = TurnJournal.Open(draft.N, 0, writeNews: false);
        TradePhase.CrudeSavings(draft, journal);
        for (var a = 0; a < draft.N; a++)
        {
            draft.Actors[a] = draft.Actors[a] with { Economy = MacroPhase.Measure(draft, a, journal.EnergySavings[a]) };
        }

        double weighted = 0, total = 0;
        foreach (var r in draft.Relations)
        {
            weighted += r.UsdShare * r.TotalExports;
            total += r.TotalExports;
        }

        draft.Global = draft.Global with { DollarShare = total > 0 ? weighted / total : 0 };
        ScoringPhase.Apply(draft);
        return draft.Freeze(world.Turn);
    }

    /// <summary>
    /// The least share of a year a season gives a quarter: a quarter that ships (next to) nothing would leave no yearly
    /// rate to come back to, since a flow's rate is what it shipped over the quarter's multiplier.
    /// </summary>
    public const double SeasonShareAtLeast = 0.001;

    /// <summary>How far a season's four shares may sum from 1 (rounded figures): they are scaled to 1 when applied.</summary>
    public const double SeasonSumTolerance = 0.001;

    /// <summary>Seasons of every pair first, then of one pair; by sector, exporter and importer (ordinal).</summary>
    private sealed class SeasonOrder : IComparer<(Sector Sector, string Exporter, string Importer)>
    {
        public static SeasonOrder Instance { get; } = new();

        public int Compare((Sector Sector, string Exporter, string Importer) x, (Sector Sector, string Exporter, string Importer) y)
        {
            var c = x.Sector.CompareTo(y.Sector);
            c = c != 0 ? c : string.CompareOrdinal(x.Exporter, y.Exporter);
            return c != 0 ? c : string.CompareOrdinal(x.Importer, y.Importer);
        }
    }
}
