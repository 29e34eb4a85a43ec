using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Platform;

public class MoneyStorageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(10.005, 10.01)]
    [InlineData(-10.005, -10.01)]
    [InlineData(2.345, 2.35)]
    [InlineData(2.344, 2.34)]
    public void Money_rounds_to_cents_half_away_from_zero(decimal amount, decimal expected) =>
        Assert.Equal(expected, Money.Round(amount));

    [Fact]
    public void Minor_units_round_trip() => Assert.Equal(1234.57m, Money.FromMinorUnits(Money.ToMinorUnits(1234.567m)));

    [Fact]
    public async Task Sqlite_sorts_filters_and_sums_money_in_sql()
    {
        using var actor = Actors.As("money-admin", Roles.Admin);
        using var scope = factory.Scope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var accounts = scope.ServiceProvider.GetRequiredService<DivisionAccountService>();
        var limits = new[] { 1500.50m, 99.99m, 20000m };
        var ids = new List<int>();
        for (var i = 0; i < limits.Length; i++)
        {
            var customer = await customers.CreateAsync(new CustomerDetails
            {
                FirstName = "Money" + i, LastName = "Sorter" + i, PrimaryPhone = $"0839000{i:D3}",
            });
            var account = await accounts.OpenAsync(customer.Id, 1);
            await accounts.SetCreditTermsAsync(account.Id, account.Version,
                new CreditTermsInput(DivisionAccountStatus.Active, limits[i], 30, true, true, LoyaltyTier.Bronze));
            ids.Add(account.Id);
        }

        await using var db = await scope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var mine = db.DivisionAccounts.Where(a => ids.Contains(a.Id));
        var sorted = await mine.OrderBy(a => a.CreditLimit).Select(a => a.CreditLimit).ToListAsync();
        Assert.Equal([99.99m, 1500.50m, 20000m], sorted);
        Assert.Equal(2, await mine.CountAsync(a => a.CreditLimit > 1000m));
        Assert.Equal(21600.49m, await mine.SumAsync(a => a.CreditLimit));

        var sql = mine.OrderBy(a => a.CreditLimit).ToQueryString();
        Assert.Contains("ORDER BY \"d\".\"CreditLimit\"", sql);
    }
}
