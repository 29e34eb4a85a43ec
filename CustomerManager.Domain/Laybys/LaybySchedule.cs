using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Laybys;

/// <summary>One planned instalment.</summary>
public sealed record PlannedInstalment(int Number, DateOnly DueDate, decimal Amount);

/// <summary>
/// Where a layby stands against its schedule on a day: the earliest instalment not yet paid in full (overdue ones
/// included) and what is overdue, i.e. the unpaid part of the instalments due before that day.
/// </summary>
public sealed record InstalmentStanding(DateOnly? NextDue, decimal Overdue, int MissedInstalments)
{
    public static readonly InstalmentStanding None = new(null, 0, 0);
}

/// <summary>
/// The instalment plan of a layby (DOMAIN.md §5): one instalment per period from the opening date up to the
/// completion date, equal amounts in cents with the rounding remainder on the last, summing exactly to the amount.
/// </summary>
public static class LaybySchedule
{
    public static IReadOnlyList<PlannedInstalment> For(decimal amount, LaybyFrequency frequency, DateOnly openedOn, DateOnly completionDate)
    {
        amount = Money.Round(amount);
        if (amount < 0)
        {
            throw new DomainException("The amount to schedule cannot be negative.");
        }

        if (completionDate <= openedOn)
        {
            throw new DomainException("The completion date must be after the opening date.", "CompletionDate");
        }

        if (amount == 0)
        {
            return [];
        }

        var dates = new List<DateOnly>();
        for (var n = 1; ; n++)
        {
            var due = Next(openedOn, frequency, n);
            if (due > completionDate)
            {
                break;
            }

            dates.Add(due);
        }

        if (dates.Count == 0)
        {
            // The term is shorter than one period: everything is due on the completion date.
            dates.Add(completionDate);
        }

        // Equal instalments in whole cents; what division leaves over goes on the last one.
        var cents = Money.ToMinorUnits(amount);
        var each = cents / dates.Count;
        var last = cents - (each * (dates.Count - 1));
        return dates.Select((date, i) => new PlannedInstalment(
                i + 1, date, Money.FromMinorUnits(i == dates.Count - 1 ? last : each)))
            .ToList();
    }

    public static DateOnly Next(DateOnly start, LaybyFrequency frequency, int periods) => frequency switch
    {
        LaybyFrequency.Weekly => start.AddDays(7 * periods),
        LaybyFrequency.Fortnightly => start.AddDays(14 * periods),
        LaybyFrequency.Monthly => start.AddMonths(periods),
        _ => throw new DomainException("Choose weekly, fortnightly or monthly payments.", "Frequency"),
    };

    /// <summary>
    /// Payments towards the schedule (what was paid beyond the deposit) cover the instalments oldest first; the first
    /// one not covered in full is next due, and every instalment due before <paramref name="today"/> that is not
    /// covered in full is missed, its unpaid part overdue.
    /// </summary>
    public static InstalmentStanding Standing(IEnumerable<PlannedInstalment> instalments, decimal paidTowardsSchedule, DateOnly today)
    {
        var left = Math.Max(0, paidTowardsSchedule);
        DateOnly? nextDue = null;
        var overdue = 0m;
        var missed = 0;
        foreach (var instalment in instalments.OrderBy(i => i.Number))
        {
            var covered = Math.Min(instalment.Amount, left);
            left -= covered;
            if (covered == instalment.Amount)
            {
                continue;
            }

            nextDue ??= instalment.DueDate;
            if (instalment.DueDate < today)
            {
                overdue += instalment.Amount - covered;
                missed++;
            }
        }

        return new InstalmentStanding(nextDue, overdue, missed);
    }
}
