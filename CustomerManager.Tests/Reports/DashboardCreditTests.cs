using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Reports;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Reports;

/// <summary>Issue 12: the dashboard's total receivable and the aging total differ by unallocated credit, and it shows all three.</summary>
public class DashboardCreditTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Total_receivable_is_the_aging_total_less_unallocated_credit()
    {
        using (Actors.As("dash-credit", Roles.CreditManager))
        {
            // One account owes 700 of a 1,000 sale; another paid 500 against a 200 sale: 300 unallocated credit.
            await AccountAsync(sale: 1_000m, paid: 300m);
            await AccountAsync(sale: 200m, paid: 500m);
        }

        using var actor = Actors.As("dash-accountant", Roles.Accountant);
        using var scope = factory.Scope();
        var dashboard = await scope.ServiceProvider.GetRequiredService<ReportService>().DashboardAsync();

        Assert.Equal((400m, 700m, 300m), (dashboard.TotalReceivable, dashboard.AgingTotal, dashboard.UnallocatedCredit));
    }

    private async Task AccountAsync(decimal sale, decimal paid)
    {
        using var scope = factory.Scope();
        var services = scope.ServiceProvider;
        var customer = await services.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person());
        var account = await services.GetRequiredService<DivisionAccountService>().OpenAsync(customer.Id, await CustomerTestData.DivisionIdAsync(services, "HRD"));
        await services.GetRequiredService<DivisionAccountService>().SetCreditTermsAsync(account.Id, account.Version,
            new CreditTermsInput(DivisionAccountStatus.Active, 5_000m, 30, true, true, LoyaltyTier.Bronze));
        await services.GetRequiredService<AccountLedgerService>().RecordSaleAsync(account.Id, sale, "INV-" + CustomerTestData.Token(), null);
        await services.GetRequiredService<AccountLedgerService>().RecordPaymentAsync(account.Id, paid, PaymentMethod.Cash, null, Guid.NewGuid());
    }
}
