using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerManager.Tests.Customers.CustomerTestData;

namespace CustomerManager.Tests.Customers;

/// <summary>
/// A merge moves every row of the merged customer (accounts, laybys, credit applications), combines two accounts of
/// one division into the survivor's, keeps group exposure, and an undo puts every row back.
/// </summary>
public class MergeKeepsEverythingTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    [Fact]
    public async Task Merge_combines_same_division_accounts_moves_laybys_and_applications_and_undo_restores_every_row()
    {
        factory.Clock.Set("2026-08-10");
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        var restaurant = await DivisionIdAsync(factory.Services, "RES");
        var survivorClothing = await factory.CreditAccountAsync(clothing, 5000m, firstName: "Thandi", lastName: "Mokoena" + Token());
        var mergedClothing = await factory.CreditAccountAsync(clothing, 5000m, firstName: "Thandiwe", lastName: "Mokoena" + Token());
        int survivorId, mergedId, mergedRestaurant, laybyId, applicationId;
        await using (var db = await Db())
        {
            survivorId = await db.DivisionAccounts.Where(a => a.Id == survivorClothing).Select(a => a.CustomerId).SingleAsync();
            mergedId = await db.DivisionAccounts.Where(a => a.Id == mergedClothing).Select(a => a.CustomerId).SingleAsync();
        }

        using (Actors.As("merge-manager", Roles.CreditManager))
        {
            await In<AccountLedgerService>().RecordSaleAsync(survivorClothing, 400m, "S-1", "Jacket");
            await In<AccountLedgerService>().RecordSaleAsync(mergedClothing, 250m, "M-1", "Shoes");
            await In<AccountLedgerService>().RecordPaymentAsync(mergedClothing, 100m, PaymentMethod.Cash, null, Guid.NewGuid());
            mergedRestaurant = (await In<DivisionAccountService>().OpenAsync(mergedId, restaurant)).Id;
            laybyId = (await In<LaybyService>().OpenAsync(new OpenLaybyInput(mergedId, clothing, [new LaybyItemInput("Coat", null, 1, 1000m)], 200m,
                PaymentMethod.Cash, LaybyFrequency.Monthly, new DateOnly(2026, 10, 31), Guid.NewGuid()))).Id;
            applicationId = (await In<CreditApplicationService>().SubmitAsync(
                new CreditApplicationInput(mergedId, restaurant, 2000m, 30, 9000m, 0m, 1000m, 2000m))).Id;
        }

        factory.Clock.Set("2026-09-03");
        var countsBefore = await CountEveryTableAsync();
        var exposureBefore = await ExposureAsync(survivorId) + await ExposureAsync(mergedId);
        var entriesBefore = await EntriesByAccountAsync(survivorClothing, mergedClothing);

        int mergeId;
        using (Actors.As("merge-manager", Roles.CreditManager))
        {
            var self = await Assert.ThrowsAsync<DomainException>(() => In<CustomerMergeService>().MergeAsync(survivorId, survivorId, []));
            Assert.Equal("Choose two different customers.", self.Message);
            mergeId = await In<CustomerMergeService>().MergeAsync(survivorId, mergedId, []);
        }

        var countsAfter = await CountEveryTableAsync();
        Assert.Equal(countsBefore.Keys, countsAfter.Keys);
        Assert.All(countsBefore.Where(c => c.Key is not (nameof(ICustomerDb.CustomerMerges) or nameof(ICustomerDb.AuditEntries))),
            c => Assert.True(c.Value == countsAfter[c.Key], $"{c.Key}: {c.Value} before, {countsAfter[c.Key]} after"));
        Assert.Equal(countsBefore[nameof(ICustomerDb.CustomerMerges)] + 1, countsAfter[nameof(ICustomerDb.CustomerMerges)]);
        Assert.Equal(exposureBefore, await ExposureAsync(survivorId));
        Assert.Equal(0m, await ExposureAsync(mergedId));
        var combined = await EntriesByAccountAsync(survivorClothing, mergedClothing);
        Assert.Equal(entriesBefore[survivorClothing].Concat(entriesBefore[mergedClothing]).Order(), combined[survivorClothing].Order());
        Assert.Empty(combined[mergedClothing]);
        await using (var db = await Db())
        {
            Assert.Equal(survivorId, await db.Laybys.Where(l => l.Id == laybyId).Select(l => l.CustomerId).SingleAsync());
            Assert.Equal(survivorId, await db.CreditApplications.Where(a => a.Id == applicationId).Select(a => a.CustomerId).SingleAsync());
            Assert.Equal(survivorId, await db.DivisionAccounts.Where(a => a.Id == mergedRestaurant).Select(a => a.CustomerId).SingleAsync());
            Assert.Equal((DivisionAccountStatus.Closed, 0m),
                await db.DivisionAccounts.Where(a => a.Id == mergedClothing).Select(a => new ValueTuple<DivisionAccountStatus, decimal>(a.Status, a.Balance)).SingleAsync());
        }

        using (Actors.As("merge-accountant", Roles.Accountant))
        {
            Assert.Empty(await In<AccountLedgerService>().CheckBalancesAsync(correct: false));
            // The survivor's August statement shows both histories; its arithmetic and aging still agree.
            var statement = await In<StatementService>().GenerateAsync(survivorClothing, 2026, 8);
            Assert.Equal(["S-1", "M-1", null], statement.Lines.Select(l => l.Reference is { } r && r.StartsWith("RCT-", StringComparison.Ordinal) ? null : l.Reference));
            Assert.Equal(400m + 250m - 100m, statement.ClosingBalance);
            Assert.Equal(statement.ClosingBalance, statement.Aging.Total - statement.UnallocatedCredit);
        }

        using (Actors.As("merge-manager", Roles.CreditManager))
        {
            await In<CustomerMergeService>().UndoAsync(mergeId);
        }

        var countsUndone = await CountEveryTableAsync();
        Assert.All(countsBefore.Where(c => c.Key is not (nameof(ICustomerDb.CustomerMerges) or nameof(ICustomerDb.AuditEntries) or nameof(ICustomerDb.Statements) or nameof(ICustomerDb.NumberSequences))),
            c => Assert.True(c.Value == countsUndone[c.Key], $"{c.Key}: {c.Value} before, {countsUndone[c.Key]} after undo"));
        Assert.Equal(entriesBefore, await EntriesByAccountAsync(survivorClothing, mergedClothing));
        Assert.Equal(400m, await ExposureAsync(survivorId));
        Assert.Equal(150m, await ExposureAsync(mergedId));
        await using (var db = await Db())
        {
            Assert.Equal(mergedId, await db.Laybys.Where(l => l.Id == laybyId).Select(l => l.CustomerId).SingleAsync());
            Assert.Equal(mergedId, await db.CreditApplications.Where(a => a.Id == applicationId).Select(a => a.CustomerId).SingleAsync());
            Assert.Equal(DivisionAccountStatus.Active, await db.DivisionAccounts.Where(a => a.Id == mergedClothing).Select(a => a.Status).SingleAsync());
        }

        using (Actors.As("merge-accountant", Roles.Accountant))
        {
            Assert.Empty(await In<AccountLedgerService>().CheckBalancesAsync(correct: false));
        }
    }

    [Fact]
    public async Task A_merge_cannot_be_undone_once_a_moved_layby_took_a_payment()
    {
        factory.Clock.Set("2026-08-12");
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        int survivorId, mergedId, laybyId, mergeId;
        using (Actors.As("merge-manager", Roles.CreditManager))
        {
            survivorId = (await In<CustomerService>().CreateAsync(Person())).Id;
            mergedId = (await In<CustomerService>().CreateAsync(Person(), [survivorId])).Id;
            await In<DivisionAccountService>().OpenAsync(mergedId, clothing);
            laybyId = (await In<LaybyService>().OpenAsync(new OpenLaybyInput(mergedId, clothing, [new LaybyItemInput("Boots", null, 1, 500m)], 100m,
                PaymentMethod.Cash, LaybyFrequency.Monthly, new DateOnly(2026, 10, 31), Guid.NewGuid()))).Id;
            mergeId = await In<CustomerMergeService>().MergeAsync(survivorId, mergedId, []);
            await In<LaybyService>().PayAsync(laybyId, 50m, PaymentMethod.Cash, null, Guid.NewGuid());

            var refused = await Assert.ThrowsAsync<DomainException>(() => In<CustomerMergeService>().UndoAsync(mergeId));
            Assert.Contains("layby LAY-CLO-", refused.Message);
            var again = await Assert.ThrowsAsync<DomainException>(() => In<CustomerMergeService>().MergeAsync(survivorId, mergedId, []));
            Assert.Contains("has already been merged", again.Message);
        }
    }

    [Fact]
    public async Task The_database_lets_an_entry_move_to_another_account_and_refuses_every_other_change()
    {
        factory.Clock.Set("2026-08-14");
        var accountId = await factory.CreditAccountAsync(4, 1000m);
        using (Actors.As("merge-manager", Roles.CreditManager))
        {
            await In<AccountLedgerService>().RecordSaleAsync(accountId, 10m, "T-1", null);
        }

        await using var db = await Db();
        var id = await db.AccountEntries.Where(e => e.DivisionAccountId == accountId).Select(e => e.Id).SingleAsync();
        Func<Task<int>>[] changes =
        [
            () => db.Database.ExecuteSqlAsync($"UPDATE AccountEntries SET Amount = 1 WHERE Id = {id}"),
            () => db.Database.ExecuteSqlAsync($"UPDATE AccountEntries SET Kind = 'Payment' WHERE Id = {id}"),
            () => db.Database.ExecuteSqlAsync($"UPDATE AccountEntries SET PostingDate = '2020-01-01' WHERE Id = {id}"),
            () => db.Database.ExecuteSqlAsync($"UPDATE AccountEntries SET Reference = 'x', DivisionAccountId = {accountId} WHERE Id = {id}"),
            () => db.Database.ExecuteSqlAsync($"UPDATE AccountEntries SET CreatedBy = 'x' WHERE Id = {id}"),
        ];
        foreach (var change in changes)
        {
            var refused = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(change);
            Assert.Contains("append-only", refused.Message);
        }

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM AccountEntries WHERE Id = {id}"));
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE AccountEntries SET DivisionAccountId = {accountId} WHERE Id = {id}"));
    }

    private async Task<Dictionary<string, int>> CountEveryTableAsync()
    {
        await using var db = await Db();
        return typeof(ICustomerDb).GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
            .ToDictionary(p => p.Name, p => ((IQueryable<object>)p.GetValue(db)!).Count());
    }

    private async Task<decimal> ExposureAsync(int customerId)
    {
        await using var db = await Db();
        var balances = await db.DivisionAccounts.Where(a => a.CustomerId == customerId).Select(a => a.Balance).ToListAsync();
        return balances.Sum();
    }

    private async Task<Dictionary<int, List<long>>> EntriesByAccountAsync(params int[] accountIds)
    {
        await using var db = await Db();
        var entries = await db.AccountEntries.Where(e => accountIds.Contains(e.DivisionAccountId)).Select(e => new { e.DivisionAccountId, e.Id }).ToListAsync();
        return accountIds.ToDictionary(id => id, id => entries.Where(e => e.DivisionAccountId == id).Select(e => e.Id).Order().ToList());
    }

    private async Task<ICustomerDb> Db() => await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();

    private T In<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
}
