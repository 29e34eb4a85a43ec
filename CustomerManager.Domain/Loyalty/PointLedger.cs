using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Loyalty;

/// <summary>An accrual with what is left of it.</summary>
public sealed record PointLot(int Id, DateOnly EarnedOn, DateOnly ExpiresOn, int Earned, int Remaining);

/// <summary>A planned deduction from one lot (a redemption or reversal spread over lots becomes one entry per lot).</summary>
public sealed record LotDeduction(int LotId, int Points);

/// <summary>
/// A customer's points in one division, replayed from the entries (DOMAIN.md §9): held = the sum of the entries = the sum
/// of what is left of each lot, never negative. Redemptions take the oldest-expiring points first; a reversal takes the
/// returned purchase's own points first; expiry takes what is left of each lot past its day.
/// </summary>
public sealed class PointLedger
{
    private readonly List<PointLot> lots;

    public PointLedger(IEnumerable<PointEntry> entries)
    {
        var all = entries.ToList();
        var taken = all.Where(e => e.LotId is not null).GroupBy(e => e.LotId!.Value).ToDictionary(g => g.Key, g => -g.Sum(e => e.Points));
        lots = all.Where(e => e.Kind == PointEntryKind.Accrual)
            .Select(e => new PointLot(e.Id, e.PostedOn, e.ExpiresOn!.Value, e.Points, e.Points - taken.GetValueOrDefault(e.Id)))
            .OrderBy(l => l.ExpiresOn).ThenBy(l => l.Id)
            .ToList();
        Held = all.Sum(e => e.Points);
    }

    public int Held { get; }

    /// <summary>Lots with points left, the first to expire first.</summary>
    public IReadOnlyList<PointLot> OpenLots => lots.Where(l => l.Remaining > 0).ToList();

    /// <summary>Held points that expire on or before <paramref name="day"/>.</summary>
    public int ExpiringBy(DateOnly day) => lots.Where(l => l.ExpiresOn <= day).Sum(l => l.Remaining);

    /// <summary>
    /// Spends <paramref name="points"/> from the oldest-expiring lots that are still valid on <paramref name="today"/>;
    /// refused when that is more than is held.
    /// </summary>
    public IReadOnlyList<LotDeduction> PlanRedemption(int points, DateOnly today)
    {
        if (points <= 0)
        {
            throw new DomainException("Enter the points to redeem, more than 0.", "Points");
        }

        var valid = lots.Where(l => l.Remaining > 0 && l.ExpiresOn >= today).ToList();
        var available = valid.Sum(l => l.Remaining);
        if (points > available)
        {
            throw new DomainException($"Only {available:N0} points are held; {points:N0} cannot be redeemed.", "Points");
        }

        return Take(valid, points);
    }

    /// <summary>
    /// Takes back up to <paramref name="points"/> for a return: first from the purchase's own lot, then from the
    /// oldest-expiring others; never more than is held (points already spent stay spent).
    /// </summary>
    public IReadOnlyList<LotDeduction> PlanReversal(int? ownLotId, int points)
    {
        if (points <= 0)
        {
            return [];
        }

        var order = lots.Where(l => l.Remaining > 0).OrderBy(l => l.Id == ownLotId ? 0 : 1).ThenBy(l => l.ExpiresOn).ThenBy(l => l.Id).ToList();
        return Take(order, Math.Min(points, order.Sum(l => l.Remaining)));
    }

    /// <summary>What is left of every lot whose expiry day is before <paramref name="today"/>.</summary>
    public IReadOnlyList<LotDeduction> Expired(DateOnly today) =>
        lots.Where(l => l.Remaining > 0 && l.ExpiresOn < today).Select(l => new LotDeduction(l.Id, l.Remaining)).ToList();

    private static List<LotDeduction> Take(IEnumerable<PointLot> order, int points)
    {
        var result = new List<LotDeduction>();
        foreach (var lot in order)
        {
            if (points == 0)
            {
                break;
            }

            var take = Math.Min(points, lot.Remaining);
            result.Add(new LotDeduction(lot.Id, take));
            points -= take;
        }

        return result;
    }
}
