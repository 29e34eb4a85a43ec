using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Laybys;

public class LaybyServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Clothing = 3;

    [Fact]
    public async Task Opening_numbers_the_layby_and_receipts_and_a_retried_open_creates_one()
    {
        using var actor = Actors.As("layby-clerk", Roles.Clerk);
        var input = await NewLaybyInputAsync(price: 600m, deposit: 120m);

        var layby = await Service().OpenAsync(input);
        var again = await Service().OpenAsync(input);

        Assert.Matches(@"^LAY-CLO-\d{6}$", layby.LaybyNumber);
        Assert.Equal(layby.Id, again.Id);
        var stored = await Service().GetAsync(layby.Id);
        Assert.Matches(@"^RCT-CLO-\d{6}$", stored.Entries.Single(e => e.Kind == LaybyEntryKind.Deposit).ReceiptNumber);
        Assert.Equal(stored.Total + stored.Fees - stored.Deposit, stored.Instalments.Sum(i => i.Amount));
        Assert.Equal(stored.Balance, stored.Entries.Sum(e => e.Amount));
    }

    [Fact]
    public async Task A_payment_request_posted_twice_records_one_payment()
    {
        using var actor = Actors.As("layby-clerk", Roles.Clerk);
        var layby = await Service().OpenAsync(await NewLaybyInputAsync());
        var requestId = Guid.NewGuid();

        var first = await Service().PayAsync(layby.Id, 100m, PaymentMethod.Cash, null, requestId);
        var second = await Service().PayAsync(layby.Id, 100m, PaymentMethod.Cash, null, requestId);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.ReceiptNumber, second.ReceiptNumber);
        var stored = await Service().GetAsync(layby.Id);
        Assert.Single(stored.Entries, e => e.Kind == LaybyEntryKind.Payment);
    }

    [Fact]
    public async Task Fifty_concurrent_payments_never_exceed_the_balance_and_lose_nothing()
    {
        using var actor = Actors.As("layby-clerk", Roles.Clerk);
        var layby = await Service().OpenAsync(await NewLaybyInputAsync(price: 1000m, deposit: 200m));
        var balance = (await Service().GetAsync(layby.Id)).Balance;

        // 50 posts of 40.00 = 2,000.00 against a balance of 825.00: some must be refused.
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            using var inner = Actors.As("layby-clerk", Roles.Clerk);
            using var scope = factory.Services.CreateScope();
            try
            {
                return (Entry: await scope.ServiceProvider.GetRequiredService<LaybyService>()
                    .PayAsync(layby.Id, 40m, PaymentMethod.Cash, null, Guid.NewGuid()), Error: (string?)null);
            }
            catch (DomainException e)
            {
                return (Entry: (LaybyEntry?)null, Error: e.Message);
            }
        })));

        var accepted = results.Where(r => r.Entry is not null).ToList();
        var stored = await Service().GetAsync(layby.Id);
        var payments = stored.Entries.Where(e => e.Kind == LaybyEntryKind.Payment).ToList();
        Assert.Equal(accepted.Count, payments.Count);
        Assert.Equal(accepted.Select(a => a.Entry!.Id).Order(), payments.Select(p => p.Id).Order());
        Assert.True(-payments.Sum(p => p.Amount) <= balance);
        Assert.Equal((int)(balance / 40m), payments.Count);
        Assert.All(results.Where(r => r.Error is not null), r => Assert.Contains("more than the balance", r.Error));
        Assert.Equal(stored.Balance, stored.Entries.Sum(e => e.Amount));
        Assert.Equal(stored.Total + stored.Fees, stored.TotalPaid + stored.Balance);
        Assert.Equal(payments.Count, payments.Select(p => p.ReceiptNumber).Distinct().Count());
    }

    [Fact]
    public async Task Entries_are_append_only_in_the_database()
    {
        using var actor = Actors.As("layby-clerk", Roles.Clerk);
        var layby = await Service().OpenAsync(await NewLaybyInputAsync());
        await using var db = (DbContext)await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE LaybyEntries SET Amount = 0 WHERE LaybyId = {0}", layby.Id));
        Assert.Contains("append-only", refused.Message);
    }

    [Fact]
    public async Task The_late_fee_job_is_idempotent_and_only_credit_managers_waive_fees()
    {
        using var actor = Actors.As("layby-clerk", Roles.Clerk);
        var layby = await Service().OpenAsync(await NewLaybyInputAsync(days: 60));
        var stored = await Service().GetAsync(layby.Id);
        var lateDay = stored.Instalments[0].DueDate.AddDays(8);

        var jobs = factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyJobs>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => jobs.RunAsync(lateDay));
        LaybyJobResult first, second;
        using (Actors.As("job-admin", Roles.Admin))
        {
            first = await jobs.RunAsync(lateDay);
            second = await jobs.RunAsync(lateDay);
        }

        Assert.True(first.LateFeesAdded >= 1);
        Assert.Equal(0, second.LateFeesAdded);
        var fee = (await Service().GetAsync(layby.Id)).Entries.Single(e => e.Kind == LaybyEntryKind.LateFee);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().ReverseAsync(layby.Id, fee.Id, "Goodwill"));
        using (Actors.As("layby-manager", Roles.CreditManager))
        {
            await factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyService>().ReverseAsync(layby.Id, fee.Id, "Goodwill");
        }

        var after = await Service().GetAsync(layby.Id);
        Assert.Equal(after.Balance, after.Entries.Sum(e => e.Amount));
        Assert.Contains(after.Entries, e => e.Kind == LaybyEntryKind.Reversal && e.ReversalOfId == fee.Id);
    }

    [Fact]
    public async Task A_credit_manager_cancels_after_a_quote_and_a_clerk_cannot()
    {
        using var actor = Actors.As("layby-clerk", Roles.Clerk);
        var layby = await Service().OpenAsync(await NewLaybyInputAsync(price: 1000m, deposit: 200m));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().QuoteAsync(layby.Id, CancellationReason.CustomerRequest));

        using var manager = Actors.As("layby-manager", Roles.CreditManager);
        var service = Service();
        var quote = await service.QuoteAsync(layby.Id, CancellationReason.CustomerRequest);
        var current = await service.GetAsync(layby.Id);
        await service.CancelAsync(layby.Id, current.Version, CancellationReason.CustomerRequest, null, PaymentMethod.Cash);

        var cancelled = await service.GetAsync(layby.Id);
        Assert.Equal(LaybyStatus.Cancelled, cancelled.Status);
        Assert.Equal(quote.Refund, cancelled.Refunded);
        Assert.Equal(0m, cancelled.Balance);
        await Assert.ThrowsAsync<DomainException>(() =>
            service.CancelAsync(layby.Id, cancelled.Version, CancellationReason.CustomerRequest, null, PaymentMethod.Cash));
    }

    [Fact]
    public async Task A_layby_needs_an_account_that_allows_laybys()
    {
        using var actor = Actors.As("layby-clerk", Roles.Clerk);
        var customer = await Customers().CreateAsync(CustomerTestData.Person());
        var input = new OpenLaybyInput(customer.Id, Clothing, [new LaybyItemInput("Jacket", null, 1, 500m)], 100m, PaymentMethod.Cash,
            LaybyFrequency.Monthly, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), Guid.NewGuid());

        var refused = await Assert.ThrowsAsync<DomainException>(() => Service().OpenAsync(input));

        Assert.Contains("no account in Clothing", refused.Message);
    }

    private LaybyService Service() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyService>();

    private CustomerService Customers() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>();

    private async Task<OpenLaybyInput> NewLaybyInputAsync(decimal price = 1000m, decimal deposit = 200m, int days = 90)
    {
        var customer = await Customers().CreateAsync(CustomerTestData.Person());
        await factory.Services.CreateScope().ServiceProvider.GetRequiredService<DivisionAccountService>().OpenAsync(customer.Id, Clothing);
        return new OpenLaybyInput(customer.Id, Clothing, [new LaybyItemInput("Winter coat", "COAT-1", 1, price)], deposit,
            PaymentMethod.Cash, LaybyFrequency.Monthly, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days), Guid.NewGuid());
    }
}
