using CustomerManager.Domain.Common;
using CustomerManager.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Reports;

/// <summary>Credit of a division (or of everything): accounts, limits, balances and how much of the limit is used.</summary>
public sealed record CreditDivisionRow(int? DivisionId, string Division, int Accounts, int OverLimit, decimal CreditLimit, decimal Balance)
{
    /// <summary>Limit − balance, not below 0.</summary>
    public decimal Available => Math.Max(0, CreditLimit - Balance);

    /// <summary>Balance / limit (0.25 = 25 %), null without a limit.</summary>
    public decimal? Utilisation => ReportService.Utilisation(Balance, CreditLimit);
}

/// <summary>A customer's credit accounts taken together.</summary>
public sealed record CreditCustomerRow(int CustomerId, string CustomerNumber, string CustomerName, int Accounts, int OverLimit, decimal CreditLimit, decimal Balance)
{
    public decimal Available => Math.Max(0, CreditLimit - Balance);

    public decimal? Utilisation => ReportService.Utilisation(Balance, CreditLimit);
}

public sealed record CreditOutstandingReport(
    IReadOnlyList<CreditDivisionRow> Divisions, IReadOnlyList<CreditCustomerRow> Customers, CreditDivisionRow Total);

public sealed partial class ReportService
{
    /// <summary>
    /// Credit outstanding from the accounts' balances: every account that allows credit or has a balance, by division
    /// and by customer (largest balance first), with limits, availability and utilisation.
    /// </summary>
    /// <param name="overLimitOnly">Only customers with an account whose balance is above its limit.</param>
    public async Task<CreditOutstandingReport> CreditOutstandingAsync(
        int? divisionId, bool overLimitOnly, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Readers);
        CheckDivision(divisionId);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var accounts = db.DivisionAccounts.AsNoTracking()
            .Where(a => (a.AllowCredit || a.Balance != 0) && (divisionId == null || a.DivisionId == divisionId) && (Mine == null || Mine.Contains(a.DivisionId)));
        var byDivision = await (from a in accounts
                                join d in db.Divisions on a.DivisionId equals d.Id
                                group a by new { d.Id, d.Name } into g
                                orderby g.Key.Name
                                select new CreditDivisionRow(g.Key.Id, g.Key.Name, g.Count(), g.Count(a => a.Balance > a.CreditLimit),
                                    g.Sum(a => a.CreditLimit), g.Sum(a => a.Balance)))
            .ToListAsync(cancellationToken);
        var customers = from a in accounts
                        join c in db.Customers on a.CustomerId equals c.Id
                        group a by new { c.Id, c.CustomerNumber, c.FullName } into g
                        select new
                        {
                            g.Key.Id,
                            g.Key.CustomerNumber,
                            g.Key.FullName,
                            Accounts = g.Count(),
                            OverLimit = g.Count(a => a.Balance > a.CreditLimit),
                            Limit = g.Sum(a => a.CreditLimit),
                            Balance = g.Sum(a => a.Balance),
                        };
        if (overLimitOnly)
        {
            customers = customers.Where(c => c.OverLimit > 0);
        }

        var byCustomer = (await customers.OrderByDescending(c => c.Balance).ThenBy(c => c.CustomerNumber).ToListAsync(cancellationToken))
            .Select(c => new CreditCustomerRow(c.Id, c.CustomerNumber, c.FullName, c.Accounts, c.OverLimit, c.Limit, c.Balance))
            .ToList();
        var total = new CreditDivisionRow(null, "All divisions", byDivision.Sum(d => d.Accounts), byDivision.Sum(d => d.OverLimit),
            byDivision.Sum(d => d.CreditLimit), byDivision.Sum(d => d.Balance));
        return new CreditOutstandingReport(byDivision, byCustomer, total);
    }
}
