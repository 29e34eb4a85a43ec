using CustomerManager.Domain.Laybys;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>The demo data the app seeds on a fresh start: enough of everything, and every money invariant holding.</summary>
[Collection(EndToEndCollection.Name)]
public class DemoDataTests(RunningApp app)
{
    [Fact]
    public async Task Demo_data_has_customers_ledgers_and_laybys_in_every_state_and_the_money_adds_up()
    {
        await using var db = app.OpenDatabase();
        Assert.True(await db.Customers.CountAsync() >= 500);
        Assert.True(await db.AccountEntries.Select(e => e.DivisionAccountId).Distinct().CountAsync() >= 50);

        var laybys = await db.Laybys.AsNoTracking().Include(l => l.Entries).Include(l => l.Instalments).AsSplitQuery().ToListAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.True(laybys.Count >= 30, $"{laybys.Count} laybys");
        Assert.Contains(laybys, l => l.Status == LaybyStatus.Completed && l.ReleasedAtUtc is not null);
        Assert.Contains(laybys, l => l.Status == LaybyStatus.Active && l.Instalments.Any(i => i.DueDate < today) && l.TotalPaid == l.Deposit);
        Assert.Contains(laybys, l => l.Status == LaybyStatus.Active && l.TotalPaid > l.Deposit);
        Assert.All(laybys.Where(l => l.Status is LaybyStatus.Active or LaybyStatus.OnHold or LaybyStatus.Completed),
            l => Assert.Equal(l.Total + l.Fees, l.TotalPaid + l.Balance));

        var ledgerSums = (await db.AccountEntries.AsNoTracking().Select(e => new { e.DivisionAccountId, e.Amount }).ToListAsync())
            .GroupBy(e => e.DivisionAccountId).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
        foreach (var account in await db.DivisionAccounts.AsNoTracking().Select(a => new { a.Id, a.Balance }).ToListAsync())
        {
            Assert.Equal(ledgerSums.GetValueOrDefault(account.Id), account.Balance);
        }
    }
}
