using System.Collections.Immutable;
using DiploSim.Core.State;

namespace DiploSim.Core;

/// <summary>An event from outside the players' moves — a tariff salvo, a sanctions package, a ceasefire — with its news and its effects.</summary>
/// <param name="Id">Unique id within a scenario.</param>
/// <param name="Headline">The news headline.</param>
/// <param name="Body">The news text: what happened and why it matters.</param>
/// <param name="Effects">What it does to the model, applied in order.</param>
public sealed record Shock(string Id, string Headline, string Body, ImmutableArray<ShockEffect> Effects)
{
    /// <summary>
    /// Why this shock cannot apply to <paramref name="world"/> as written, or null when it can: an effect names an actor
    /// the world does not have, pairs an actor with itself, or sets a policy its actor could not set. The turn's shock
    /// phase skips such an effect with a note; a teacher's ad hoc shock is refused with this reason instead.
    /// </summary>
    public string? Problem(WorldState world)
    {
        ArgumentNullException.ThrowIfNull(world);
        foreach (var effect in Effects)
        {
            if (effect.Problem(world) is { } problem)
            {
                return $"shock {Id}: {problem}";
            }
        }

        return null;
    }
}

/// <summary>One effect of a shock on the model.</summary>
public abstract record ShockEffect
{
    /// <summary>Why this effect cannot apply to <paramref name="world"/> (see <see cref="Shock.Problem"/>), or null.</summary>
    public string? Problem(WorldState world)
    {
        ArgumentNullException.ThrowIfNull(world);
        string? Unknown(params string?[] actors) =>
            actors.FirstOrDefault(a => a is not null && !world.Has(a)) is { } unknown
                ? $"{Name} names '{unknown}', which is not an actor here (one of {string.Join(", ", world.Actors.Select(a => a.Id))})"
                : null;
        string? Pair(string a, string b) => Unknown(a, b) ?? (a == b ? $"{Name} names {a} on both sides" : null);

        return this switch
        {
            PolicyEffect p => Unknown(p.Policy.Actor) ?? (MoveRules.Validate(world, p.Policy) is { } reason ? $"{Name} {p.Policy.Describe()}: {reason}" : null),
            TariffAnnouncementEffect a => Unknown(a.Tariff.Actor) ?? (MoveRules.Validate(world, a.Tariff) is { } reason ? $"{Name} {a.Tariff.Describe()}: {reason}" : null)
                ?? (a.Turns is < 1 or > ShockLimits.AnnouncementTurns ? $"{Name} takes effect {a.Turns} turns on, expected 1 to {ShockLimits.AnnouncementTurns}" : null),
            TariffWithdrawalEffect w => Pair(w.Actor, w.Target),
            OilSupplyEffect o => Unknown(o.Producer),
            TrustEffect t => Pair(t.From, t.To),
            TradeCutEffect c => Pair(c.From, c.To),
            PurchaseHaltEffect h => Pair(h.Buyer, h.Seller),
            PurchaseEffect b => Pair(b.Buyer, b.Seller),
            DeliveryDelayEffect d => Pair(d.Buyer, d.Seller),
            GdpEffect g => Unknown(g.Actor),
            StabilityEffect s => Unknown(s.Actor),
            AgreementEffect a => Unknown([.. a.Parties]) ?? (a.Parties.Distinct().Count() < 2 ? $"{Name} needs two different parties" : null),
            _ => null,
        };
    }

    // "the purchase halt effect", from PurchaseHaltEffect.
    private string Name => "the " + string.Concat(GetType().Name.Select((c, i) => i > 0 && char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));
}

/// <summary>Any policy a move can set (tariff, sanctions, price cap, blocs, crude purchases, deliveries), applied without political capital.</summary>
public sealed record PolicyEffect(Move Policy) : ShockEffect;

/// <summary>
/// A tariff announced now that takes effect <paramref name="Turns"/> turns later (1 or more), as the US announced in
/// September 2018 that its list 3 tariffs would rise from 10% to 25% on 1 January 2019. Until it takes effect the
/// importer's buyers bring forward part of what it is expected to cut (<see cref="State.TariffAnnouncement"/>); what they
/// bought early is missing from their imports after it lands, or after it is withdrawn (<see cref="TariffWithdrawalEffect"/>).
/// It lands after the shocks of the turn it is due, so a shock of that turn can still withdraw it.
/// </summary>
public sealed record TariffAnnouncementEffect(SetTariff Tariff, int Turns) : ShockEffect;

/// <summary>
/// Withdraws (or postpones without a date) the tariffs <paramref name="Actor"/> has announced on <paramref name="Target"/>
/// and that have not taken effect: those on <paramref name="Sector"/>, or every one when it is null. None of them lands;
/// the run-up ends and what importers bought early comes back out of their imports.
/// </summary>
public sealed record TariffWithdrawalEffect(string Actor, string Target, Sector? Sector) : ShockEffect;

/// <summary>
/// Oil supply added to (+) or taken off (−) the world market, mb/d. When the barrels lost are one producer's
/// (<paramref name="Producer"/>: its tankers seized, its ports blockaded), its own energy exports fall by the same
/// share of its net exports, so it does not gain from the higher price its loss causes; they recover as trade does.
/// </summary>
public sealed record OilSupplyEffect(double DeltaMbd, string? Producer = null) : ShockEffect;

/// <summary>
/// Oil supply the market expects to lose (−) or regain (+), mb/d, before anything is lost: an agency's estimate of
/// output that sanctions and buyers' boycotts will shut in, an embargo announced for a later date. The price responds
/// at once as if the loss had happened (unless a larger one has); the expectation fades by half every
/// <see cref="State.ModelParameters.OilExpectationHalfLife"/> years, as the loss does not come or shows in actual supply.
/// </summary>
public sealed record OilOutlookEffect(double DeltaMbd) : ShockEffect;

/// <summary>
/// World oil demand added (+) or taken away (−), mb/d, beyond what the market met at turn 0: demand recovering from a
/// recession, or demand that inventories met until they ran low. The price responds at once as to a supply loss of the
/// same size, and the gap fades as producers and demand respond (<see cref="State.ModelParameters.OilShockHalfLife"/>).
/// </summary>
public sealed record OilDemandEffect(double DeltaMbd) : ShockEffect;

/// <summary>A direct change of one actor's trust in another.</summary>
public sealed record TrustEffect(string From, string To, double Delta) : ShockEffect;

/// <summary>A one-off cut of current flows from one actor to another (a blockade, a port closure); flows then recover towards their target.</summary>
public sealed record TradeCutEffect(string From, string To, Sector? Sector, double Fraction) : ShockEffect;

/// <summary>
/// A purchase halt: the state buyers of <paramref name="Buyer"/> stop buying <paramref name="Share"/> of its imports of
/// <paramref name="Sector"/> from <paramref name="Seller"/> (China's COFCO and Sinograin and US soybeans, 2018). Unlike a
/// <see cref="TradeCutEffect"/>, the flow does not recover at the pace of trade: the halt holds for <paramref name="Turns"/>
/// turns, this one the first (or, when null, until a later halt of the same buyer, seller and sector replaces it; one of
/// share 0 lifts it), and when it lifts the flow returns at once to where trade would have taken it without the halt.
/// </summary>
public sealed record PurchaseHaltEffect(string Buyer, string Seller, Sector Sector, double Share, int? Turns) : ShockEffect;

/// <summary>
/// A purchase of a good other than crude (<see cref="Good"/>: coal, pipeline gas, LNG, fertiliser, food, oil products): from this turn
/// <paramref name="Buyer"/> buys <paramref name="Volume"/> a year of it from <paramref name="Seller"/> at
/// <paramref name="UnitValue"/>, until a later purchase of the same buyer, seller and good replaces it (volume 0 ends
/// it). Its value, volume times unit value, holds the seller's flow of the good's sector to the buyer at least at the
/// sum of the pair's purchases in that sector, crude's included (model version 15), delivered from the quarter bought.
/// </summary>
/// <param name="Volume">Million tonnes a year (bcm a year for pipeline gas).</param>
/// <param name="UnitValue">USD a tonne (USD per thousand m³ for pipeline gas): the landed unit value, published or derived.</param>
public sealed record PurchaseEffect(string Buyer, string Seller, Good Good, double Volume, double UnitValue) : ShockEffect;

/// <summary>Pending deliveries from a seller to a buyer slip by some turns.</summary>
public sealed record DeliveryDelayEffect(string Buyer, string Seller, int Turns) : ShockEffect;

/// <summary>A change in the global tension index.</summary>
public sealed record TensionEffect(double Delta) : ShockEffect;

/// <summary>A one-off change of an actor's GDP level, as a fraction.</summary>
public sealed record GdpEffect(string Actor, double Fraction) : ShockEffect;

/// <summary>A change of an actor's stability, in points.</summary>
public sealed record StabilityEffect(string Actor, double Delta) : ShockEffect;

/// <summary>An agreement that enters into force (a scripted summit outcome).</summary>
public sealed record AgreementEffect(string Id, AgreementKind Kind, ImmutableArray<string> Parties, AgreementTerms Terms) : ShockEffect;

/// <summary>
/// The bounds a shock effect's numbers are held to, the same for a scenario file's shock and a teacher's ad hoc one.
/// They refuse typing errors, not large events: world oil supply is about 106 mb/d and trust runs from −100 to 100.
/// </summary>
public static class ShockLimits
{
    /// <summary>An oil supply, outlook or demand change, mb/d either way.</summary>
    public const double OilMbd = 200;

    /// <summary>A change of trust, points either way.</summary>
    public const double Trust = 200;

    /// <summary>A change of the tension index, points either way.</summary>
    public const double Tension = 100;

    /// <summary>A change of stability, points either way.</summary>
    public const double Stability = 100;

    /// <summary>A one-off change of GDP, as a fraction either way.</summary>
    public const double GdpFraction = 0.5;

    /// <summary>A purchase's volume of a good, million tonnes or bcm a year (world coal trade is about 1,300 Mt a year).</summary>
    public const double PurchaseVolume = 10_000;

    /// <summary>
    /// A good's unit value, USD a tonne or per thousand m³ (fertiliser and LNG rarely pass 1,500; Europe's gas peaked
    /// near 3,000 in 2022): with the largest volume, a purchase of at most USD 100,000bn a year, a scenario's largest flow.
    /// </summary>
    public const double UnitValue = 10_000;

    /// <summary>The most turns a delivery can slip by.</summary>
    public const int DelayTurns = 100;

    /// <summary>The most turns between a tariff's announcement and its effect: five years of quarters.</summary>
    public const int AnnouncementTurns = 20;
}
