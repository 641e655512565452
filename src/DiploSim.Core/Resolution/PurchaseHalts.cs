using DiploSim.Core.State;

namespace DiploSim.Core.Resolution;

/// <summary>
/// Purchase halts (<see cref="PurchaseHaltEffect"/>): a buyer's state buyers hold a share of a flow off the market while
/// the halt is in force. The trade phase moves the flow the halt withholds from like any other; the halt takes its share
/// off after that, and puts back what it took before the next turn's adjustment, so the flow is where trade would have
/// taken it as soon as the halt lifts.
/// </summary>
internal static class PurchaseHalts
{
    /// <summary>Imposes a halt, or replaces the one in force on the same buyer, seller and sector.</summary>
    public static void Impose(WorldDraft draft, PurchaseHaltEffect effect)
    {
        var until = effect.Turns is { } turns ? draft.Turn + Math.Max(0, turns) : int.MaxValue;
        var share = Math.Clamp(effect.Share, 0, 1);
        var i = draft.PurchaseHalts.FindIndex(h => h.Buyer == effect.Buyer && h.Seller == effect.Seller && h.Sector == effect.Sector);
        if (i >= 0)
        {
            draft.PurchaseHalts[i] = draft.PurchaseHalts[i] with { Share = share, UntilTurn = until };
        }
        else
        {
            draft.PurchaseHalts.Add(new PurchaseHalt(effect.Buyer, effect.Seller, effect.Sector, share, until, Withheld: 0));
        }
    }

    /// <summary>Before trade adjusts: each halt's flow gets back what the halt withheld last turn.</summary>
    public static void Release(WorldDraft draft)
    {
        foreach (var h in draft.PurchaseHalts)
        {
            if (h.Withheld > 0)
            {
                Add(draft, h, h.Withheld);
            }
        }
    }

    /// <summary>After trade adjusts: each halt in force withholds its share of its flow; a halt that has run out is dropped.</summary>
    public static void Hold(WorldDraft draft)
    {
        for (var k = draft.PurchaseHalts.Count - 1; k >= 0; k--)
        {
            var h = draft.PurchaseHalts[k];
            if (draft.Turn >= h.UntilTurn)
            {
                draft.PurchaseHalts.RemoveAt(k);
                continue;
            }

            var (seller, buyer) = (draft.IndexOf(h.Seller), draft.IndexOf(h.Buyer));
            var withheld = h.Share * draft.Rel(seller, buyer).Exports[(int)h.Sector];
            Add(draft, h, -withheld);
            draft.PurchaseHalts[k] = h with { Withheld = withheld };
        }
    }

    private static void Add(WorldDraft draft, PurchaseHalt h, double amount)
    {
        var (seller, buyer) = (draft.IndexOf(h.Seller), draft.IndexOf(h.Buyer));
        var r = draft.Rel(seller, buyer);
        var s = (int)h.Sector;
        draft.SetRel(seller, buyer, r with { Exports = r.Exports.SetItem(s, Math.Max(0, r.Exports[s] + amount)) });
    }
}
