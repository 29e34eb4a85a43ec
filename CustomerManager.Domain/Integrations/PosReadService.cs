using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Loyalty;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Integrations;

public sealed record PosAccount(string AccountNumber, int DivisionId, string Division, decimal Balance, decimal CreditLimit,
    decimal AvailableCredit, int Points, decimal PointsValue, string Tier);

public sealed record PosLayby(string LaybyNumber, string Division, string Status, decimal Total, decimal Balance);

public sealed record PosCustomer(int Id, string CustomerNumber, string Name, string? Email, string? Phone, bool Blacklisted, IReadOnlyList<PosAccount> Accounts);

public sealed record PosBalances(int CustomerId, string CustomerNumber, string Name, IReadOnlyList<PosAccount> Accounts, IReadOnlyList<PosLayby> OpenLaybys);

/// <summary>What a point-of-sale system reads (issue 18): find a customer, and their balances, points and open laybys, in the divisions the caller works in.</summary>
public sealed class PosReadService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessDefaults defaults)
{
    /// <summary>Customers by customer number, phone (any format), e-mail or division account number; only one is used.</summary>
    public async Task<IReadOnlyList<PosCustomer>> LookupAsync(string? number, string? phone, string? email, string? account, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        IQueryable<Customer> query;
        if (!string.IsNullOrWhiteSpace(number))
        {
            var n = number.Trim().ToUpperInvariant();
            query = db.Customers.Where(c => c.CustomerNumber == n);
        }
        else if (!string.IsNullOrWhiteSpace(phone))
        {
            var e164 = ContactNormalisation.TryNormalisePhone(phone, (await defaults.GetAsync(db, cancellationToken)).PhoneCountryCode)
                ?? throw new DomainException("That is not a phone number.", "phone");
            query = db.Customers.Where(c => c.PrimaryPhone == e164 || c.AlternatePhone == e164);
        }
        else if (!string.IsNullOrWhiteSpace(email))
        {
            var normalised = ContactNormalisation.NormaliseEmail(email, "email");
            query = db.Customers.Where(c => c.PrimaryEmail == normalised);
        }
        else if (!string.IsNullOrWhiteSpace(account))
        {
            var a = account.Trim().ToUpperInvariant();
            query = db.Customers.Where(c => db.DivisionAccounts.Any(d => d.CustomerId == c.Id && d.AccountNumber == a));
        }
        else
        {
            throw new DomainException("Give a customer number, phone, e-mail or account number to look up.", "number");
        }

        var customers = await query.Where(c => c.IsActive).OrderBy(c => c.Id).Take(20).AsNoTracking().ToListAsync(cancellationToken);
        var result = new List<PosCustomer>();
        foreach (var c in customers)
        {
            var accounts = await AccountsAsync(db, c.Id, cancellationToken);
            if (accounts.Count > 0)
            {
                result.Add(new PosCustomer(c.Id, c.CustomerNumber, c.FullName, c.PrimaryEmail, c.PrimaryPhone, c.IsBlacklisted, accounts));
            }
        }

        return result;
    }

    public async Task<PosBalances> BalancesAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new NotFoundException("That customer does not exist.");
        var accounts = await AccountsAsync(db, customerId, cancellationToken);
        if (accounts.Count == 0)
        {
            throw new AccessDeniedException("The customer has no account in the divisions this key works in.");
        }

        var divisions = accounts.Select(a => a.DivisionId).ToList();
        var names = accounts.ToDictionary(a => a.DivisionId, a => a.Division);
        var laybys = await db.Laybys.AsNoTracking()
            .Where(l => l.CustomerId == customerId && divisions.Contains(l.DivisionId) && (l.Status == LaybyStatus.Active || l.Status == LaybyStatus.OnHold))
            .OrderBy(l => l.Id).ToListAsync(cancellationToken);
        return new PosBalances(customer.Id, customer.CustomerNumber, customer.FullName, accounts,
            laybys.Select(l => new PosLayby(l.LaybyNumber, names[l.DivisionId], l.Status.ToString(), l.Total, l.Balance)).ToList());
    }

    /// <summary>The id of a layby by its number (LAY-CLO-000001), in the caller's divisions.</summary>
    public async Task<int> LaybyIdAsync(string number, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var n = (number ?? "").Trim().ToUpperInvariant();
        var layby = await db.Laybys.AsNoTracking().Where(l => l.LaybyNumber == n).Select(l => new { l.Id, l.DivisionId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no layby {n}.");
        currentUser.RequireDivision(layby.DivisionId);
        return layby.Id;
    }

    private async Task<List<PosAccount>> AccountsAsync(ICustomerDb db, int customerId, CancellationToken cancellationToken)
    {
        var mine = currentUser.DivisionIds;
        var accounts = await db.DivisionAccounts.AsNoTracking().Where(a => a.CustomerId == customerId && a.Status != DivisionAccountStatus.Closed)
            .Where(a => mine == null || mine.Contains(a.DivisionId)).OrderBy(a => a.AccountNumber).ToListAsync(cancellationToken);
        var names = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var result = new List<PosAccount>();
        foreach (var a in accounts)
        {
            var terms = await LoyaltyPostings.TermsAsync(db, a.DivisionId, cancellationToken);
            result.Add(new PosAccount(a.AccountNumber, a.DivisionId, names[a.DivisionId], a.Balance, a.CreditLimit, a.AvailableCredit, a.LoyaltyPoints,
                terms.ValueOf(a.LoyaltyPoints), a.LoyaltyTier.ToString()));
        }

        return result;
    }
}
