using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
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
        using var actor = Actors.As("accounts-manager", Roles.CreditManager);
        using var scope = factory.Services.CreateScope();
        var customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person(firstName, lastName));
        var accounts = scope.ServiceProvider.GetRequiredService<DivisionAccountService>();
        var account = await accounts.OpenAsync(customer.Id, divisionId);
        await accounts.SetCreditTermsAsync(account.Id, account.Version,
            new CreditTermsInput(DivisionAccountStatus.Active, limit, 30, true, true, LoyaltyTier.Bronze, interestRatePercent));
        return account.Id;
    }
}
