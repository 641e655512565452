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
    /// <summary>The state's hash as lower-case hex.</summary>
    public static string Compute(WorldState world)
    {
        var w = new Writer();
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
            w.Doubles(r.Exports);
            w.Doubles(r.Tariffs);
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
            w.Doubles(r.Diversification);
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
            Terms(w, g.Terms);
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
            w.Int(c.Agreement is { } kind ? (int)kind : -1);
            w.Dbl(c.Trust);
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

        w.Doubles(world.Parameters.TradeSanctionRetention);
        w.Doubles(world.Parameters.SectorSanctionRetention);
        w.Doubles(world.Parameters.FinanceSanctionSeverity);

        return Convert.ToHexStringLower(SHA256.HashData(w.Bytes));
    }

    private static void Terms(Writer w, AgreementTerms t)
    {
        w.Dbl(t.TariffCeiling ?? -1);
        w.Dbl(t.TradeTarget ?? -1);
        w.Dbl(t.EnergyVolumeMbd ?? -1);
        w.Dbl(t.EnergyDiscount ?? -1);
        w.Dbl(t.MaxUsdShare ?? -1);
        w.Str(t.Supplier ?? string.Empty);
    }

    private sealed class Writer
    {
        private byte[] _buffer = new byte[16 * 1024];
        private int _length;

        public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

        private Span<byte> Take(int count)
        {
            if (_length + count > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
            }

            var span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }

        public void Int(int v) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), v);

        public void ULong(ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), v);

        public void Dbl(double v) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), BitConverter.DoubleToInt64Bits(v));

        public void Bool(bool v) => Take(1)[0] = v ? (byte)1 : (byte)0;

        public void Str(string s)
        {
            var count = Encoding.UTF8.GetByteCount(s);
            Int(count);
            Encoding.UTF8.GetBytes(s, Take(count));
        }

        public void Strs(ImmutableArray<string> values)
        {
            Int(values.Length);
            foreach (var v in values)
            {
                Str(v);
            }
        }

        public void Doubles(ImmutableArray<double> values)
        {
            foreach (var v in values)
            {
                Dbl(v);
            }
        }
    }
}
