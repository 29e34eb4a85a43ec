using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CustomerManager.Tests.Customers.CustomerTestData;

namespace CustomerManager.Tests.Customers;

/// <summary>
/// The unfiltered list pages through plain SQL: by offset, from the end for pages past the middle, and by keyset from
/// the page shown before. Every way must return the same rows as the general (LINQ) query.
/// </summary>
public class CustomerListPagingTests(CustomerListPagingTests.Fixture fixture) : IClassFixture<CustomerListPagingTests.Fixture>
{
    private const int PageSize = 7;

    /// <summary>Its own database with 40 customers (several with the same name, so ties are broken by id), 3 inactive.</summary>
    public sealed class Fixture : AppFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            using var actor = Actors.As("paging-manager", Roles.CreditManager);
            using var scope = Scope();
            var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
            for (var i = 0; i < 40; i++)
            {
                var created = await customers.CreateAsync(i % 4 == 0 ? Person("Same", "Name") : Person(), notDuplicateOf: await DuplicatesAsync(customers));
                if (i % 13 == 5)
                {
                    await customers.DeactivateAsync(created.Id, created.Version);
                }
            }
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        private static async Task<int[]> DuplicatesAsync(CustomerService customers) =>
            (await customers.SearchAsync(new CustomerQuery { Text = "Same Name", Status = CustomerStatusFilter.All }, 0, 200)).Items.Select(i => i.Id).ToArray();
    }

    public static TheoryData<CustomerSort, bool> Sorts => new()
    {
        { CustomerSort.Name, false },
        { CustomerSort.Name, true },
        { CustomerSort.Number, false },
        { CustomerSort.Number, true },
    };

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Keyset_offset_and_general_paging_return_the_same_rows(CustomerSort sort, bool descending)
    {
        using var actor = Actors.As("paging-clerk", Roles.Clerk);
        using var scope = fixture.Scope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var query = new CustomerQuery { Sort = sort, Descending = descending };
        // Blacklisted = false matches every customer here but sends the query down the general LINQ path.
        var general = await customers.SearchAsync(query with { Blacklisted = false }, 0, 200);
        Assert.Equal(37, general.TotalCount);

        var forwards = new List<CustomerListItem>();
        CustomerListPosition? position = null;
        for (var skip = 0; skip < general.TotalCount; skip += PageSize)
        {
            var page = await customers.ListAsync(query, skip, PageSize, position);
            var byOffset = await customers.ListAsync(query, skip, PageSize);
            Assert.Equal(byOffset.Items, page.Items);
            Assert.Equal(37, page.TotalCount);
            Assert.False(page.CountIsCapped);
            forwards.AddRange(page.Items);
            position = page.Position;
        }

        Assert.Equal(general.Items, forwards);

        var backwards = new List<CustomerListItem>();
        for (var skip = (general.TotalCount - 1) / PageSize * PageSize - PageSize; skip >= 0; skip -= PageSize)
        {
            var page = await customers.ListAsync(query, skip, PageSize, position);
            backwards.InsertRange(0, page.Items);
            position = page.Position;
        }

        Assert.Equal(general.Items.Take(backwards.Count), backwards);
    }

    [Fact]
    public async Task A_position_from_another_query_or_page_size_is_not_used()
    {
        using var actor = Actors.As("paging-clerk", Roles.Clerk);
        using var scope = fixture.Scope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var byName = await customers.ListAsync(new CustomerQuery(), 0, PageSize);
        var all = await customers.SearchAsync(new CustomerQuery { Sort = CustomerSort.Number, Blacklisted = false }, 0, 200);

        var byNumber = await customers.ListAsync(new CustomerQuery { Sort = CustomerSort.Number }, PageSize, PageSize, byName.Position);
        var otherSize = await customers.ListAsync(new CustomerQuery(), 5, 5, byName.Position);

        Assert.Equal(all.Items.Skip(PageSize).Take(PageSize), byNumber.Items);
        Assert.Equal((await customers.SearchAsync(new CustomerQuery { Blacklisted = false }, 5, 5)).Items, otherSize.Items);
        Assert.Empty((await customers.ListAsync(new CustomerQuery(), 37, PageSize)).Items);
    }
}
