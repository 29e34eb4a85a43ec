using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Credit;

public class CreditPolicyTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private const int Grocery = 1;
    private const int Restaurant = 2;
    private const int Hardware = 4;

    [Theory]
    [InlineData(0, 30, "AffordabilityFactor")]
    [InlineData(-1, 30, "AffordabilityFactor")]
    [InlineData(24.5, 30, "AffordabilityFactor")]
    [InlineData(2.555, 30, "AffordabilityFactor")]
    [InlineData(3, -1, "OverdueThresholdDays")]
    [InlineData(3, 366, "OverdueThresholdDays")]
    public async Task Bad_terms_are_refused_on_their_field_and_add_no_version(decimal factor, int thresholdDays, string field)
    {
        using var admin = Actors.As("policy-admin", Roles.Admin);
        var before = await Policies().HistoryAsync(Grocery);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Policies().SaveAsync(Grocery, new CreditPolicyTerms(factor, thresholdDays)));

        Assert.Equal(field, refused.Field);
        Assert.Equal(before.Count, (await Policies().HistoryAsync(Grocery)).Count);
    }

    [Fact]
    public async Task Only_admins_change_credit_policies()
    {
        foreach (var role in new[] { Roles.Clerk, Roles.CreditManager, Roles.Accountant })
        {
            using var actor = Actors.As("not-admin", role);
            var before = await Policies().TermsAsync(Restaurant);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Policies().SaveAsync(Restaurant, new CreditPolicyTerms(4m, 10)));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Policies().HistoryAsync(Restaurant));
            Assert.Equal(before, await Policies().TermsAsync(Restaurant));
        }
    }

    [Fact]
    public async Task A_new_version_sets_the_factor_for_new_applications_while_submitted_ones_keep_theirs()
    {
        var (first, second) = (await CustomerAsync(), await CustomerAsync());
        CreditApplication before;
        using (Actors.As("policy-clerk", Roles.Clerk))
        {
            before = await Applications().SubmitAsync(Input(first.Id));
        }

        CreditPolicy saved;
        using (Actors.As("policy-admin", Roles.Admin))
        {
            saved = await Policies().SaveAsync(Grocery, new CreditPolicyTerms(1.5m, 45));
            var history = await Policies().HistoryAsync(Grocery);
            Assert.Equal(saved.VersionNumber, history[0].VersionNumber);
            Assert.Equal(history[1].VersionNumber + 1, saved.VersionNumber);
            Assert.Equal("policy-admin", saved.CreatedBy);
        }

        using var clerk = Actors.As("policy-clerk", Roles.Clerk);
        var after = await Applications().SubmitAsync(Input(second.Id));
        var listed = (await Policies().ListAsync()).Single(p => p.DivisionId == Grocery);

        // discretionary = 10,000 + 2,000 − 3,000 − 4,000 = 5,000; requested 20,000
        Assert.Equal((3m, 15000m), (before.AffordabilityFactor, (await Applications().ForCustomerAsync(first.Id)).Single().Affordability.SuggestedLimit));
        Assert.Equal((1.5m, 7500m), (after.AffordabilityFactor, (await Applications().ForCustomerAsync(second.Id)).Single().Affordability.SuggestedLimit));
        Assert.Equal((1.5m, 45), (listed.Terms.AffordabilityFactor, listed.Terms.OverdueThresholdDays));
    }

    [Fact]
    public async Task Sales_stop_once_a_charge_is_overdue_beyond_the_divisions_threshold()
    {
        factory.Clock.Set("2026-06-01");
        var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
        using (Actors.As("policy-clerk", Roles.Clerk))
        {
            await Ledger().RecordSaleAsync(accountId, 100m, "INV-OLD", null); // due 2026-07-01 (30-day terms)
        }

        factory.Clock.Set("2026-07-16"); // 15 days overdue: within the default 30
        using (Actors.As("policy-clerk", Roles.Clerk))
        {
            await Ledger().RecordSaleAsync(accountId, 10m, "INV-OK", null);
        }

        using (Actors.As("policy-admin", Roles.Admin))
        {
            await Policies().SaveAsync(Hardware, new CreditPolicyTerms(3m, 14));
        }

        using (Actors.As("policy-clerk", Roles.Clerk))
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => Ledger().RecordSaleAsync(accountId, 10m, "INV-NO", null));
            Assert.Contains("15 days overdue (more than 14)", refused.Message);
        }

        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        Assert.Equal(2, await db.AccountEntries.CountAsync(e => e.DivisionAccountId == accountId));
    }

    private static CreditApplicationInput Input(int customerId) =>
        new(customerId, Grocery, 20000m, 30, 10000m, 2000m, 3000m, 4000m, "Acme Builders", "011 555 0100");

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private CreditPolicyService Policies() => Service<CreditPolicyService>();

    private CreditApplicationService Applications() => Service<CreditApplicationService>();

    private AccountLedgerService Ledger() => Service<AccountLedgerService>();

    private async Task<Customer> CustomerAsync()
    {
        using var actor = Actors.As("policy-clerk", Roles.Clerk);
        return await Service<CustomerService>().CreateAsync(CustomerTestData.Person());
    }

}
