using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Institutions;

public sealed record DesignationCount(Designation Designation, int Members, int Active);

/// <summary>Money received from members in one month: account payments (less reversed ones) and layby payments.</summary>
public sealed record MonthRevenue(DateOnly Month, decimal AccountPayments, decimal LaybyPayments)
{
    public decimal Total => AccountPayments + LaybyPayments;
}

/// <summary>
/// What an institution's members add up to (DOMAIN.md §2): members by designation; exposure (the members' account
/// balances, net of credit) and what of it is overdue; payments by month for the last twelve months; open laybys;
/// credit limits and how much of them is used. Money counts only accounts and laybys in the reader's divisions.
/// </summary>
public sealed record InstitutionRollup(
    int Members,
    int ActiveMembers,
    IReadOnlyList<DesignationCount> ByDesignation,
    decimal Exposure,
    decimal Overdue,
    int MembersOverdue,
    IReadOnlyList<MonthRevenue> RevenueByMonth,
    int OpenLaybys,
    decimal OpenLaybyBalance,
    decimal CreditLimits,
    decimal CreditUsed)
{
    /// <summary>Credit used as a fraction of the limits (null without limits).</summary>
    public decimal? Utilisation => CreditLimits == 0 ? null : Math.Round(CreditUsed / CreditLimits, 4, MidpointRounding.AwayFromZero);
}

public sealed partial class InstitutionService
{
    public const int RevenueMonths = 12;

    public async Task<InstitutionRollup> RollupAsync(int institutionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (!await db.Institutions.AnyAsync(i => i.Id == institutionId, cancellationToken))
        {
            throw new NotFoundException("That institution does not exist.");
        }

        var mine = currentUser.DivisionIds;
        var today = clock.Today;
        var memberIds = db.Customers.Where(c => c.InstitutionId == institutionId).Select(c => c.Id);
        var byDesignation = await db.Customers.Where(c => c.InstitutionId == institutionId)
            .GroupBy(c => c.Designation)
            .Select(g => new { g.Key, Members = g.Count(), Active = g.Count(c => c.IsActive) })
            .ToListAsync(cancellationToken);
        var owing = await CustomerMoney.OwingAsync(db, memberIds, today, mine, cancellationToken);

        var accounts = db.DivisionAccounts.Where(a => memberIds.Contains(a.CustomerId) && (mine == null || mine.Contains(a.DivisionId)));
        var credit = accounts.Where(a => a.AllowCredit);
        var limits = await credit.SumAsync(a => a.CreditLimit, cancellationToken);
        var used = await credit.Where(a => a.Balance > 0).SumAsync(a => a.Balance, cancellationToken);

        var laybys = db.Laybys.Where(l => memberIds.Contains(l.CustomerId) && (l.Status == LaybyStatus.Active || l.Status == LaybyStatus.OnHold)
            && (mine == null || mine.Contains(l.DivisionId)));
        var openLaybys = await laybys.GroupBy(l => 1).Select(g => new { Count = g.Count(), Balance = g.Sum(l => l.Balance) }).FirstOrDefaultAsync(cancellationToken);

        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - RevenueMonths);
        var revenue = await RevenueAsync(db, accounts, memberIds, firstMonth, mine, cancellationToken);
        var months = Enumerable.Range(0, RevenueMonths).Select(i => firstMonth.AddMonths(i))
            .Select(m => revenue.GetValueOrDefault(m) ?? new MonthRevenue(m, 0, 0)).ToList();

        return new InstitutionRollup(
            byDesignation.Sum(d => d.Members),
            byDesignation.Sum(d => d.Active),
            byDesignation.Where(d => d.Key is not null).Select(d => new DesignationCount(d.Key!.Value, d.Members, d.Active))
                .OrderBy(d => d.Designation).ToList(),
            owing.Values.Sum(o => o.Balance),
            owing.Values.Sum(o => o.Overdue),
            owing.Values.Count(o => o.Overdue > 0),
            months,
            openLaybys?.Count ?? 0,
            openLaybys?.Balance ?? 0,
            limits,
            used);
    }

    /// <summary>Payments received per month since <paramref name="firstMonth"/> (payments are stored negative).</summary>
    private async Task<Dictionary<DateOnly, MonthRevenue?>> RevenueAsync(
        ICustomerDb db, IQueryable<DivisionAccount> accounts, IQueryable<int> memberIds, DateOnly firstMonth, IReadOnlySet<int>? mine,
        CancellationToken cancellationToken)
    {
        var accountIds = accounts.Select(a => a.Id);
        var payments = await db.AccountEntries
            .Where(e => accountIds.Contains(e.DivisionAccountId) && e.PostingDate >= firstMonth
                && (e.Kind == AccountEntryKind.Payment || (e.Kind == AccountEntryKind.Reversal && e.ReversalOf!.Kind == AccountEntryKind.Payment)))
            .GroupBy(e => new { e.PostingDate.Year, e.PostingDate.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Amount = g.Sum(e => e.Amount) })
            .ToListAsync(cancellationToken);
        var fromUtc = clock.StartOfDayUtc(firstMonth);
        var laybyIds = db.Laybys.Where(l => memberIds.Contains(l.CustomerId) && (mine == null || mine.Contains(l.DivisionId))).Select(l => l.Id);
        var laybyEntries = await db.LaybyEntries
            .Where(e => laybyIds.Contains(e.LaybyId) && e.PostedAtUtc >= fromUtc
                && (e.Kind == LaybyEntryKind.Deposit || e.Kind == LaybyEntryKind.Payment || (e.Kind == LaybyEntryKind.Reversal && e.ReversesPayment)))
            .GroupBy(e => new { e.PostedAtUtc.Date, e.PostedAtUtc.Hour })
            .Select(g => new { g.Key.Date, g.Key.Hour, Amount = g.Sum(e => e.Amount) })
            .ToListAsync(cancellationToken);
        // Grouped by UTC hour in SQL, then by the business's local month (a zone offset is whole hours here).
        var layby = laybyEntries.GroupBy(e => Month(clock.LocalDate(e.Date.AddHours(e.Hour)))).ToDictionary(g => g.Key, g => -g.Sum(e => e.Amount));
        var account = payments.ToDictionary(p => new DateOnly(p.Year, p.Month, 1), p => -p.Amount);
        return account.Keys.Union(layby.Keys).ToDictionary(m => m, m => (MonthRevenue?)new MonthRevenue(m, account.GetValueOrDefault(m), layby.GetValueOrDefault(m)));
    }

    private static DateOnly Month(DateOnly day) => new(day.Year, day.Month, 1);
}
