using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerManager.Tests.Customers.CustomerTestData;

namespace CustomerManager.Tests.Customers;

public class DivisionAccountServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly Dictionary<string, string> None = [];

    private DivisionAccountService Accounts(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<DivisionAccountService>();

    private async Task<Customer> NewCustomerAsync()
    {
        using var actor = Actors.As("clerk-accounts", Roles.Clerk);
        using var scope = factory.Scope();
        return await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(Person());
    }

    private async Task<DivisionAccount> OpenAsync(int customerId, string divisionCode)
    {
        using var actor = Actors.As("clerk-accounts", Roles.Clerk);
        using var scope = factory.Scope();
        return await Accounts(scope).OpenAsync(customerId, await DivisionIdAsync(scope.ServiceProvider, divisionCode));
    }

    private async Task<DivisionAccount> GetAsync(int accountId)
    {
        using var actor = Actors.As("accountant-accounts", Roles.Accountant);
        using var scope = factory.Scope();
        return await Accounts(scope).GetAsync(accountId);
    }

    private static CreditTermsInput Terms(
        DivisionAccountStatus status = DivisionAccountStatus.Active, decimal limit = 5000m, int days = 30, bool allowCredit = true,
        bool allowLayby = true, LoyaltyTier tier = LoyaltyTier.Bronze) => new(status, limit, days, allowCredit, allowLayby, tier);

    private static AccountPreferencesInput Preferences(
        bool marketing = false, bool sms = false, bool email = false, string source = "",
        IReadOnlyDictionary<string, string>? preferences = null, IReadOnlyDictionary<string, string>? customFields = null) =>
        new(marketing, sms, email, source, preferences ?? None, customFields ?? None);

    [Fact]
    public async Task Opening_accounts_numbers_them_per_division_in_sequence()
    {
        var first = await NewCustomerAsync();
        var second = await NewCustomerAsync();

        var clothingFirst = await OpenAsync(first.Id, "CLO");
        var restaurantFirst = await OpenAsync(first.Id, "RES");
        var clothingSecond = await OpenAsync(second.Id, "CLO");
        var restaurantSecond = await OpenAsync(second.Id, "RES");

        Assert.Matches(@"^CLO-CUST-\d{6}$", clothingFirst.AccountNumber);
        Assert.Matches(@"^RES-CUST-\d{6}$", restaurantFirst.AccountNumber);
        Assert.Equal(NumberPart(clothingFirst.AccountNumber) + 1, NumberPart(clothingSecond.AccountNumber));
        Assert.Equal(NumberPart(restaurantFirst.AccountNumber) + 1, NumberPart(restaurantSecond.AccountNumber));

        var stored = await GetAsync(clothingFirst.Id);
        Assert.Equal((first.Id, clothingFirst.AccountNumber, DivisionAccountStatus.Active), (stored.CustomerId, stored.AccountNumber, stored.Status));
        Assert.Equal((0m, 30, true, false, 0m), (stored.CreditLimit, stored.PaymentTermsDays, stored.AllowLayby, stored.AllowCredit, stored.AvailableCredit));
        Assert.InRange(stored.OpenedAtUtc, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task The_first_account_of_a_division_is_number_one()
    {
        var customer = await NewCustomerAsync();
        var construction = await OpenAsync(customer.Id, "CON");
        Assert.Equal("CON-CUST-000001", construction.AccountNumber);
    }

    [Fact]
    public async Task A_second_account_in_the_same_division_is_refused()
    {
        var customer = await NewCustomerAsync();
        await OpenAsync(customer.Id, "GRO");

        var refused = await Assert.ThrowsAsync<DomainException>(() => OpenAsync(customer.Id, "GRO"));
        Assert.Equal("DivisionId", refused.Field);
        Assert.Contains(customer.CustomerNumber, refused.Message);

        using var scope = factory.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        Assert.Equal(1, await db.DivisionAccounts.CountAsync(a => a.CustomerId == customer.Id));
    }

    [Fact]
    public async Task An_account_cannot_be_opened_for_an_inactive_customer_or_an_unknown_division()
    {
        var customer = await NewCustomerAsync();
        using (Actors.As("clerk-accounts", Roles.Clerk))
        {
            using var scope = factory.Scope();
            Assert.Equal("DivisionId", (await Assert.ThrowsAsync<DomainException>(() => Accounts(scope).OpenAsync(customer.Id, 999_999))).Field);
        }

        using (Actors.As("credit-accounts", Roles.CreditManager))
        {
            using var scope = factory.Scope();
            await scope.ServiceProvider.GetRequiredService<CustomerService>().DeactivateAsync(customer.Id, customer.Version);
        }

        var refused = await Assert.ThrowsAsync<DomainException>(() => OpenAsync(customer.Id, "HRD"));
        Assert.Contains("inactive", refused.Message);
    }

    [Fact]
    public async Task An_accountant_cannot_open_an_account()
    {
        var customer = await NewCustomerAsync();
        using var actor = Actors.As("accountant-accounts", Roles.Accountant);
        using var scope = factory.Scope();
        await Assert.ThrowsAsync<AccessDeniedException>(() => Accounts(scope).OpenAsync(customer.Id, 1));
    }

    [Fact]
    public async Task A_credit_manager_sets_credit_terms_and_the_available_credit_follows()
    {
        var account = await OpenAsync((await NewCustomerAsync()).Id, "CLO");
        using (Actors.As("credit-terms", Roles.CreditManager))
        {
            using var scope = factory.Scope();
            await Accounts(scope).SetCreditTermsAsync(account.Id, account.Version,
                Terms(limit: 2500.555m, days: 60, allowLayby: false, tier: LoyaltyTier.Gold));
        }

        var stored = await GetAsync(account.Id);
        Assert.Equal((2500.56m, 60, true, false, LoyaltyTier.Gold), (stored.CreditLimit, stored.PaymentTermsDays, stored.AllowCredit, stored.AllowLayby, stored.LoyaltyTier));
        Assert.Equal(2500.56m, stored.AvailableCredit);
        Assert.Equal(account.Version + 1, stored.Version);

        using (Actors.As("admin-terms", Roles.Admin))
        {
            using var scope = factory.Scope();
            await Accounts(scope).SetCreditTermsAsync(account.Id, stored.Version, Terms(DivisionAccountStatus.Suspended, limit: 2500m));
        }

        Assert.Equal(0m, (await GetAsync(account.Id)).AvailableCredit);
    }

    [Theory]
    [InlineData(Roles.Clerk)]
    [InlineData(Roles.Accountant)]
    public async Task Only_credit_managers_and_admins_change_credit_terms(string role)
    {
        var account = await OpenAsync((await NewCustomerAsync()).Id, "CLO");
        using var actor = Actors.As("not-credit", role);
        using var scope = factory.Scope();
        await Assert.ThrowsAsync<AccessDeniedException>(() => Accounts(scope).SetCreditTermsAsync(account.Id, account.Version, Terms()));
        Assert.Equal(0m, (await Accounts(scope).GetAsync(account.Id)).CreditLimit);
    }

    [Fact]
    public async Task Invalid_credit_terms_are_refused_on_their_field_and_nothing_changes()
    {
        var account = await OpenAsync((await NewCustomerAsync()).Id, "CLO");
        using var actor = Actors.As("credit-invalid", Roles.CreditManager);
        using var scope = factory.Scope();
        var accounts = Accounts(scope);

        Assert.Equal("CreditLimit", (await Assert.ThrowsAsync<DomainException>(() => accounts.SetCreditTermsAsync(account.Id, account.Version, Terms(limit: -1m)))).Field);
        Assert.Equal("CreditLimit", (await Assert.ThrowsAsync<DomainException>(() => accounts.SetCreditTermsAsync(account.Id, account.Version, Terms(limit: 0m, allowCredit: true)))).Field);
        Assert.Equal("CreditLimit", (await Assert.ThrowsAsync<DomainException>(() => accounts.SetCreditTermsAsync(account.Id, account.Version, Terms(limit: 100_000_001m)))).Field);
        Assert.Equal("PaymentTermsDays", (await Assert.ThrowsAsync<DomainException>(() => accounts.SetCreditTermsAsync(account.Id, account.Version, Terms(days: 366)))).Field);
        Assert.Equal("PaymentTermsDays", (await Assert.ThrowsAsync<DomainException>(() => accounts.SetCreditTermsAsync(account.Id, account.Version, Terms(days: -1)))).Field);
        Assert.Equal("Status", (await Assert.ThrowsAsync<DomainException>(() => accounts.SetCreditTermsAsync(account.Id, account.Version, Terms((DivisionAccountStatus)42)))).Field);
        Assert.Equal("LoyaltyTier", (await Assert.ThrowsAsync<DomainException>(() => accounts.SetCreditTermsAsync(account.Id, account.Version, Terms(tier: (LoyaltyTier)9)))).Field);

        var unchanged = await accounts.GetAsync(account.Id);
        Assert.Equal((0m, false, account.Version), (unchanged.CreditLimit, unchanged.AllowCredit, unchanged.Version));

        await accounts.SetCreditTermsAsync(account.Id, account.Version, Terms(limit: 100m, allowCredit: false));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => accounts.SetCreditTermsAsync(account.Id, account.Version, Terms()));
    }

    [Fact]
    public async Task Consents_record_when_and_how_each_was_given_or_withdrawn()
    {
        var account = await OpenAsync((await NewCustomerAsync()).Id, "RES");
        using var actor = Actors.As("clerk-consent", Roles.Clerk);
        using var scope = factory.Scope();
        var accounts = Accounts(scope);
        var before = DateTime.UtcNow.AddSeconds(-1);

        await accounts.SetPreferencesAsync(account.Id, account.Version, Preferences(marketing: true, email: true, source: "  signed form at till 3 "));
        var given = await accounts.GetAsync(account.Id);
        Assert.Equal((true, "signed form at till 3"), (given.MarketingConsent, given.MarketingConsentSource));
        Assert.Equal((true, "signed form at till 3"), (given.EmailConsent, given.EmailConsentSource));
        Assert.InRange(given.MarketingConsentAtUtc!.Value, before, DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(given.MarketingConsentAtUtc, given.EmailConsentAtUtc);
        Assert.Equal((false, (DateTime?)null, (string?)null), (given.SmsConsent, given.SmsConsentAtUtc, given.SmsConsentSource));

        await accounts.SetPreferencesAsync(account.Id, given.Version, Preferences(marketing: false, email: true, source: "phoned to opt out"));
        var withdrawn = await accounts.GetAsync(account.Id);
        Assert.Equal((false, "phoned to opt out"), (withdrawn.MarketingConsent, withdrawn.MarketingConsentSource));
        Assert.True(withdrawn.MarketingConsentAtUtc >= given.MarketingConsentAtUtc);
        Assert.Equal(("signed form at till 3", given.EmailConsentAtUtc), (withdrawn.EmailConsentSource, withdrawn.EmailConsentAtUtc));
    }

    [Fact]
    public async Task Changing_a_consent_without_saying_how_is_refused_but_other_changes_need_no_source()
    {
        var account = await OpenAsync((await NewCustomerAsync()).Id, "RES");
        using var actor = Actors.As("clerk-consent-source", Roles.Clerk);
        using var scope = factory.Scope();
        var accounts = Accounts(scope);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            accounts.SetPreferencesAsync(account.Id, account.Version, Preferences(sms: true, source: "  ")));
        Assert.Equal("ConsentSource", refused.Field);
        Assert.False((await accounts.GetAsync(account.Id)).SmsConsent);

        await accounts.SetPreferencesAsync(account.Id, account.Version, Preferences(preferences: new Dictionary<string, string> { ["size"] = "M" }));
        Assert.Equal("M", (await accounts.GetAsync(account.Id)).Preferences["size"]);
    }

    [Fact]
    public async Task Preferences_and_custom_fields_round_trip_trimmed()
    {
        var account = await OpenAsync((await NewCustomerAsync()).Id, "CLO");
        using var actor = Actors.As("clerk-prefs", Roles.Clerk);
        using var scope = factory.Scope();
        var accounts = Accounts(scope);

        await accounts.SetPreferencesAsync(account.Id, account.Version, Preferences(
            preferences: new Dictionary<string, string> { [" shoe size "] = " 8 ", ["delivery day"] = "Friday" },
            customFields: new Dictionary<string, string> { ["loyalty card"] = "LC-0042" }));

        var stored = await accounts.GetAsync(account.Id);
        Assert.Equal(new Dictionary<string, string> { ["delivery day"] = "Friday", ["shoe size"] = "8" }, stored.Preferences);
        Assert.Equal(new Dictionary<string, string> { ["loyalty card"] = "LC-0042" }, stored.CustomFields);

        await accounts.SetPreferencesAsync(account.Id, stored.Version, Preferences());
        var cleared = await accounts.GetAsync(account.Id);
        Assert.Empty(cleared.Preferences);
        Assert.Empty(cleared.CustomFields);
    }

    [Fact]
    public async Task Bad_preference_or_custom_field_keys_are_refused_on_their_field()
    {
        var account = await OpenAsync((await NewCustomerAsync()).Id, "CLO");
        using var actor = Actors.As("clerk-bad-prefs", Roles.Clerk);
        using var scope = factory.Scope();
        var accounts = Accounts(scope);

        async Task<string?> FieldOf(AccountPreferencesInput input) =>
            (await Assert.ThrowsAsync<DomainException>(() => accounts.SetPreferencesAsync(account.Id, account.Version, input))).Field;

        Assert.Equal("Preferences", await FieldOf(Preferences(preferences: new Dictionary<string, string> { ["  "] = "x" })));
        Assert.Equal("Preferences", await FieldOf(Preferences(preferences: new Dictionary<string, string> { ["size"] = "M", [" size "] = "L" })));
        Assert.Equal("Preferences", await FieldOf(Preferences(preferences: new Dictionary<string, string> { ["note"] = new string('v', 201) })));
        Assert.Equal("CustomFields", await FieldOf(Preferences(customFields: new Dictionary<string, string> { [new string('k', 51)] = "x" })));
        Assert.Equal("CustomFields", await FieldOf(Preferences(customFields: Enumerable.Range(1, 31).ToDictionary(i => $"field{i}", i => "x"))));

        var unchanged = await accounts.GetAsync(account.Id);
        Assert.Equal((account.Version, "{}", "{}"), (unchanged.Version, unchanged.PreferencesJson, unchanged.CustomFieldsJson));
    }

    [Fact]
    public async Task Changing_an_account_status_writes_an_audit_row_with_old_and_new_status()
    {
        var account = await OpenAsync((await NewCustomerAsync()).Id, "HRD");
        using (Actors.As("credit-audit", Roles.CreditManager))
        {
            using var scope = factory.Scope();
            await Accounts(scope).SetCreditTermsAsync(account.Id, account.Version, Terms(DivisionAccountStatus.Suspended, limit: 0m, allowCredit: false));
        }

        using var readScope = factory.Scope();
        await using var db = await readScope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var key = account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.Where(a => a.EntityType == "DivisionAccount" && a.EntityKey == key).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Updated], entries.Select(e => e.Action));
        Assert.Equal("clerk-accounts", entries[0].UserName);
        var change = entries[1];
        Assert.Equal("credit-audit", change.UserName);
        var status = Assert.Single(change.Changes, c => c.Field == "Status");
        Assert.Equal(("Active", "Suspended"), (status.OldValue, status.NewValue));
    }
}
