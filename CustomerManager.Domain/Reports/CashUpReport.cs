using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Domain.Reports;

/// <summary>
/// One till line of a day's cash-up: what a clerk took in and paid out in a division by one method (account and layby
/// payments in; reversals of payments and refunds out), and the net that should be in the drawer or on the card slips.
/// </summary>
public sealed record CashUpRow(string ClerkUserName, string Clerk, string Division, PaymentMethod? Method, int Payments, decimal In, decimal Out)
{
    public decimal Net => In - Out;
}

public sealed partial class ReportService
{
    /// <summary>Everyone who may read the cash-up: the report readers, and clerks for their own till only.</summary>
    public const string CashUpRoles = ReaderRoles + "," + Roles.Clerk;

    /// <summary>
    /// The cash-up of one business day, by clerk, division and method. A clerk (without a reader role) sees only what
    /// they took and paid out themselves.
    /// </summary>
    public async Task<IReadOnlyList<CashUpRow>> CashUpAsync(DateOnly day, int? divisionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Readers, Roles.Clerk]);
        CheckDivision(divisionId);
        var ownTillOnly = !Readers.Any(currentUser.IsInRole);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var facts = (await PaymentFactsAsync(db, day, day, divisionId, cancellationToken))
            .Where(f => !ownTillOnly || string.Equals(f.Clerk, currentUser.UserName, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var divisions = await DivisionNamesAsync(db, cancellationToken);
        var names = await Users.UserNames.DisplayNamesAsync(db, facts.Select(f => f.Clerk), cancellationToken);
        return facts.GroupBy(f => (f.Clerk, f.DivisionId, f.Method))
            .Select(g => new CashUpRow(g.Key.Clerk, names.GetValueOrDefault(g.Key.Clerk, g.Key.Clerk), divisions.GetValueOrDefault(g.Key.DivisionId, "?"),
                g.Key.Method,
                g.Where(f => !f.IsReversal && !f.IsRefund).Sum(f => f.Count),
                g.Where(f => f.Amount > 0).Sum(f => f.Amount),
                -g.Where(f => f.Amount < 0).Sum(f => f.Amount)))
            .OrderBy(r => r.Clerk, StringComparer.CurrentCulture).ThenBy(r => r.Division, StringComparer.CurrentCulture).ThenBy(r => r.Method)
            .ToList();
    }
}
