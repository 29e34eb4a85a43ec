using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Privacy;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CustomerManager.Tests.Customers.CustomerTestData;
using static CustomerManager.Tests.Privacy.PrivacyTestData;

namespace CustomerManager.Tests.Privacy;

/// <summary>The retention period: who is past it with nothing owed, and pseudonymising them in bulk with progress and cancel.</summary>
public class RetentionTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    [Fact]
    public async Task Customers_past_the_retention_period_with_nothing_owed_are_listed_and_pseudonymised_in_bulk_until_cancelled()
    {
        factory.Clock.Set("2020-01-10");
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        int quiet1, quiet2, quiet3, owing, recentlyActive;
        using (Actors.As("retention-manager", Roles.CreditManager))
        {
            var customers = In<CustomerService>(factory);
            quiet1 = (await customers.CreateAsync(Person())).Id;
            quiet2 = (await customers.CreateAsync(Person())).Id;
            quiet3 = (await customers.CreateAsync(Company())).Id;
        }

        var owingAccount = await factory.CreditAccountAsync(clothing, 1000m);
        var activeAccount = await factory.CreditAccountAsync(clothing, 1000m);
        await using (var db = await Db(factory))
        {
            owing = await db.DivisionAccounts.Where(a => a.Id == owingAccount).Select(a => a.CustomerId).SingleAsync();
            recentlyActive = await db.DivisionAccounts.Where(a => a.Id == activeAccount).Select(a => a.CustomerId).SingleAsync();
        }

        using (Actors.As("retention-manager", Roles.CreditManager))
        {
            await In<AccountLedgerService>(factory).RecordSaleAsync(owingAccount, 50m, "R-1", null);
            factory.Clock.Set("2025-06-01");
            await In<AccountLedgerService>(factory).RecordSaleAsync(activeAccount, 50m, "R-2", null);
            await In<AccountLedgerService>(factory).RecordPaymentAsync(activeAccount, 50m, PaymentMethod.Cash, null, Guid.NewGuid());
        }

        factory.Clock.Set("2026-01-02"); // five years (the default 60 months) after 2020-01-10, and a bit
        using var admin = Actors.As("retention-admin", Roles.Admin);
        var privacy = In<PrivacyService>(factory);
        Assert.Equal(60, privacy.Settings.RetentionMonths);
        var candidates = (await privacy.RetentionCandidatesAsync()).Select(c => c.Id).ToList();
        int[] ours = [quiet1, quiet2, quiet3, owing, recentlyActive];
        Assert.Equal([quiet1, quiet2, quiet3], candidates.Where(ours.Contains));

        using var cancel = new CancellationTokenSource();
        var reported = new List<int>();
        var first = await privacy.PseudonymiseManyAsync([quiet1, quiet2, owing], new Reported(n =>
        {
            reported.Add(n);
            cancel.Cancel();
        }), cancel.Token);
        Assert.Equal((1, true), (first.Done, first.Cancelled));
        Assert.Equal([1], reported);

        var rest = await privacy.PseudonymiseManyAsync([quiet2, owing, quiet3], new Reported(reported.Add));
        Assert.Equal((2, false), (rest.Done, rest.Cancelled));
        Assert.Contains("not past the retention period", Assert.Single(rest.Refused));
        Assert.Equal([1, 1, 2, 3], reported);

        await using var check = await Db(factory);
        var pseudonymised = await check.Customers.Where(c => c.PseudonymisedAtUtc != null).Select(c => c.Id).ToListAsync();
        Assert.Equal([quiet1, quiet2, quiet3], pseudonymised.Order());
        Assert.DoesNotContain(quiet1, (await privacy.RetentionCandidatesAsync()).Select(c => c.Id));
    }

    [Fact]
    public async Task Only_admins_see_the_retention_list()
    {
        using var actor = Actors.As("retention-accountant", Roles.Accountant);
        await Assert.ThrowsAsync<AccessDeniedException>(() => In<PrivacyService>(factory).RetentionCandidatesAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => In<PrivacyService>(factory).PseudonymiseManyAsync([1]));
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, too late to cancel in a test).</summary>
    private sealed class Reported(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
