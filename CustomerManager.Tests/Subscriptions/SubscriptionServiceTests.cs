using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Institutions;
using CustomerManager.Domain.Statements;
using CustomerManager.Domain.Subscriptions;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerManager.Tests.Subscriptions.SubscriptionBuilders;

namespace CustomerManager.Tests.Subscriptions;

public class SubscriptionServiceTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    [Fact]
    public async Task Admins_create_plans_everyone_reads_those_of_their_divisions_and_a_new_price_is_a_new_version()
    {
        factory.Clock.Set("2026-10-05");
        var grocery = await Division("GRO");
        var clothing = await Division("CLO");
        var plan = await NewPlanAsync(grocery, 499m, name: "Fiber 50 " + CustomerTestData.Token());
        Assert.Equal(499m, plan.Price);

        using (Actors.As("clerk", Roles.Clerk))
        {
            Assert.Contains((await Plans().ListAsync(new PlanQuery())).Select(r => r.Plan.Id), id => id == plan.Id);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Plans().CreateAsync(PlanInput() with { DivisionId = grocery }));
        }

        using (Actors.AsLimitedTo([clothing], "clerk.clothing", Roles.Clerk))
        {
            Assert.DoesNotContain((await Plans().ListAsync(new PlanQuery())).Select(r => r.Plan.Id), id => id == plan.Id);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Plans().GetAsync(plan.Id));
        }

        factory.Clock.Set("2026-10-20");
        using var admin = Actors.As("admin", Roles.Admin);
        var changed = await Plans().UpdateAsync(plan.Id, plan.Version, plan.Input() with { Price = 549m });
        Assert.Equal(549m, changed.Price);
        var history = await Plans().PriceHistoryAsync(plan.Id);
        Assert.Equal([(549m, D("2026-10-20")), (499m, D("2026-10-05"))], history.Select(p => (p.Price, p.EffectiveFrom)));
        Assert.Contains("already has a plan called", (await Assert.ThrowsAsync<DomainException>(() =>
            Plans().CreateAsync(PlanInput() with { DivisionId = grocery, Name = plan.Name.ToUpperInvariant() }))).Message);
    }

    [Fact]
    public async Task Service_types_are_extensible_by_admins_and_unique_by_name()
    {
        using var admin = Actors.As("admin", Roles.Admin);
        Assert.Equal("There is already a service type called fiber.",
            (await Assert.ThrowsAsync<DomainException>(() => Plans().AddServiceTypeAsync("fiber"))).Message);
        var name = "Gym membership " + CustomerTestData.Token();
        var gym = await Plans().AddServiceTypeAsync(name);
        Assert.Contains(await Plans().ServiceTypesAsync(), t => t.Id == gym.Id && t.Name == name);
        Assert.Contains(await Plans().ServiceTypesAsync(), t => t.Name == "Wireless");
        await Plans().SetServiceTypeActiveAsync(gym.Id, false);
        Assert.DoesNotContain(await Plans().ServiceTypesAsync(), t => t.Id == gym.Id);
        Assert.Contains("switched off", (await Assert.ThrowsAsync<DomainException>(() =>
            Plans().CreateAsync(PlanInput() with { DivisionId = 1, ServiceTypeId = gym.Id, Name = "Gym " + CustomerTestData.Token() }))).Message);
        using var clerk = Actors.As("clerk", Roles.Clerk);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Plans().AddServiceTypeAsync("Clerk's type"));
    }

    [Fact]
    public async Task A_plan_with_a_negative_price_or_no_cycle_is_refused_and_nothing_is_saved()
    {
        var grocery = await Division("GRO");
        using var admin = Actors.As("admin", Roles.Admin);
        var before = (await Plans().ListAsync(new PlanQuery(IncludeWithdrawn: true))).Count;
        Assert.Equal("The price cannot be negative.", (await Assert.ThrowsAsync<DomainException>(() =>
            Plans().CreateAsync(PlanInput(price: -10m) with { DivisionId = grocery, Name = "Bad " + CustomerTestData.Token() }))).Message);
        Assert.Equal("Cycle", (await Assert.ThrowsAsync<DomainException>(() =>
            Plans().CreateAsync(PlanInput(cycle: null) with { DivisionId = grocery, Name = "Bad " + CustomerTestData.Token() }))).Field);
        Assert.Equal(before, (await Plans().ListAsync(new PlanQuery(IncludeWithdrawn: true))).Count);
    }

    [Fact]
    public async Task A_clerk_subscribes_an_active_customer_once_per_plan_and_the_account_is_opened_for_it()
    {
        factory.Clock.Set("2026-10-05");
        var grocery = await Division("GRO");
        var plan = await NewPlanAsync(grocery, 499m);
        var customerId = await NewCustomerAsync();
        using var clerk = Actors.As("clerk", Roles.Clerk);
        var subscription = await Subscriptions().SubscribeAsync(new SubscribeInput(customerId, null, plan.Id, D("2026-10-05")));
        Assert.StartsWith("SUB-", subscription.SubscriptionNumber);
        Assert.Equal((SubscriptionStatus.Active, 499m, D("2026-10-05"), D("2027-10-05")),
            (subscription.Status, subscription.Price, subscription.NextBillingDate, subscription.RenewalDate));
        var view = Assert.Single(await Subscriptions().ForCustomerAsync(customerId));
        Assert.StartsWith("GRO-CUST-", view.AccountNumber);
        Assert.Equal(0m, view.Outstanding);

        var second = await Assert.ThrowsAsync<DomainException>(() => Subscriptions().SubscribeAsync(new SubscribeInput(customerId, null, plan.Id, D("2026-10-06"))));
        Assert.Equal($"There is already a subscription to {plan.Name}: {subscription.SubscriptionNumber} (active).", second.Message);
        Assert.Single(await Subscriptions().ForCustomerAsync(customerId));
    }

    [Fact]
    public async Task Inactive_and_blacklisted_customers_cannot_subscribe_and_roles_and_divisions_are_checked()
    {
        factory.Clock.Set("2026-10-05");
        var grocery = await Division("GRO");
        var clothing = await Division("CLO");
        var plan = await NewPlanAsync(grocery, 300m);
        var blacklisted = await NewCustomerAsync();
        var inactive = await NewCustomerAsync();
        using (Actors.As("credit", Roles.CreditManager))
        {
            var customers = factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>();
            var b = (await customers.GetProfileAsync(blacklisted)).Customer;
            await customers.SetBlacklistAsync(blacklisted, b.Version, true, "Fraudulent cheques");
            var i = (await customers.GetProfileAsync(inactive)).Customer;
            await customers.DeactivateAsync(inactive, i.Version);
        }

        using (Actors.As("clerk", Roles.Clerk))
        {
            Assert.Contains("is blacklisted (Fraudulent cheques)", (await Assert.ThrowsAsync<DomainException>(() =>
                Subscriptions().SubscribeAsync(new SubscribeInput(blacklisted, null, plan.Id, D("2026-10-05"))))).Message);
            Assert.Contains("is inactive; restore the customer", (await Assert.ThrowsAsync<DomainException>(() =>
                Subscriptions().SubscribeAsync(new SubscribeInput(inactive, null, plan.Id, D("2026-10-05"))))).Message);
        }

        var customer = await NewCustomerAsync();
        using (Actors.As("accountant", Roles.Accountant))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Subscriptions().SubscribeAsync(new SubscribeInput(customer, null, plan.Id, D("2026-10-05"))));
        }

        using (Actors.AsLimitedTo([clothing], "clerk.clothing", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Subscriptions().SubscribeAsync(new SubscribeInput(customer, null, plan.Id, D("2026-10-05"))));
        }

        Subscription subscription;
        using (Actors.As("clerk", Roles.Clerk))
        {
            subscription = await Subscriptions().SubscribeAsync(new SubscribeInput(customer, null, plan.Id, D("2026-10-05")));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Subscriptions().SuspendAsync(subscription.Id, subscription.Version, "Clerk"));
        }

        using (Actors.AsLimitedTo([clothing], "clerk.clothing", Roles.Clerk))
        {
            Assert.Empty(await Subscriptions().ForCustomerAsync(customer));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Subscriptions().GetAsync(subscription.Id));
        }

        using var credit = Actors.As("credit", Roles.CreditManager);
        var cancelled = await Subscriptions().CancelAsync(subscription.Id, subscription.Version, "Moved to a competitor");
        Assert.Equal(SubscriptionStatus.Cancelled, cancelled.Status);
        var again = await Assert.ThrowsAsync<DomainException>(() => Subscriptions().CancelAsync(cancelled.Id, cancelled.Version, "Again"));
        Assert.Equal($"{subscription.SubscriptionNumber} was already cancelled on 2026-10-05.", again.Message);
        Assert.Equal("Moved to a competitor", (await Subscriptions().GetAsync(subscription.Id)).Subscription.StatusReason);
    }

    [Fact]
    public async Task An_institution_subscribes_as_its_billing_customer()
    {
        factory.Clock.Set("2026-10-05");
        var grocery = await Division("GRO");
        var plan = await NewPlanAsync(grocery, 5000m, BillingCycle.Annual);
        Institution billed, unbilled;
        int company;
        using (Actors.As("credit", Roles.CreditManager))
        {
            var scope = factory.Services.CreateScope().ServiceProvider;
            company = (await scope.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Company())).Id;
            billed = await scope.GetRequiredService<InstitutionService>().CreateAsync(Institutions.InstitutionServiceTests.University() with { BillingCustomerId = company });
            unbilled = await scope.GetRequiredService<InstitutionService>().CreateAsync(Institutions.InstitutionServiceTests.University());
        }

        using var clerk = Actors.As("clerk", Roles.Clerk);
        var subscription = await Subscriptions().SubscribeAsync(new SubscribeInput(null, billed.Id, plan.Id, D("2026-10-05")));
        Assert.Equal((company, (int?)billed.Id), (subscription.CustomerId, subscription.InstitutionId));
        var view = Assert.Single(await Subscriptions().ForInstitutionAsync(billed.Id));
        Assert.Equal(billed.Name, view.InstitutionName);
        Assert.Empty(await Subscriptions().ForCustomerAsync(company)); // the company's own subscriptions, not the institution's
        Assert.Contains("has no billing customer", (await Assert.ThrowsAsync<DomainException>(() =>
            Subscriptions().SubscribeAsync(new SubscribeInput(null, unbilled.Id, plan.Id, D("2026-10-05"))))).Message);
    }

    [Fact]
    public async Task The_billing_run_charges_each_due_period_once_moves_the_date_on_queues_the_invoice_and_the_statement_shows_it()
    {
        factory.Clock.Set("2026-10-05");
        var grocery = await Division("GRO");
        var plan = await NewPlanAsync(grocery, 499m);
        var customerId = await NewCustomerAsync();
        Subscription subscription;
        using (Actors.As("clerk", Roles.Clerk))
        {
            subscription = await Subscriptions().SubscribeAsync(new SubscribeInput(customerId, null, plan.Id, D("2026-10-05")));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Billing().RunAsync());
        }

        using var accountant = Actors.As("accountant", Roles.Accountant);
        var first = await Billing().RunAsync();
        Assert.True(first.Charged >= 1);
        var second = await Billing().RunAsync();
        Assert.Equal(0, second.Charged);
        Assert.Equal(0, second.Due);

        await using (var db = await Db())
        {
            var account = await db.DivisionAccounts.SingleAsync(a => a.CustomerId == customerId && a.DivisionId == grocery);
            var charge = Assert.Single(await db.AccountEntries.Where(e => e.DivisionAccountId == account.Id).ToListAsync());
            Assert.Equal((AccountEntryKind.SaleOnAccount, 499m, D("2026-10-05"), (DateOnly?)D("2026-11-04"), subscription.SubscriptionNumber),
                (charge.Kind, charge.Amount, charge.PostingDate, charge.DueDate, charge.Reference));
            Assert.Equal($"{plan.Name} 2026-10-05 to 2026-11-04", charge.Description);
            Assert.Equal(SubscriptionBillingService.RequestId(subscription.Id, D("2026-10-05")), charge.RequestId);
            Assert.Equal(499m, account.Balance);
            var invoice = await db.OutboxMessages.SingleAsync(m => m.IdempotencyKey == SubscriptionBillingService.InvoiceKey(subscription.Id, D("2026-10-05")));
            Assert.Contains("499.00", invoice.Subject);
            Assert.Equal(D("2026-11-05"), (await db.Subscriptions.SingleAsync(s => s.Id == subscription.Id)).NextBillingDate);
        }

        // Three months later the job runs again: November, December and January are each charged once.
        factory.Clock.Set("2027-01-06");
        await Billing().RunAsync();
        await Billing().RunAsync();
        await using (var db = await Db())
        {
            var account = await db.DivisionAccounts.SingleAsync(a => a.CustomerId == customerId && a.DivisionId == grocery);
            var charges = await db.AccountEntries.Where(e => e.DivisionAccountId == account.Id).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal([499m, 499m, 499m, 499m], charges.Select(c => c.Amount));
            Assert.Equal(4, await db.OutboxMessages.CountAsync(m => m.IdempotencyKey!.StartsWith($"subscription-invoice:{subscription.Id}:")));
            Assert.Equal(D("2027-02-05"), (await db.Subscriptions.SingleAsync(s => s.Id == subscription.Id)).NextBillingDate);

            var statement = await factory.Services.CreateScope().ServiceProvider.GetRequiredService<StatementService>().GenerateAsync(account.Id, 2026, 10);
            var line = Assert.Single(statement.Lines);
            Assert.Equal((subscription.SubscriptionNumber, 499m, 499m), (line.Reference, line.Amount, line.RunningBalance));
            Assert.Equal(499m, statement.TotalCharges);
        }
    }

    [Fact]
    public async Task A_plan_change_mid_period_posts_the_prorated_difference_and_a_change_back_credits_it()
    {
        factory.Clock.Set("2026-11-01");
        var grocery = await Division("GRO");
        var basic = await NewPlanAsync(grocery, 600m);
        var premium = await NewPlanAsync(grocery, 900m);
        var customerId = await NewCustomerAsync();
        Subscription subscription;
        using (Actors.As("clerk", Roles.Clerk))
        {
            subscription = await Subscriptions().SubscribeAsync(new SubscribeInput(customerId, null, basic.Id, D("2026-11-01")));
        }

        using (Actors.As("admin", Roles.Admin))
        {
            await Billing().RunAsync();
        }

        factory.Clock.Set("2026-11-10");
        using var clerk = Actors.As("clerk", Roles.Clerk);
        subscription = (await Subscriptions().GetAsync(subscription.Id)).Subscription;
        var up = await Subscriptions().ChangePlanAsync(subscription.Id, subscription.Version, premium.Id);
        Assert.Equal(210m, up.Proration!.Net); // (900 − 600) × 21 / 30
        var down = await Subscriptions().ChangePlanAsync(up.Subscription.Id, up.Subscription.Version, basic.Id);
        Assert.Equal(-210m, down.Proration!.Net);

        await using var db = await Db();
        var account = await db.DivisionAccounts.SingleAsync(a => a.CustomerId == customerId && a.DivisionId == grocery);
        var entries = await db.AccountEntries.Where(e => e.DivisionAccountId == account.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([(AccountEntryKind.SaleOnAccount, 600m), (AccountEntryKind.SaleOnAccount, 210m), (AccountEntryKind.Adjustment, -210m)],
            entries.Select(e => (e.Kind, e.Amount)));
        Assert.Equal($"Upgrade {basic.Name} → {premium.Name}: 21 of 30 days", entries[1].Description);
        Assert.Equal(600m, account.Balance);
        // The downgrade's credit settles the upgrade charge (oldest due first: the period's charge is due first, so it takes that).
        Assert.Equal(210m, await db.PaymentAllocations.Where(a => a.PaymentEntryId == entries[2].Id).SumAsync(a => a.Amount));
        Assert.Equal(600m, (await Subscriptions().GetAsync(subscription.Id)).Outstanding);
    }

    [Fact]
    public async Task A_subscription_unpaid_longer_than_its_plan_allows_is_suspended_by_the_run_and_no_longer_billed()
    {
        factory.Clock.Set("2026-09-01");
        var grocery = await Division("GRO");
        Plan plan;
        using (Actors.As("admin", Roles.Admin))
        {
            plan = await Plans().CreateAsync(PlanInput(250m) with { DivisionId = grocery, Name = "Strict " + CustomerTestData.Token(), SuspendAfterOverdueDays = 10 });
        }

        var customerId = await NewCustomerAsync();
        Subscription subscription;
        using (Actors.As("clerk", Roles.Clerk))
        {
            subscription = await Subscriptions().SubscribeAsync(new SubscribeInput(customerId, null, plan.Id, D("2026-09-01")));
        }

        using var admin = Actors.As("admin", Roles.Admin);
        await Billing().RunAsync();          // September, due 1 October
        factory.Clock.Set("2026-10-11");
        await Billing().RunAsync();          // October charged; 10 days overdue is allowed
        Assert.Equal(SubscriptionStatus.Active, (await Subscriptions().GetAsync(subscription.Id)).Subscription.Status);
        factory.Clock.Set("2026-10-12");
        var run = await Billing().RunAsync();
        Assert.True(run.Suspended >= 1);
        var view = await Subscriptions().GetAsync(subscription.Id);
        Assert.Equal(SubscriptionStatus.Suspended, view.Subscription.Status);
        Assert.Equal("Unpaid for 11 days (a charge was due on 2026-10-01; the plan allows 10)", view.Subscription.StatusReason);
        Assert.Equal(500m, view.Outstanding);
        Assert.Equal(D("2026-10-01"), view.OldestUnpaidDue);

        factory.Clock.Set("2026-11-02");
        await Billing().RunAsync();
        await using var db = await Db();
        Assert.Equal(2, await db.AccountEntries.CountAsync(e => e.Reference == subscription.SubscriptionNumber));
    }

    private async Task<Plan> NewPlanAsync(int divisionId, decimal price, BillingCycle cycle = BillingCycle.Monthly, string? name = null)
    {
        using var admin = Actors.As("admin", Roles.Admin);
        return await Plans().CreateAsync(PlanInput(price, cycle) with { DivisionId = divisionId, Name = name ?? "Plan " + CustomerTestData.Token() });
    }

    private async Task<int> NewCustomerAsync()
    {
        using var actor = Actors.As("clerk", Roles.Clerk);
        return (await factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person())).Id;
    }

    private Task<int> Division(string code) => CustomerTestData.DivisionIdAsync(factory.Services, code);

    private Task<ICustomerDb> Db() => factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();

    private PlanService Plans() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<PlanService>();

    private SubscriptionService Subscriptions() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<SubscriptionService>();

    private SubscriptionBillingService Billing() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<SubscriptionBillingService>();
}
