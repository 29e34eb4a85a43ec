using CustomerManager.Domain.Common;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Platform;

/// <summary>A page without an order is refused in the tests (and in Development), so every paged query keeps a stable order.</summary>
public class PagingOrderTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_page_read_without_an_order_fails_instead_of_paging_unpredictably()
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Divisions.Skip(1).Take(2).ToListAsync());

        Assert.Contains("RowLimitingOperationWithoutOrderByWarning", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await db.Divisions.OrderBy(d => d.Id).Skip(1).Take(2).ToListAsync()).Count);
    }
}
