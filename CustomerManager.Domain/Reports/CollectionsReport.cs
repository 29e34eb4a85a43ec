using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Reports;

public enum CollectionGrouping
{
    Day,
    Method,
    Division,
    Clerk,
}

/// <summary>
/// Money in and out for one group (a day, a payment method, a division or a clerk): account payments, layby deposits
/// and payments, what was reversed, refunds paid out (account credit and cancelled or defaulted laybys, negative), and
/// the net that the till should hold.
/// </summary>
public sealed record CollectionRow(
    string Group, DateOnly? Day, int Payments, decimal AccountPayments, decimal LaybyPayments, decimal Reversed, decimal Refunds = 0)
{
    public decimal Net => AccountPayments + LaybyPayments - Reversed + Refunds;
}

public sealed partial class ReportService
{
    /// <summary>Payments received from <paramref name="from"/> to <paramref name="to"/> (inclusive), grouped as asked.</summary>
    public async Task<IReadOnlyList<CollectionRow>> CollectionsAsync(
        DateOnly from, DateOnly to, int? divisionId, CollectionGrouping grouping, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        CheckDivision(divisionId);
        CheckRange(from, to);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var facts = await PaymentFactsAsync(db, from, to, divisionId, cancellationToken);
        var divisions = await DivisionNamesAsync(db, cancellationToken);
        var groups = grouping switch
        {
            CollectionGrouping.Day => facts.GroupBy(f => f.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            CollectionGrouping.Method => facts.GroupBy(f => f.Method is { } m ? m.Words() : "(none)"),
            CollectionGrouping.Division => facts.GroupBy(f => divisions.GetValueOrDefault(f.DivisionId, "?")),
            _ => facts.GroupBy(f => f.Clerk),
        };
        var rows = groups.Select(g => Collected(g.Key, grouping == CollectionGrouping.Day ? g.First().Day : null, g.ToList()));
        return grouping == CollectionGrouping.Day
            ? rows.OrderBy(r => r.Day).ToList()
            : rows.OrderByDescending(r => r.Net).ThenBy(r => r.Group, StringComparer.Ordinal).ToList();
    }

    private static CollectionRow Collected(string group, DateOnly? day, IReadOnlyList<PaymentFact> facts) => new(
        group,
        day,
        facts.Where(f => !f.IsReversal && !f.IsRefund).Sum(f => f.Count),
        facts.Where(f => !f.IsReversal && f.Source == PaymentSource.AccountPayment).Sum(f => f.Amount),
        facts.Where(f => !f.IsReversal && f.Source is PaymentSource.LaybyDeposit or PaymentSource.LaybyPayment).Sum(f => f.Amount),
        -facts.Where(f => f.IsReversal).Sum(f => f.Amount),
        facts.Where(f => f.IsRefund).Sum(f => f.Amount));
}
