using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Security;

/// <summary>
/// Issue 13 item 8: the same payment submitted 50 times at once (a double click, a retrying till, two tabs) is recorded
/// once, and every one of the 50 submissions gets that one payment back.
/// </summary>
public class ConcurrentSubmissionTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Clothing = 3;
    private const int Hardware = 4;

    [Fact]
    public async Task Fifty_concurrent_layby_payments_with_one_request_id_record_one_payment_returned_to_all()
    {
        int laybyId;
        using (Actors.As("same-request-clerk", Roles.Clerk))
        {
            var customer = await Service<CustomerService>().CreateAsync(CustomerTestData.Person());
            await Service<DivisionAccountService>().OpenAsync(customer.Id, Clothing);
            laybyId = (await Service<LaybyService>().OpenAsync(new OpenLaybyInput(customer.Id, Clothing,
                [new LaybyItemInput("Suit", null, 1, 1000m)], 200m, PaymentMethod.Cash, LaybyFrequency.Monthly,
                DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), Guid.NewGuid()))).Id;
        }

        var requestId = Guid.NewGuid();
        var results = await FiftyAtOnceAsync(sp => sp.GetRequiredService<LaybyService>()
            .PayAsync(laybyId, 35m, PaymentMethod.Card, "slip 9", requestId));

        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var stored = await db.LaybyEntries.Where(e => e.RequestId == requestId).ToListAsync();
        var payment = Assert.Single(stored);
        Assert.Equal(-35m, payment.Amount);
        Assert.All(results, r => Assert.Equal((payment.Id, payment.ReceiptNumber), (r.Id, r.ReceiptNumber)));
        // One receipt number taken: the next payment gets the number after it.
        Assert.Equal(1, await db.LaybyEntries.CountAsync(e => e.LaybyId == laybyId && e.Kind == LaybyEntryKind.Payment));
        var layby = await db.Laybys.AsNoTracking().SingleAsync(l => l.Id == laybyId);
        Assert.Equal(await db.LaybyEntries.Where(e => e.LaybyId == laybyId).SumAsync(e => e.Amount), layby.Balance);
    }

    [Fact]
    public async Task Fifty_concurrent_account_payments_with_one_request_id_record_one_payment_returned_to_all()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
        using (Actors.As("same-request-clerk", Roles.Clerk))
        {
            await Service<AccountLedgerService>().RecordSaleAsync(accountId, 300m, "INV-SAME", null);
        }

        var requestId = Guid.NewGuid();
        var results = await FiftyAtOnceAsync(sp => sp.GetRequiredService<AccountLedgerService>()
            .RecordPaymentAsync(accountId, 120m, PaymentMethod.Cash, null, requestId));

        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var payment = Assert.Single(await db.AccountEntries.Where(e => e.RequestId == requestId).ToListAsync());
        Assert.Equal(-120m, payment.Amount);
        Assert.All(results, r => Assert.Equal((payment.Id, payment.ReceiptNumber), (r.Id, r.ReceiptNumber)));
        var account = await db.DivisionAccounts.AsNoTracking().SingleAsync(a => a.Id == accountId);
        Assert.Equal(180m, account.Balance);
        Assert.Equal(120m, await db.PaymentAllocations.Where(a => a.PaymentEntryId == payment.Id).SumAsync(a => a.Amount));
    }

    /// <summary>Fifty submissions released together, each in its own scope as fifty circuits would be.</summary>
    private async Task<T[]> FiftyAtOnceAsync<T>(Func<IServiceProvider, Task<T>> submit)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            using var clerk = Actors.As("same-request-clerk", Roles.Clerk);
            using var scope = factory.Services.CreateScope();
            await start.Task;
            return await submit(scope.ServiceProvider);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
}
