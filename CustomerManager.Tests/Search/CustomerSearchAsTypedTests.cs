using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Support;

namespace CustomerManager.Tests.Search;

/// <summary>
/// Issue 12: the customer search finds what people type: a phone with the country code and no plus, and a name as
/// "Surname, First" or in either order. Each on the everyday SQL path (active customers) and the general LINQ path
/// (any status).
/// </summary>
public class CustomerSearchAsTypedTests(SearchWorld world) : IClassFixture<SearchWorld>
{
    public static TheoryData<CustomerStatusFilter> Paths => [CustomerStatusFilter.Active, CustomerStatusFilter.All];

    private async Task<IReadOnlyList<int>> FindAsync(string text, CustomerStatusFilter status)
    {
        using var actor = Actors.As("search-as-typed", Roles.Clerk);
        var page = await world.Service<CustomerService>().SearchAsync(new CustomerQuery { Text = text, Status = status }, 0, 25);
        return page.Items.Select(i => i.Id).ToList();
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_phone_with_the_country_code_but_no_plus_finds_the_customer(CustomerStatusFilter path)
    {
        Assert.Equal([world.David.Id], await FindAsync("27731000046", path));
        Assert.Equal([world.David.Id], await FindAsync("27 73 100 0046", path));
        Assert.Equal([world.David.Id], await FindAsync("+27731000046", path));
        Assert.Equal([world.David.Id], await FindAsync("0731000046", path));
    }

    [Theory]
    [InlineData("Khumalo, David")]
    [InlineData("khumalo,david")]
    [InlineData("Khumalo, Da")]
    [InlineData("Khumalo,")]
    [InlineData("David Khumalo")]
    [InlineData("Khumalo David")]
    [InlineData("khumalo dav")]
    public async Task A_name_typed_surname_first_with_or_without_a_comma_finds_the_customer(string typed)
    {
        foreach (var path in new[] { CustomerStatusFilter.Active, CustomerStatusFilter.All })
        {
            Assert.Equal([world.David.Id], await FindAsync(typed, path));
        }
    }

    [Theory]
    [InlineData("Khumalo, Thandi")]
    [InlineData("Dlamini David")]
    public async Task A_surname_and_first_name_of_two_different_people_find_neither(string typed)
    {
        foreach (var path in new[] { CustomerStatusFilter.Active, CustomerStatusFilter.All })
        {
            Assert.Empty(await FindAsync(typed, path));
        }
    }
}
