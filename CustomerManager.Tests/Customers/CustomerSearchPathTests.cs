using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Customers;

/// <summary>
/// A plain key lookup goes through precompiled queries; the same lookup with a filter or another sort goes through the
/// general query. Both must find the same customers.
/// </summary>
public class CustomerSearchPathTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Key_lookups_find_the_same_customers_with_and_without_the_fast_path()
    {
        using var actor = Actors.As("path-clerk", Roles.Clerk);
        using var scope = factory.Scope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var details = CustomerTestData.Person() with { NationalId = CustomerTestData.NationalId(), AlternatePhone = CustomerTestData.Phone() };
        var created = await customers.CreateAsync(details);

        var lookups = new[]
        {
            created.CustomerNumber.ToLowerInvariant(),
            details.PrimaryEmail!.ToUpperInvariant(),
            details.PrimaryPhone!.Insert(3, " ").Insert(7, " "),
            "+27" + details.AlternatePhone![1..],
            details.NationalId!,
        };
        foreach (var text in lookups)
        {
            var fast = await customers.SearchAsync(new CustomerQuery { Text = text }, 0, 25);
            var general = await customers.SearchAsync(new CustomerQuery { Text = text, Type = CustomerType.Individual }, 0, 25);
            var sortedByNumber = await customers.SearchAsync(new CustomerQuery { Text = text, Sort = CustomerSort.Number }, 0, 25);

            Assert.Equal([created.Id], fast.Items.Select(i => i.Id));
            Assert.Equal(1, fast.TotalCount);
            Assert.Equal(fast.Items, general.Items);
            Assert.Equal(fast.Items, sortedByNumber.Items);
        }

        using (Actors.As("path-manager", Roles.CreditManager))
        {
            await scope.ServiceProvider.GetRequiredService<CustomerService>().DeactivateAsync(created.Id, created.Version);
        }

        var hidden = await customers.SearchAsync(new CustomerQuery { Text = created.CustomerNumber }, 0, 25);
        var shown = await customers.SearchAsync(new CustomerQuery { Text = created.CustomerNumber, Status = CustomerStatusFilter.All }, 0, 25);
        Assert.Empty(hidden.Items);
        Assert.Equal([created.Id], shown.Items.Select(i => i.Id));
    }
}
