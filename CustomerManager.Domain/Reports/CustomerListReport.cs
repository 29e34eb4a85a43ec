using System.Runtime.CompilerServices;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Reports;

public enum CustomerReportSort
{
    Name,
    Number,
    Registered,
    Balance,
}

/// <summary>Which customers the customer list report shows; a division narrows both the customers and their accounts.</summary>
public sealed record CustomerReportFilter
{
    public CustomerType? Type { get; init; }

    public CustomerStatusFilter Status { get; init; } = CustomerStatusFilter.Active;

    public int? DivisionId { get; init; }

    public DateOnly? RegisteredFrom { get; init; }

    public DateOnly? RegisteredTo { get; init; }

    public CustomerReportSort Sort { get; init; } = CustomerReportSort.Name;

    public bool Descending { get; init; }
}

/// <summary>A customer with the number of division accounts and their summed balance and credit limit.</summary>
public sealed record CustomerReportRow(
    int Id, string CustomerNumber, string FullName, CustomerType Type, string PrimaryPhone, string? PrimaryEmail, string? City,
    DateTime RegisteredAtUtc, int Accounts, decimal Balance, decimal CreditLimit);

public sealed record CustomerReportTotals(int Customers, int Accounts, decimal Balance, decimal CreditLimit);

public sealed partial class ReportService
{
    /// <summary>One page of the customer list report and the totals over every matching customer.</summary>
    public async Task<(Page<CustomerReportRow> Page, CustomerReportTotals Totals)> CustomerListAsync(
        CustomerReportFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        CheckDivision(filter.DivisionId);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customers = Customers(db, filter);
        var items = await CustomerRows(db, Sorted(db, customers, filter), filter.DivisionId)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        var count = await customers.CountAsync(cancellationToken);
        var accounts = Accounts(db, customers, filter.DivisionId);
        var totals = new CustomerReportTotals(
            count, await accounts.CountAsync(cancellationToken), await accounts.SumAsync(a => a.Balance, cancellationToken),
            await accounts.SumAsync(a => a.CreditLimit, cancellationToken));
        return (new Page<CustomerReportRow>(items, count), totals);
    }

    /// <summary>Every customer of the report in its sort order, streamed from the database (exports).</summary>
    public async IAsyncEnumerable<CustomerReportRow> StreamCustomerListAsync(
        CustomerReportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        CheckDivision(filter.DivisionId);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var rows = CustomerRows(db, Sorted(db, Customers(db, filter), filter), filter.DivisionId).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    private IQueryable<Customer> Customers(ICustomerDb db, CustomerReportFilter filter)
    {
        if (filter.RegisteredFrom is { } f && filter.RegisteredTo is { } t)
        {
            CheckRange(f, t);
        }

        var customers = db.Customers.AsNoTracking();
        customers = filter.Status switch
        {
            CustomerStatusFilter.Active => customers.Where(c => c.IsActive),
            CustomerStatusFilter.Inactive => customers.Where(c => !c.IsActive),
            _ => customers,
        };
        if (filter.Type is { } type)
        {
            customers = customers.Where(c => c.Type == type);
        }

        if (filter.DivisionId is { } divisionId)
        {
            customers = customers.Where(c => db.DivisionAccounts.Any(a => a.CustomerId == c.Id && a.DivisionId == divisionId));
        }

        if (filter.RegisteredFrom is { } from)
        {
            var fromUtc = clock.StartOfDayUtc(from);
            customers = customers.Where(c => c.CreatedAtUtc >= fromUtc);
        }

        if (filter.RegisteredTo is { } to)
        {
            var beforeUtc = clock.StartOfDayUtc(to.AddDays(1));
            customers = customers.Where(c => c.CreatedAtUtc < beforeUtc);
        }

        return customers;
    }

    private IQueryable<Accounts.DivisionAccount> Accounts(ICustomerDb db, IQueryable<Customer> customers, int? divisionId) =>
        db.DivisionAccounts.AsNoTracking()
            .Where(a => customers.Select(c => c.Id).Contains(a.CustomerId) && (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId)));

    private IQueryable<Customer> Sorted(ICustomerDb db, IQueryable<Customer> customers, CustomerReportFilter filter) =>
        (filter.Sort, filter.Descending) switch
        {
            (CustomerReportSort.Number, false) => customers.OrderBy(c => c.CustomerNumber),
            (CustomerReportSort.Number, true) => customers.OrderByDescending(c => c.CustomerNumber),
            (CustomerReportSort.Registered, false) => customers.OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id),
            (CustomerReportSort.Registered, true) => customers.OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id),
            (CustomerReportSort.Balance, var descending) => descending
                ? customers.OrderByDescending(c => db.DivisionAccounts.Where(a => a.CustomerId == c.Id && (filter.DivisionId == null || a.DivisionId == filter.DivisionId) && (Mine == null || Mine.Contains(a.DivisionId))).Sum(a => a.Balance)).ThenBy(c => c.Id)
                : customers.OrderBy(c => db.DivisionAccounts.Where(a => a.CustomerId == c.Id && (filter.DivisionId == null || a.DivisionId == filter.DivisionId) && (Mine == null || Mine.Contains(a.DivisionId))).Sum(a => a.Balance)).ThenBy(c => c.Id),
            (_, false) => customers.OrderBy(c => c.FullNameKey).ThenBy(c => c.Id),
            (_, true) => customers.OrderByDescending(c => c.FullNameKey).ThenByDescending(c => c.Id),
        };

    private IQueryable<CustomerReportRow> CustomerRows(ICustomerDb db, IQueryable<Customer> customers, int? divisionId) =>
        customers.Select(c => new CustomerReportRow(
            c.Id, c.CustomerNumber, c.FullName, c.Type, c.PrimaryPhone, c.PrimaryEmail, c.City, c.CreatedAtUtc,
            db.DivisionAccounts.Count(a => a.CustomerId == c.Id && (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId))),
            db.DivisionAccounts.Where(a => a.CustomerId == c.Id && (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId))).Sum(a => a.Balance),
            db.DivisionAccounts.Where(a => a.CustomerId == c.Id && (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId))).Sum(a => a.CreditLimit)));
}
