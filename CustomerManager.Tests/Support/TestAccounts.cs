using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using CustomerManager.Tests.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Support;

/// <summary>Division accounts with credit for service tests, set up by a credit manager.</summary>
internal static class TestAccounts
{
    /// <summary>A new customer with an active account in <paramref name="divisionId"/> that allows credit on 30-day terms.</summary>
    public static async Task<int> CreditAccountAsync(
        this AppFactory factory, int divisionId, decimal limit, decimal? interestRatePercent = null, string? firstName = null, string? lastName = null)
    {
        Customer customer;
        using (Actors.As("accounts-manager", Roles.CreditManager))
        using (var scope = factory.Services.CreateScope())
        {
            customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person(firstName, lastName));
        }

        return await factory.OpenCreditAccountAsync(customer.Id, divisionId, limit, interestRatePercent);
    }

    /// <summary>An active account of an existing customer in <paramref name="divisionId"/> that allows credit on 30-day terms.</summary>
    public static async Task<int> OpenCreditAccountAsync(this AppFactory factory, int customerId, int divisionId, decimal limit, decimal? interestRatePercent = null)
    {
        using var actor = Actors.As("accounts-manager", Roles.CreditManager);
        using var scope = factory.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<DivisionAccountService>();
        var account = await accounts.OpenAsync(customerId, divisionId);
        await accounts.SetCreditTermsAsync(account.Id, account.Version,
            new CreditTermsInput(DivisionAccountStatus.Active, limit, 30, true, true, LoyaltyTier.Bronze, interestRatePercent));
        return account.Id;
    }

    /// <summary>
    /// A new customer whose credit application in <paramref name="divisionId"/> a clerk submitted and the demo credit
    /// manager ("credit", Craig Credit) approved for <paramref name="limit"/>: an account with an active credit line.
    /// </summary>
    public static async Task<(int CustomerId, int AccountId)> ApprovedCreditLineAsync(this AppFactory factory, int divisionId, decimal limit)
    {
        using var scope = factory.Services.CreateScope();
        var applications = scope.ServiceProvider.GetRequiredService<CreditApplicationService>();
        Customer customer;
        CreditApplication application;
        using (Actors.As("line-clerk", Roles.Clerk))
        {
            customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person());
            application = await applications.SubmitAsync(new CreditApplicationInput(customer.Id, divisionId, 20000m, 30, 10000m, 2000m, 3000m, 4000m));
        }

        using (Actors.As("credit", Roles.CreditManager))
        {
            await applications.ApproveAsync(application.Id, application.Version, limit, 30, null, "Steady income");
        }

        await using var db = await scope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var accountId = await db.DivisionAccounts.Where(a => a.CustomerId == customer.Id && a.DivisionId == divisionId).Select(a => a.Id).SingleAsync();
        return (customer.Id, accountId);
    }
}
