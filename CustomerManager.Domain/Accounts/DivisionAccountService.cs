using CustomerManager.Domain.Common;
using CustomerManager.Domain.Numbering;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Accounts;

public sealed record CreditTermsInput(
    DivisionAccountStatus Status, decimal CreditLimit, int PaymentTermsDays, bool AllowCredit, bool AllowLayby, LoyaltyTier LoyaltyTier,
    decimal? InterestRatePercent = null);

public sealed record AccountPreferencesInput(
    bool MarketingConsent, bool SmsConsent, bool EmailConsent, string ConsentSource,
    IReadOnlyDictionary<string, string> Preferences, IReadOnlyDictionary<string, string> CustomFields);

/// <summary>Opens and maintains a customer's account in a division (DOMAIN.md §3).</summary>
public sealed class DivisionAccountService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public async Task<DivisionAccount> GetAsync(int accountId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.All.ToArray());
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var account = await db.DivisionAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new NotFoundException("That account does not exist.");
        currentUser.RequireDivision(account.DivisionId);
        return account;
    }

    public async Task<DivisionAccount> OpenAsync(int customerId, int divisionId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Clerk, Roles.CreditManager, Roles.Admin);
        currentUser.RequireDivision(divisionId);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await db.Customers.Where(c => c.Id == customerId)
            .Select(c => new { c.CustomerNumber, c.IsActive }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("That customer does not exist.");
        if (!customer.IsActive)
        {
            throw new DomainException($"{customer.CustomerNumber} is inactive; restore the customer first.");
        }

        var division = await db.Divisions.FirstOrDefaultAsync(d => d.Id == divisionId, cancellationToken)
            ?? throw new DomainException("Choose a division.", "DivisionId");
        if (!division.IsActive)
        {
            throw new DomainException($"{division.Name} is inactive.", "DivisionId");
        }

        if (await db.DivisionAccounts.AnyAsync(a => a.CustomerId == customerId && a.DivisionId == divisionId, cancellationToken))
        {
            throw new DomainException($"{customer.CustomerNumber} already has an account in {division.Name}.", "DivisionId");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var number = await db.TakeNextAsync(DivisionAccount.SequenceName(division.Code), cancellationToken);
        var account = new DivisionAccount(customerId, divisionId, division.Code, number, clock.UtcNow);
        db.DivisionAccounts.Add(account);
        await db.SaveOrExplainAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return account;
    }

    /// <summary>Status, limit, terms and what the account allows: credit decisions (CreditManager/Admin), audited.</summary>
    public async Task SetCreditTermsAsync(int accountId, int version, CreditTermsInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.CreditManager, Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var account = await LoadAsync(db, accountId, version, cancellationToken);
        account.SetCreditTerms(input.Status, input.CreditLimit, input.PaymentTermsDays, input.AllowCredit, input.AllowLayby);
        account.SetLoyaltyTier(input.LoyaltyTier);
        account.SetInterestRate(input.InterestRatePercent);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>
    /// The account's type (retail, VIP, wholesale, loyalty), segment (an active one from the business's list, or the one
    /// it already has) and preferred payment method: how the business treats the account (CreditManager/Admin), audited.
    /// </summary>
    public async Task SetClassificationAsync(
        int accountId, int version, AccountType type, string? segment, Purchases.Tender? preferredTender, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.CreditManager, Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var account = await LoadAsync(db, accountId, version, cancellationToken);
        var offered = await db.AccountSegments.Where(s => s.IsActive || s.Name == account.Segment).Select(s => s.Name).ToListAsync(cancellationToken);
        account.Classify(type, segment, preferredTender, offered);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    /// <summary>Consents, preferences and custom fields: what a clerk records with the customer.</summary>
    public async Task SetPreferencesAsync(int accountId, int version, AccountPreferencesInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Clerk, Roles.CreditManager, Roles.Admin);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var account = await LoadAsync(db, accountId, version, cancellationToken);
        account.SetConsents(input.MarketingConsent, input.SmsConsent, input.EmailConsent, input.ConsentSource, clock.UtcNow);
        account.SetPreferences(input.Preferences);
        account.SetCustomFields(input.CustomFields);
        await db.SaveOrExplainAsync(cancellationToken);
    }

    private async Task<DivisionAccount> LoadAsync(ICustomerDb db, int accountId, int version, CancellationToken cancellationToken)
    {
        var account = await db.DivisionAccounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new DomainException("That account does not exist.");
        currentUser.RequireDivision(account.DivisionId);
        Concurrency.EnsureVersion(account, version, $"account {account.AccountNumber}");
        return account;
    }
}
