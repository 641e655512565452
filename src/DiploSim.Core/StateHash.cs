using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using DiploSim.Core.State;

namespace DiploSim.Core;

/// <summary>
/// A stable hash of a world: SHA-256 over a canonical binary encoding of every field in a fixed order,
/// doubles by their exact bits. Equal hashes mean equal states, bit for bit.
/// </summary>
public static class StateHash
{
    private static readonly int AgreementStatuses = Enum.GetValues<AgreementStatus>().Length;

    /// <summary>The state's hash as lower-case hex.</summary>
    /// <remarks>
    /// Every field of <see cref="WorldState"/> and of the records it holds is written, collections with their lengths,
    /// absent values with a marker of their own; StateHashTests walks the state by reflection and fails for a field
    /// that does not change the hash. Changing what is written changes every hash, and so every stored session's
    /// replay check: bump <see cref="ModelVersion.Current"/> with it.
    /// </remarks>
    public static string Compute(WorldState world)
    {
        using var encoded = Encode(world);
        return Convert.ToHexStringLower(SHA256.HashData(encoded.Bytes));
    }

    /// <summary>
    /// How many of the state's numbers are NaN or infinite: zero for any world built from valid input (the tests'
    /// fuzz corpus holds the model to it); a run that finds one has failed.
    /// </summary>
    public static int NonFinite(WorldState world)
    {
        using var encoded = Encode(world);
        return encoded.NonFinite;
    }

    private static Writer Encode(WorldState world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var w = new Writer();
        w.Int(world.Turn);
        w.Int(world.StartYear);
        w.Int(world.StartQuarter);
        w.Int(world.TurnsPerYear);
        w.ULong(world.Rng.State);
        w.Int(world.Actors.Length);
        foreach (var a in world.Actors)
        {
            Actor(w, a);
        }

        w.Int(world.Relations.Length);
        foreach (var r in world.Relations)
        {
            Relation(w, r);
        }

        w.Int(world.Agreements.Length);
        foreach (var g in world.Agreements.OrderBy(g => g.Id, StringComparer.Ordinal))
        {
            w.Str(g.Id);
            w.Int((int)g.Kind);
            w.Strs(g.Parties);
            Terms(w, g.Terms);
            w.Int(g.SignedTurn);

            // A standing breach adds the number of statuses, so the value stays unambiguous and a world with none hashes
            // as before it was recorded.
            w.Int((int)g.Status + (g.InBreach ? AgreementStatuses : 0));
            w.Dbl(g.Progress);
            w.Int(g.Breaches);
            w.OptStr(g.LastBreachedBy);
        }

        w.Int(world.Proposals.Length);
        foreach (var p in world.Proposals.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            w.Str(p.Id);
            w.Str(p.Proposer);
            w.Int((int)p.Kind);
            w.Strs(p.Parties);
            Terms(w, p.Terms);
            w.Int(p.Turn);
            w.Strs([.. p.AcceptedBy.Order(StringComparer.Ordinal)]);
        }

        w.Int(world.Deliveries.Length);
        foreach (var d in world.Deliveries.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            w.Str(d.Id);
            w.Str(d.Buyer);
            w.Str(d.Seller);
            w.Str(d.System);
            w.Dbl(d.Value);
            w.Int(d.DueTurn);
            w.Int((int)d.Status);
        }

        w.Int(world.FiredShocks.Length);
        foreach (var f in world.FiredShocks)
        {
            w.Str(f.ShockId);
            w.Int(f.Turn);
        }

        var contacts = world.Contacts.IsDefault ? [] : world.Contacts;
        w.Int(contacts.Length);
        foreach (var c in contacts)
        {
            w.Int((int)c.Kind);
            w.Str(c.Actor);
            w.Str(c.Other);
            w.Int(c.Turn);
            w.Bool(c.Agreement is not null);
            w.Int(c.Agreement is { } kind ? (int)kind : 0);
            w.Dbl(c.Trust);
        }

        // Written only while a halt is in force (after a tag no other field writes here): a world without one hashes
        // as it did before halts existed.
        var halts = world.PurchaseHalts.IsDefault ? [] : world.PurchaseHalts;
        Tag(w, "purchase-halts", halts.Length);
        foreach (var h in halts)
        {
            w.Str(h.Buyer);
            w.Str(h.Seller);
            w.Int((int)h.Sector);
            w.Dbl(h.Share);
            w.Int(h.UntilTurn);
            w.Dbl(h.Withheld);
        }

        // Likewise written only while a purchase of a good other than crude is in force (model version 15): a world
        // without one hashes as under version 14.
        var purchases = world.Purchases.IsDefault ? [] : world.Purchases;
        Tag(w, "goods-purchases", purchases.Length);
        foreach (var p in purchases)
        {
            w.Str(p.Buyer);
            w.Str(p.Seller);
            w.Int((int)p.Good);
            w.Dbl(p.Volume);
            w.Dbl(p.UnitValue);
        }

        // Written only while an announced tariff is pending or being drawn down (after a tag of its own), so a world
        // without one hashes as under version 14.
        var announced = world.TariffAnnouncements.IsDefault ? [] : world.TariffAnnouncements;
        Tag(w, "tariff-announcements", announced.Length);
        foreach (var a in announced)
        {
            w.Str(a.Importer);
            w.Str(a.Exporter);
            w.Int(a.Sector is { } sector ? (int)sector : -1);
            w.Dbl(a.Rate);
            w.Int(a.EffectiveTurn);
            w.Bool(a.Pending);
            w.Int(a.Turns);
            w.Doubles(a.Stock);
            w.Doubles(a.Moved);
        }

        Global(w, world.Global);

        var scalars = world.Parameters.ScalarValues().ToArray();
        w.Int(scalars.Length);
        foreach (var value in scalars)
        {
            w.Dbl(value);
        }

        w.Doubles(world.Parameters.TradeSanctionRetention);
        w.Doubles(world.Parameters.SectorSanctionRetention);
        w.Doubles(world.Parameters.FinanceSanctionSeverity);

        return w;
    }

    /// <summary>
    /// The tag and length of a list the hash writes only when it has entries, so that a world without any hashes as
    /// it did before the list existed.
    /// </summary>
    private static void Tag(Writer w, string tag, int count)
    {
        if (count > 0)
        {
            w.Str(tag);
            w.Int(count);
        }
    }

    private static void Actor(Writer w, ActorState a)
    {
        w.Str(a.Id);
        w.Str(a.Name);
        w.Dbl(a.Gdp);
        w.Dbl(a.BaselineGdp);
        w.Dbl(a.TrendGrowth);
        w.Dbl(a.Growth);
        w.Dbl(a.OilProduction);
        w.Dbl(a.OilConsumption);
        w.Dbl(a.MilitaryCapability);
        w.Dbl(a.ArmsImportNeed);
        w.Dbl(a.DefenceIndustry);
        w.Dbl(a.Stability);
        w.Int(a.Capital);
        w.Int(a.CapitalPerTurn);
        w.Int(a.CapitalCap);
        w.Dbl(a.ExportPromotion);
        w.Dbl(a.PaymentRails);
        w.Bool(a.PriceCapMember);

        var i = a.Interests;
        w.Dbl(i.Prosperity);
        w.Dbl(i.Security);
        w.Dbl(i.EnergySecurity);
        w.Dbl(i.Autonomy);
        w.Dbl(i.Influence);
        w.Dbl(i.GoalsWeight);
        w.Int(i.Goals.Length);
        foreach (var goal in i.Goals)
        {
            w.Str(goal.Target);
            w.Dbl(goal.DesiredTrust);
            w.OptDbl(goal.TradeTarget);
        }

        var d = a.Doctrine;
        w.Int(d.Favoured.Length);
        foreach (var kind in d.Favoured)
        {
            w.Int((int)kind);
        }

        w.Int(d.RedLines.Length);
        foreach (var line in d.RedLines)
        {
            w.Int(RedLineKind(line));
            w.OptStr(line.Target);
            w.Bool(line.OnlyEasing);
            w.Int(line.Sector is { } sector ? (int)sector : -1);
            w.Bool(line.BeyondAnswer);
        }

        w.Dbl(d.RiskAppetite);
        w.Dbl(d.Temperature);

        // Taken in only when there are some, so that a world without them hashes as it did before version 10.
        if (!a.FreeTradeExclusions.IsEmpty)
        {
            w.Int(-2);
            w.Int(a.FreeTradeExclusions.Length);
            foreach (var sector in a.FreeTradeExclusions)
            {
                w.Int((int)sector);
            }
        }

        w.Dbl(a.Economy.Exports);
        w.Dbl(a.Economy.Imports);
        w.Dbl(a.Economy.EnergyBill);
        w.Dbl(a.Economy.TariffCost);
        w.Dbl(a.Economy.SanctionCost);

        var s = a.Scores;
        w.Dbl(s.Prosperity);
        w.Dbl(s.Security);
        w.Dbl(s.EnergySecurity);
        w.Dbl(s.Autonomy);
        w.Dbl(s.Influence);
        w.Dbl(s.Goals);
        w.Dbl(s.Utility);

        var r = a.Reference;
        w.Dbl(r.Gdp);
        w.Dbl(r.MilitaryCapability);
        w.Dbl(r.DefenceIndustry);
        w.Dbl(r.Stability);
        w.Dbl(r.EnergyExports);
    }

    /// <summary>
    /// A red line's move kind, with its agreement kind, if it has one, above the move's bits: a line without one writes
    /// the move kind alone, as before red lines could name an agreement, so existing doctrines keep their hashes.
    /// </summary>
    private static int RedLineKind(RedLine line) =>
        line.Agreement is { } agreement ? (int)line.Kind | (((int)agreement + 1) << 16) : (int)line.Kind;

    private static void Relation(Writer w, RelationState r)
    {
        w.Str(r.From);
        w.Str(r.To);
        w.Doubles(r.Exports);
        w.Doubles(r.Tariffs);
        w.Int(r.Sanctions.Length);
        foreach (var s in r.Sanctions)
        {
            w.Int((int)s);
        }

        w.Dbl(r.Trust);
        w.Dbl(r.ArmsShare);
        w.Dbl(r.UsdShare);
        w.Bool(r.SecondaryThreat);
        w.Bool(r.Crude is not null);
        if (r.Crude is { } crude)
        {
            w.Dbl(crude.VolumeMbd);
            w.Dbl(crude.Discount);
        }

        w.Doubles(r.Diversification);
        w.Int(r.DiversifyingTurns.Length);
        foreach (var t in r.DiversifyingTurns)
        {
            w.Int(t);
        }

        w.Doubles(r.Reference.Exports);
        w.Doubles(r.Reference.PolicyFactor);
        w.Doubles(r.Reference.SanctionRetention);
        w.Dbl(r.Reference.Trust);
        w.Doubles(r.Reference.Tariffs);
    }

    private static void Global(Writer w, GlobalState g)
    {
        w.Dbl(g.OilPrice);
        w.Dbl(g.ReferenceOilPrice);
        w.Dbl(g.OilSupply);
        w.Dbl(g.ReferenceOilSupply);
        w.Dbl(g.SupplyShock);
        w.Dbl(g.ExpectedSupplyLoss);
        w.Dbl(g.DemandShock);
        w.Dbl(g.DollarShare);
        w.Dbl(g.Tension);
        w.Dbl(g.ReferenceTension);
        w.Dbl(g.PriceCap);
        w.Strs(g.CappedExporters);
        w.Str(g.ReserveIssuer);
        w.Int(g.Blocs.Length);
        foreach (var b in g.Blocs)
        {
            w.Str(b.Name);
            w.Strs(b.Members);
        }

        // Taken in only when there are some, so that a world without them hashes as it did before version 11.
        if (!g.Routes.IsEmpty)
        {
            w.Int(-2);
            w.Int(g.Routes.Length);
            foreach (var r in g.Routes)
            {
                w.Str(r.Name);
                w.Strs(r.Parties);
            }
        }

        // Likewise seasons, from version 13.
        if (!g.Seasons.IsEmpty)
        {
            w.Int(-3);
            w.Int(g.Seasons.Length);
            foreach (var s in g.Seasons)
            {
                w.Int((int)s.Sector);
                w.OptStr(s.Exporter);
                w.OptStr(s.Importer);
                w.Doubles(s.Shares);
            }
        }

        // Likewise the market's tightness, from version 14.
        if (g.OilTightness != 0)
        {
            w.Int(-4);
            w.Dbl(g.OilTightness);
        }
    }

    private static void Terms(Writer w, AgreementTerms t)
    {
        w.OptDbl(t.TariffCeiling);
        w.OptDbl(t.TradeTarget);
        w.OptDbl(t.EnergyVolumeMbd);
        w.OptDbl(t.EnergyDiscount);
        w.OptDbl(t.MaxUsdShare);
        w.OptStr(t.Supplier);
    }

    /// <summary>
    /// The hash of model version 1 (<see cref="ModelVersion"/>), which left out several fields: kept so that turns
    /// logged before version 2 still check on replay. Nothing new is hashed this way.
    /// </summary>
    public static string ComputeVersion1(WorldState world)
    {
        using var w = new Writer();
        w.Int(world.Turn);
        w.Int(world.StartYear);
        w.Int(world.StartQuarter);
        w.Int(world.TurnsPerYear);
        w.ULong(world.Rng.State);
        w.Int(world.Actors.Length);
        foreach (var a in world.Actors)
        {
            w.Str(a.Id);
            w.Str(a.Name);
            w.Dbl(a.Gdp);
            w.Dbl(a.BaselineGdp);
            w.Dbl(a.TrendGrowth);
            w.Dbl(a.Growth);
            w.Dbl(a.OilProduction);
            w.Dbl(a.OilConsumption);
            w.Dbl(a.MilitaryCapability);
            w.Dbl(a.ArmsImportNeed);
            w.Dbl(a.DefenceIndustry);
            w.Dbl(a.Stability);
            w.Int(a.Capital);
            w.Int(a.CapitalPerTurn);
            w.Int(a.CapitalCap);
            w.Dbl(a.ExportPromotion);
            w.Dbl(a.PaymentRails);
            w.Bool(a.PriceCapMember);
            w.Dbl(a.Economy.Exports);
            w.Dbl(a.Economy.Imports);
            w.Dbl(a.Economy.EnergyBill);
            w.Dbl(a.Economy.TariffCost);
            w.Dbl(a.Economy.SanctionCost);
            w.Dbl(a.Scores.Utility);
        }

        foreach (var r in world.Relations)
        {
            w.DoublesUncounted(r.Exports);
            w.DoublesUncounted(r.Tariffs);
            foreach (var s in r.Sanctions)
            {
                w.Int((int)s);
            }

            w.Dbl(r.Trust);
            w.Dbl(r.ArmsShare);
            w.Dbl(r.UsdShare);
            w.Bool(r.SecondaryThreat);
            w.Dbl(r.Crude?.VolumeMbd ?? -1);
            w.Dbl(r.Crude?.Discount ?? -1);
            w.DoublesUncounted(r.Diversification);
            foreach (var t in r.DiversifyingTurns)
            {
                w.Int(t);
            }
        }

        w.Int(world.Agreements.Length);
        foreach (var g in world.Agreements.OrderBy(g => g.Id, StringComparer.Ordinal))
        {
            w.Str(g.Id);
            w.Int((int)g.Kind);
            w.Strs(g.Parties);
            TermsVersion1(w, g.Terms);
            w.Int(g.SignedTurn);
            w.Int((int)g.Status);
            w.Dbl(g.Progress);
            w.Int(g.Breaches);
            w.Str(g.LastBreachedBy ?? string.Empty);
        }

        w.Int(world.Proposals.Length);
        foreach (var p in world.Proposals.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            w.Str(p.Id);
            w.Str(p.Proposer);
            w.Int((int)p.Kind);
            w.Strs(p.Parties);
            TermsVersion1(w, p.Terms);
            w.Int(p.Turn);
            w.Strs([.. p.AcceptedBy.Order(StringComparer.Ordinal)]);
        }

        w.Int(world.Deliveries.Length);
        foreach (var d in world.Deliveries.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            w.Str(d.Id);
            w.Str(d.Buyer);
            w.Str(d.Seller);
            w.Str(d.System);
            w.Dbl(d.Value);
            w.Int(d.DueTurn);
            w.Int((int)d.Status);
        }

        w.Int(world.FiredShocks.Length);
        foreach (var f in world.FiredShocks)
        {
            w.Str(f.ShockId);
            w.Int(f.Turn);
        }

        var g0 = world.Global;
        w.Dbl(g0.OilPrice);
        w.Dbl(g0.OilSupply);
        w.Dbl(g0.SupplyShock);
        w.Dbl(g0.DollarShare);
        w.Dbl(g0.Tension);
        w.Dbl(g0.PriceCap);
        w.Strs(g0.CappedExporters);
        foreach (var b in g0.Blocs)
        {
            w.Str(b.Name);
            w.Strs(b.Members);
        }

        foreach (var value in world.Parameters.ScalarValues())
        {
            w.Dbl(value);
        }

        w.DoublesUncounted(world.Parameters.TradeSanctionRetention);
        w.DoublesUncounted(world.Parameters.SectorSanctionRetention);
        w.DoublesUncounted(world.Parameters.FinanceSanctionSeverity);

        return Convert.ToHexStringLower(SHA256.HashData(w.Bytes));
    }

    private static void TermsVersion1(Writer w, AgreementTerms t)
    {
        w.Dbl(t.TariffCeiling ?? -1);
        w.Dbl(t.TradeTarget ?? -1);
        w.Dbl(t.EnergyVolumeMbd ?? -1);
        w.Dbl(t.EnergyDiscount ?? -1);
        w.Dbl(t.MaxUsdShare ?? -1);
        w.Str(t.Supplier ?? string.Empty);
    }

    /// <summary>The encoding, in a buffer rented from the shared pool (a world is tens of kilobytes, hashed every turn).</summary>
    private sealed class Writer : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _length;

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

        private Span<byte> Take(int count)
        {
            if (_length + count > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            var span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }

        public void Int(int v) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), v);

        public void ULong(ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), v);

        public int NonFinite { get; private set; }

        public void Dbl(double v)
        {
            NonFinite += double.IsFinite(v) ? 0 : 1;
            BinaryPrimitives.WriteInt64LittleEndian(Take(8), BitConverter.DoubleToInt64Bits(v));
        }

        public void Bool(bool v) => Take(1)[0] = v ? (byte)1 : (byte)0;

        public void Str(string s)
        {
            var count = Encoding.UTF8.GetByteCount(s);
            Int(count);
            Encoding.UTF8.GetBytes(s, Take(count));
        }

        /// <summary>A value that may be absent: a marker, then the value if present (absent is not confused with any value).</summary>
        public void OptDbl(double? v)
        {
            Bool(v.HasValue);
            if (v is { } value)
            {
                Dbl(value);
            }
        }

        public void OptStr(string? s)
        {
            Bool(s is not null);
            if (s is not null)
            {
                Str(s);
            }
        }

        public void Strs(ImmutableArray<string> values)
        {
            Int(values.Length);
            foreach (var v in values)
            {
                Str(v);
            }
        }

        public void DoublesUncounted(ImmutableArray<double> values)
        {
            foreach (var v in values)
            {
                Dbl(v);
            }
        }

        public void Doubles(ImmutableArray<double> values)
        {
            Int(values.Length);
            foreach (var v in values)
            {
                Dbl(v);
            }
        }
    }
}
