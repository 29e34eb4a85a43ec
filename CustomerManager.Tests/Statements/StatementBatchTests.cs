using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Statements;

public class StatementBatchTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private const int Construction = 5;

    [Fact]
    public async Task A_batch_makes_one_statement_per_active_account_reports_progress_and_a_cancelled_run_resumes_without_duplicates()
    {
        var active = new List<int>();
        int suspended, openedLater;
        using (Actors.As("batch-credit", Roles.CreditManager))
        {
            factory.Clock.Set("2026-03-02");
            for (var i = 0; i < 5; i++)
            {
                var id = await AccountAsync(DivisionAccountStatus.Active);
                await Service<AccountLedgerService>().RecordSaleAsync(id, 100m + i, $"B-{i}", null);
                active.Add(id);
            }

            suspended = await AccountAsync(DivisionAccountStatus.Suspended);
            factory.Clock.Set("2026-04-02");
            openedLater = await AccountAsync(DivisionAccountStatus.Active);
            factory.Clock.Set("2026-05-10");
        }

        using var actor = Actors.As("batch-accountant", Roles.Accountant);
        var expectedTotal = await ActiveAccountsOpenedByAsync(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.True(expectedTotal >= active.Count);

        // First run: cancelled after two accounts.
        using var cancel = new CancellationTokenSource();
        var reports = new List<StatementBatchProgress>();
        var first = await Service<StatementService>().RunBatchAsync(Construction, 2026, 3, includeQuiet: true, new Recorder(p =>
        {
            reports.Add(p);
            if (p.Done == 2)
            {
                cancel.Cancel();
            }
        }), cancel.Token);

        Assert.True(first.Cancelled);
        Assert.Equal(2, first.Generated);
        Assert.Equal(expectedTotal, first.Total);
        Assert.Equal([0, 1, 2], reports.Select(r => r.Done));
        Assert.All(reports, r => Assert.Equal(expectedTotal, r.Total));
        Assert.Equal(2, (await Service<StatementService>().ListAsync(Construction, 2026, 3, 0, 100)).TotalCount);

        // Second run: carries on; the two already stored are skipped.
        reports.Clear();
        var second = await Service<StatementService>().RunBatchAsync(Construction, 2026, 3, includeQuiet: true, new Recorder(reports.Add), CancellationToken.None);
        Assert.False(second.Cancelled);
        Assert.Equal((expectedTotal, expectedTotal - 2, 2), (second.Total, second.Generated, second.Skipped));
        Assert.Equal(expectedTotal, reports[^1].Done);

        // Third run: nothing new.
        var third = await Service<StatementService>().RunBatchAsync(Construction, 2026, 3, includeQuiet: true, null);
        Assert.Equal((0, expectedTotal), (third.Generated, third.Skipped));

        var page = await Service<StatementService>().ListAsync(Construction, 2026, 3, 0, 100);
        Assert.Equal(expectedTotal, page.TotalCount);
        Assert.Equal(page.Items.Count, page.Items.Select(s => s.DivisionAccountId).Distinct().Count());
        Assert.Superset(active.ToHashSet(), page.Items.Select(s => s.DivisionAccountId).ToHashSet());
        Assert.DoesNotContain(page.Items, s => s.DivisionAccountId == suspended || s.DivisionAccountId == openedLater);
        Assert.Equal(101m, page.Items.Single(s => s.DivisionAccountId == active[1]).ClosingBalance);
        Assert.Equal(page.Items.Count, page.Items.Select(s => s.Number).Distinct().Count());
        Assert.All(page.Items, s => Assert.Matches(@"^STM-CON-202603-\d{6}$", s.Number));

        var paged = await Service<StatementService>().ListAsync(Construction, 2026, 3, 2, 2);
        Assert.Equal(2, paged.Items.Count);
        Assert.Equal(page.Items.Skip(2).Take(2).Select(s => s.Id), paged.Items.Select(s => s.Id));
    }

    private async Task<int> ActiveAccountsOpenedByAsync(DateTime before)
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.DivisionAccounts.CountAsync(a => a.DivisionId == Construction && a.Status == DivisionAccountStatus.Active && a.OpenedAtUtc < before);
    }

    private async Task<int> AccountAsync(DivisionAccountStatus status)
    {
        var customer = await Service<CustomerService>().CreateAsync(CustomerTestData.Person());
        var account = await Service<DivisionAccountService>().OpenAsync(customer.Id, Construction);
        await Service<DivisionAccountService>().SetCreditTermsAsync(account.Id, account.Version,
            new CreditTermsInput(status, 5_000m, 30, true, true, LoyaltyTier.Bronze));
        return account.Id;
    }

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    /// <summary>Reports synchronously, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Recorder(Action<StatementBatchProgress> report) : IProgress<StatementBatchProgress>
    {
        public void Report(StatementBatchProgress value) => report(value);
    }
}
