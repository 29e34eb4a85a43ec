using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Credit;

public class CreditLineServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Clothing = 3;
    private const int Hardware = 4;
    private const int Construction = 5;

    [Fact]
    public async Task Approval_sets_the_review_date_from_the_division_policy_and_starts_the_line_history()
    {
        using (Actors.As("policy-admin", Roles.Admin))
        {
            await Get<CreditPolicyService>().SaveAsync(Construction, new CreditPolicyTerms(3m, 30, CreditLimitDurationMonths: 6));
        }

        var (customerId, accountId) = await ApprovedLineAsync(Construction, 8000m);

        using var reader = Actors.As("line-accountant", Roles.Accountant);
        var credit = await Get<CreditLineService>().ForCustomerAsync(customerId);
        var line = credit.Lines.Single(l => l.AccountId == accountId);
        var today = Get<BusinessTime>().Today;
        Assert.Equal((CreditLineStatus.Active, 8000m, today.AddMonths(6)), (line.Status, line.CreditLimit, line.ReviewDueOn));
        var approved = Assert.Single(line.History);
        Assert.Equal((CreditLineEventKind.Approved, 0m, 8000m, "Craig Credit"), (approved.Event.Kind, approved.Event.OldLimit, approved.Event.NewLimit, approved.ByName));
        var application = Assert.Single(credit.Applications);
        Assert.Equal((CreditApplicationStatus.Approved, 8000m, "Craig Credit", "Steady income"),
            (application.Application.Status, application.Application.ApprovedLimit, application.ReviewedByName, application.Reason));
    }

    [Fact]
    public async Task A_suspended_line_refuses_sales_laybys_and_applications_with_its_reason_and_a_closed_one_still_takes_payments()
    {
        var (customerId, accountId) = await ApprovedLineAsync(Hardware, 5000m);
        var suspension = await AsManagerAsync(s => s.SuspendAsync(accountId, VersionOf(accountId), "Cheque RD-4471 bounced"));

        using (Actors.As("line-clerk", Roles.Clerk))
        {
            var sale = await Assert.ThrowsAsync<DomainException>(() => Get<AccountLedgerService>().RecordSaleAsync(accountId, 100m, "INV-S1", null));
            Assert.Contains("is suspended (Cheque RD-4471 bounced)", sale.Message);
            var layby = await Assert.ThrowsAsync<DomainException>(() => Get<LaybyService>().PreviewAsync(LaybyInput(customerId, Hardware)));
            Assert.StartsWith("No new layby: The credit line", layby.Message);
            var application = await Assert.ThrowsAsync<DomainException>(() => Get<CreditApplicationService>().SubmitAsync(ApplicationInput(customerId, Hardware)));
            Assert.Contains("is suspended (Cheque RD-4471 bounced)", application.Message);
        }

        using (Actors.As("line-manager", Roles.CreditManager))
        {
            var overridden = await Get<AccountLedgerService>().RecordSaleAsync(accountId, 100m, "INV-S2", null, "Agreed by phone with the owner");
            Assert.Equal(100m, overridden.Amount);
            await Get<CreditLineService>().CloseAsync(accountId, VersionOf(accountId), "Customer asked to close");
            var closed = await Assert.ThrowsAsync<DomainException>(() =>
                Get<AccountLedgerService>().RecordSaleAsync(accountId, 10m, "INV-S3", null, "Once more"));
            Assert.Contains("even with an override", closed.Message);
        }

        using (Actors.As("line-clerk", Roles.Clerk))
        {
            await Get<AccountLedgerService>().RecordPaymentAsync(accountId, 100m, PaymentMethod.Cash, null, Guid.NewGuid());
        }

        await using var db = await OpenDbAsync();
        var audited = await db.AuditEntries.Where(a => a.EntityType == nameof(CreditLineEvent) && a.EntityKey == suspension.Id.ToString()).ToListAsync();
        Assert.Equal(("line-manager", AuditAction.Created), (Assert.Single(audited).UserName, audited[0].Action));
        Assert.Contains(audited[0].Changes, c => c.Field == nameof(CreditLineEvent.Reason) && c.NewValue == "Cheque RD-4471 bounced");
        var accountChanges = await db.AuditEntries.Where(a => a.EntityType == nameof(DivisionAccount) && a.EntityKey == accountId.ToString()).ToListAsync();
        Assert.Contains(accountChanges, a => a.Changes.Any(c => c.Field == nameof(DivisionAccount.CreditLineStatus) && c.OldValue == "Active" && c.NewValue == "Suspended"));
        Assert.Equal(0m, (await db.DivisionAccounts.SingleAsync(a => a.Id == accountId)).Balance);
    }

    [Fact]
    public async Task Only_credit_managers_who_work_in_the_division_change_a_line()
    {
        var (_, accountId) = await ApprovedLineAsync(Hardware, 3000m);

        using (Actors.As("line-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Get<CreditLineService>().SuspendAsync(accountId, VersionOf(accountId), "No"));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Get<CreditLineService>().ReviewsDueAsync());
        }

        using (Actors.AsLimitedTo([Clothing], "clothing-manager", Roles.CreditManager))
        {
            var version = VersionOf(accountId);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Get<CreditLineService>().SuspendAsync(accountId, version, "No"));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Get<CreditLineService>().ReviewAsync(accountId, version,
                new CreditLineReviewInput(CreditReviewOutcome.Keep, null, Get<BusinessTime>().Today.AddMonths(6), "Fine")));
        }

        await using var db = await OpenDbAsync();
        Assert.False(await db.CreditLineEvents.AnyAsync(e => e.DivisionAccountId == accountId && e.Kind != CreditLineEventKind.Approved));
        Assert.Equal(CreditLineStatus.Active, (await db.DivisionAccounts.SingleAsync(a => a.Id == accountId)).CreditLineStatus);
    }

    [Fact]
    public async Task The_reviews_due_queue_shows_due_lines_of_my_divisions_most_overdue_first_and_a_review_sets_the_next_date()
    {
        var today = Get<BusinessTime>().Today;
        var (_, lateHardware) = await ApprovedLineAsync(Hardware, 1000m);
        var (_, dueHardware) = await ApprovedLineAsync(Hardware, 2000m);
        var (_, notYet) = await ApprovedLineAsync(Hardware, 3000m);
        var (_, clothing) = await ApprovedLineAsync(Clothing, 4000m);
        await SetReviewDueAsync(lateHardware, today.AddDays(-40));
        await SetReviewDueAsync(dueHardware, today);
        await SetReviewDueAsync(notYet, today.AddDays(1));
        await SetReviewDueAsync(clothing, today.AddDays(-90));

        using var manager = Actors.AsLimitedTo([Hardware], "hardware-manager", Roles.CreditManager);
        var due = (await Get<CreditLineService>().ReviewsDueAsync()).Where(d => new[] { lateHardware, dueHardware, notYet, clothing }.Contains(d.AccountId)).ToList();
        Assert.Equal([lateHardware, dueHardware], due.Select(d => d.AccountId));
        Assert.Equal([40, 0], due.Select(d => d.DaysOverdue));

        var reviewed = await Get<CreditLineService>().ReviewAsync(lateHardware, due[0].Version,
            new CreditLineReviewInput(CreditReviewOutcome.Change, 1500m, today.AddMonths(12), "Income verified"));
        Assert.Equal((CreditLineEventKind.ReviewedChanged, 1000m, 1500m, today.AddMonths(12)),
            (reviewed.Kind, reviewed.OldLimit, reviewed.NewLimit, reviewed.NextReviewOn));
        Assert.DoesNotContain(await Get<CreditLineService>().ReviewsDueAsync(), d => d.AccountId == lateHardware);

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Get<CreditLineService>().ReviewAsync(lateHardware, due[0].Version,
            new CreditLineReviewInput(CreditReviewOutcome.Keep, null, today.AddMonths(12), "Again")));
        Assert.NotNull(stale.Message);
        await using var db = await OpenDbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(CreditLineEvent) && a.EntityKey == reviewed.Id.ToString()));
    }

    [Fact]
    public async Task A_blacklisted_customer_cannot_buy_on_account_unless_a_credit_manager_overrides()
    {
        var (customerId, accountId) = await ApprovedLineAsync(Construction, 2000m);
        using (Actors.As("line-manager", Roles.CreditManager))
        {
            var customer = await Get<CustomerService>().GetProfileAsync(customerId);
            await Get<CustomerService>().SetBlacklistAsync(customerId, customer.Customer.Version, true, "Fraudulent cheques");
        }

        using (Actors.As("line-clerk", Roles.Clerk))
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => Get<AccountLedgerService>().RecordSaleAsync(accountId, 50m, "INV-B1", null));
            Assert.Contains("is blacklisted (Fraudulent cheques)", refused.Message);
        }

        using var manager = Actors.As("line-manager", Roles.CreditManager);
        Assert.Equal("Known to the owner", (await Get<AccountLedgerService>().RecordSaleAsync(accountId, 50m, "INV-B2", null, "Known to the owner")).OverrideReason);
    }

    private Task<(int CustomerId, int AccountId)> ApprovedLineAsync(int divisionId, decimal limit) =>
        factory.ApprovedCreditLineAsync(divisionId, limit);

    private static CreditApplicationInput ApplicationInput(int customerId, int divisionId) =>
        new(customerId, divisionId, 20000m, 30, 10000m, 2000m, 3000m, 4000m);

    private OpenLaybyInput LaybyInput(int customerId, int divisionId) =>
        new(customerId, divisionId, [new LaybyItemInput("Drill", null, 1, 1000m)], 200m, PaymentMethod.Cash, LaybyFrequency.Monthly,
            Get<BusinessTime>().Today.AddDays(60), Guid.NewGuid());

    private async Task<CreditLineEvent> AsManagerAsync(Func<CreditLineService, Task<CreditLineEvent>> change)
    {
        using var manager = Actors.As("line-manager", Roles.CreditManager);
        return await change(Get<CreditLineService>());
    }

    private int VersionOf(int accountId)
    {
        using var db = OpenDbAsync().GetAwaiter().GetResult();
        return db.DivisionAccounts.AsNoTracking().Single(a => a.Id == accountId).Version;
    }

    private async Task SetReviewDueAsync(int accountId, DateOnly due)
    {
        await using var db = await OpenDbAsync();
        await db.DivisionAccounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.CreditReviewDueOn, due));
    }

    private async Task<ICustomerDb> OpenDbAsync() => await Get<ICustomerDbFactory>().OpenAsync();

    private T Get<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
}
