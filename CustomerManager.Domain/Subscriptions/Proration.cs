using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Subscriptions;

/// <summary>
/// What a plan change in the middle of a paid period is worth, by days: the unused days of the old price are credited
/// and the same days of the new price charged, each rounded by <see cref="Money.Round"/>. The change day itself is on
/// the new plan. <see cref="Net"/> is positive for an upgrade (the customer owes more) and negative for a downgrade.
/// </summary>
public sealed record Proration(decimal Credit, decimal Charge, int RemainingDays, int PeriodDays)
{
    public decimal Net => Charge - Credit;

    /// <summary>
    /// For a change on <paramref name="changeDate"/> inside the billed period [<paramref name="periodStart"/>,
    /// <paramref name="periodEnd"/>) from <paramref name="oldPrice"/> to <paramref name="newPrice"/> (each per whole
    /// period). <paramref name="newPrice"/> null: the new plan bills on a different cycle and starts afresh on the
    /// change day, so only the old plan's unused days are credited.
    /// </summary>
    public static Proration For(decimal oldPrice, decimal? newPrice, DateOnly periodStart, DateOnly periodEnd, DateOnly changeDate)
    {
        if (periodEnd <= periodStart)
        {
            throw new ArgumentException("A billing period ends after it starts.", nameof(periodEnd));
        }

        if (changeDate < periodStart || changeDate >= periodEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(changeDate), "The change day is outside the billed period.");
        }

        var periodDays = periodEnd.DayNumber - periodStart.DayNumber;
        var remaining = periodEnd.DayNumber - changeDate.DayNumber;
        var credit = Money.Round(oldPrice * remaining / periodDays);
        var charge = newPrice is { } price ? Money.Round(price * remaining / periodDays) : 0m;
        return new Proration(credit, charge, remaining, periodDays);
    }
}
