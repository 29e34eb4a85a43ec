using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Institutions;
using CustomerManager.Domain.Laybys;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Reports;

/// <summary>
/// One institution's period: sales on account posted to its members' and its own accounts, and money received from
/// them (account payments, layby deposits and layby payments, net of reversals), with its current member count.
/// </summary>
public sealed record InstitutionRevenueRow(
    int InstitutionId, string Code, string Name, InstitutionType Type, int Members, decimal SalesOnAccount, decimal AccountPayments,
    decimal LaybyPayments)
{
    public decimal Collected => AccountPayments + LaybyPayments;
}

public sealed partial class ReportService
{
    /// <summary>
    /// Every institution with members or its own accounts, by what was collected in the period (largest first). Money
    /// counts for the institution the customer belongs to now, and for an institution billed as a customer, that
    /// customer's own accounts; only divisions the user works in.
    /// </summary>
    public async Task<IReadOnlyList<InstitutionRevenueRow>> InstitutionRevenueAsync(
        DateOnly fromMonth, DateOnly toMonth, int? divisionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        CheckDivision(divisionId);
        var firstDay = new DateOnly(fromMonth.Year, fromMonth.Month, 1);
        var lastDay = new DateOnly(toMonth.Year, toMonth.Month, 1).AddMonths(1).AddDays(-1);
        CheckRange(firstDay, lastDay);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var belongsTo = db.Customers.Where(c => c.InstitutionId != null).Select(c => new { CustomerId = c.Id, InstitutionId = c.InstitutionId!.Value })
            .Concat(db.Institutions.Where(i => i.BillingCustomerId != null).Select(i => new { CustomerId = i.BillingCustomerId!.Value, InstitutionId = i.Id }));
        var accounts = from a in db.DivisionAccounts
                       join b in belongsTo on a.CustomerId equals b.CustomerId
                       where (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId))
                       select new { a.Id, b.InstitutionId };

        // Payments are stored negative and their reversals positive: received = −(payments + their reversals).
        var ledger = await (from e in db.AccountEntries
                            join a in accounts on e.DivisionAccountId equals a.Id
                            where e.PostingDate >= firstDay && e.PostingDate <= lastDay
                                  && (e.Kind == AccountEntryKind.SaleOnAccount || e.Kind == AccountEntryKind.Payment
                                      || (e.Kind == AccountEntryKind.Reversal && e.ReversalOf!.Kind == AccountEntryKind.Payment))
                            group e by new { a.InstitutionId, IsSale = e.Kind == AccountEntryKind.SaleOnAccount } into g
                            select new { g.Key.InstitutionId, g.Key.IsSale, Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);
        var fromUtc = clock.StartOfDayUtc(firstDay);
        var beforeUtc = clock.StartOfDayUtc(lastDay.AddDays(1));
        var laybys = await (from e in db.LaybyEntries
                            join l in db.Laybys on e.LaybyId equals l.Id
                            join b in belongsTo on l.CustomerId equals b.CustomerId
                            where e.PostedAtUtc >= fromUtc && e.PostedAtUtc < beforeUtc
                                  && (divisionId == null || l.DivisionId == divisionId) && (Mine == null || Mine.Contains(l.DivisionId))
                                  && (e.Kind == LaybyEntryKind.Deposit || e.Kind == LaybyEntryKind.Payment || (e.Kind == LaybyEntryKind.Reversal && e.ReversesPayment))
                            group e by b.InstitutionId into g
                            select new { InstitutionId = g.Key, Amount = g.Sum(x => x.Amount) })
            .ToDictionaryAsync(x => x.InstitutionId, x => -x.Amount, cancellationToken);
        var institutions = await db.Institutions.AsNoTracking()
            .Select(i => new { i.Id, i.Code, i.Name, i.Type, i.BillingCustomerId, Members = db.Customers.Count(c => c.InstitutionId == i.Id) })
            .Where(i => i.Members > 0 || i.BillingCustomerId != null)
            .ToListAsync(cancellationToken);
        var sales = ledger.Where(x => x.IsSale).ToDictionary(x => x.InstitutionId, x => x.Amount);
        var payments = ledger.Where(x => !x.IsSale).ToDictionary(x => x.InstitutionId, x => -x.Amount);
        return institutions
            .Select(i => new InstitutionRevenueRow(i.Id, i.Code, i.Name, i.Type, i.Members,
                sales.GetValueOrDefault(i.Id), payments.GetValueOrDefault(i.Id), laybys.GetValueOrDefault(i.Id)))
            .OrderByDescending(r => r.Collected).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
    }
}
