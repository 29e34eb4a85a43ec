using System.Security.Claims;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Reports;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Users;

/// <summary>DOMAIN.md §1: a user may be limited to some divisions; an admin sees all. Checked in the services.</summary>
public class DivisionLimitTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Grocery = 1;
    private const int Clothing = 3;
    private const int Hardware = 4;

    [Fact]
    public void Division_claims_limit_a_user_but_never_an_admin_and_no_claims_mean_every_division()
    {
        static ClaimsPrincipal With(string role, params int[] divisions) => Actors.LimitedTo(divisions, "someone", role);

        Assert.Equal([Clothing, Hardware], CurrentUser.DivisionLimits(With(Roles.Clerk, Clothing, Hardware))!.Order());
        Assert.Null(CurrentUser.DivisionLimits(With(Roles.Clerk)));
        Assert.Null(CurrentUser.DivisionLimits(With(Roles.Admin, Clothing)));
    }

    [Fact]
    public async Task A_clerk_limited_to_clothing_works_there_and_is_refused_elsewhere_with_nothing_changed()
    {
        var world = await WorldAsync();
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var hardwareLaybyEntries = await db.LaybyEntries.CountAsync(e => e.LaybyId == world.HardwareLaybyId);
        using var clerk = Actors.AsLimitedTo([Clothing], "clothing-clerk", Roles.Clerk);

        Assert.Equal(["Clothing"], (await Service<OrganisationService>().WorkingDivisionsAsync()).Select(d => d.Name));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service<DivisionAccountService>().OpenAsync(world.CustomerId, Grocery));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service<AccountLedgerService>().RecordSaleAsync(world.HardwareAccountId, 10m, "INV-X", null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service<AccountLedgerService>().RecordPaymentAsync(world.HardwareAccountId, 10m, PaymentMethod.Cash, null, Guid.NewGuid()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service<LaybyService>().PayAsync(world.HardwareLaybyId, 10m, PaymentMethod.Cash, null, Guid.NewGuid()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service<CreditApplicationService>().SubmitAsync(
            new CreditApplicationInput(world.CustomerId, Hardware, 1000m, 30, 5000m, 0m, 0m, 0m)));

        await Service<LaybyService>().PayAsync(world.ClothingLaybyId, 10m, PaymentMethod.Cash, null, Guid.NewGuid());
        var listed = await Service<LaybyService>().ListAsync(null, null, LaybyListFilter.All, world.CustomerId, null, 0, 50);
        Assert.Equal([world.ClothingLaybyId], listed.Items.Select(l => l.Id));

        Assert.False(await db.DivisionAccounts.AnyAsync(a => a.CustomerId == world.CustomerId && a.DivisionId == Grocery));
        Assert.Equal(1, await db.AccountEntries.CountAsync(e => e.DivisionAccountId == world.HardwareAccountId));
        Assert.Equal(hardwareLaybyEntries, await db.LaybyEntries.CountAsync(e => e.LaybyId == world.HardwareLaybyId));
        Assert.False(await db.CreditApplications.AnyAsync(a => a.CustomerId == world.CustomerId));
    }

    [Fact]
    public async Task Limited_credit_managers_and_accountants_see_and_decide_only_their_divisions()
    {
        var world = await WorldAsync();
        CreditApplication hardwareApplication;
        CreditApplication clothingApplication;
        using (Actors.As("unlimited-clerk", Roles.Clerk))
        {
            hardwareApplication = await Service<CreditApplicationService>().SubmitAsync(
                new CreditApplicationInput(world.CustomerId, Hardware, 1000m, 30, 5000m, 0m, 0m, 0m));
            clothingApplication = await Service<CreditApplicationService>().SubmitAsync(
                new CreditApplicationInput(world.CustomerId, Clothing, 800m, 30, 5000m, 0m, 0m, 0m));
        }

        using (Actors.AsLimitedTo([Clothing], "clothing-manager", Roles.CreditManager))
        {
            // The queue is not empty: the Clothing application is there, and only Clothing applications are.
            var queue = await Service<CreditApplicationService>().QueueAsync();
            Assert.Contains(queue, q => q.Id == clothingApplication.Id);
            Assert.All(queue, q => Assert.Equal("Clothing", q.DivisionName));
            Assert.DoesNotContain(queue, q => q.Id == hardwareApplication.Id);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service<CreditApplicationService>().ReviewAsync(hardwareApplication.Id));
            await Assert.ThrowsAsync<AccessDeniedException>(() =>
                Service<CreditApplicationService>().ApproveAsync(hardwareApplication.Id, hardwareApplication.Version, 1000m, 30, null, null));
        }

        using (Actors.As("unlimited-manager", Roles.CreditManager))
        {
            Assert.Contains(await Service<CreditApplicationService>().QueueAsync(), q => q.Id == hardwareApplication.Id);
        }

        // As of tomorrow, so today's sales count even if the clock passes midnight while the test runs.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var asOf = today.AddDays(1);
        using (Actors.AsLimitedTo([Clothing], "clothing-accountant", Roles.Accountant))
        {
            var lastMonth = today.AddMonths(-1);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service<StatementService>().RunBatchAsync(Hardware, lastMonth.Year, lastMonth.Month, false, null));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service<StatementService>().ListAsync(Hardware, lastMonth.Year, lastMonth.Month, 0, 20));
            var aging = (await Service<StatementService>().AgingReportAsync(asOf, null)).Rows;
            Assert.Equal(40m, Assert.Single(aging, r => r.AccountId == world.ClothingAccountId).Balance);
            Assert.All(aging, r => Assert.Equal(Clothing, r.DivisionId));
        }

        using (Actors.As("unlimited-accountant", Roles.Accountant))
        {
            var aging = (await Service<StatementService>().AgingReportAsync(asOf, null)).Rows;
            Assert.Equal(100m, Assert.Single(aging, r => r.AccountId == world.HardwareAccountId).Balance);
            Assert.Equal(40m, Assert.Single(aging, r => r.AccountId == world.ClothingAccountId).Balance);
        }
    }

    [Fact]
    public async Task Reports_count_only_the_divisions_a_limited_accountant_works_in()
    {
        await WorldAsync();
        // A window of a day either side, so postings made just before midnight still fall inside it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (from, to) = (today.AddDays(-1), today.AddDays(1));
        using var accountant = Actors.AsLimitedTo([Clothing], "clothing-report-accountant", Roles.Accountant);
        var reports = Service<ReportService>();

        var credit = (await reports.CreditOutstandingAsync(null, false)).Divisions;
        Assert.Equal([Clothing], credit.Select(d => d.DivisionId));
        Assert.Equal(["Clothing"], (await reports.CollectionsAsync(from, to, null, CollectionGrouping.Division)).Select(r => r.Group).Distinct());
        var performance = await reports.DivisionPerformanceAsync(new DateOnly(from.Year, from.Month, 1), new DateOnly(to.Year, to.Month, 1), null);
        Assert.NotEmpty(performance);
        Assert.All(performance, r => Assert.Equal(Clothing, r.DivisionId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => reports.CreditOutstandingAsync(Hardware, false));
        await Assert.ThrowsAsync<AccessDeniedException>(() => reports.CollectionsAsync(today, today, Hardware, CollectionGrouping.Day));
    }

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    /// <summary>
    /// A customer with a Hardware credit account owing 100 and a Clothing credit account owing 40, and a layby in Clothing
    /// and one in Hardware.
    /// </summary>
    private async Task<(int CustomerId, int HardwareAccountId, int ClothingLaybyId, int HardwareLaybyId, int ClothingAccountId)> WorldAsync()
    {
        using var admin = Actors.As("limits-admin", Roles.Admin);
        var customer = await Service<CustomerService>().CreateAsync(CustomerTestData.Person());
        var accounts = Service<DivisionAccountService>();
        var clothing = await accounts.OpenAsync(customer.Id, Clothing);
        var hardware = await accounts.OpenAsync(customer.Id, Hardware);
        await accounts.SetCreditTermsAsync(hardware.Id, hardware.Version,
            new CreditTermsInput(DivisionAccountStatus.Active, 5000m, 30, true, true, LoyaltyTier.Bronze));
        await accounts.SetCreditTermsAsync(clothing.Id, clothing.Version,
            new CreditTermsInput(DivisionAccountStatus.Active, 1000m, 30, true, true, LoyaltyTier.Bronze));
        await Service<AccountLedgerService>().RecordSaleAsync(hardware.Id, 100m, "INV-LIMITS", null);
        await Service<AccountLedgerService>().RecordSaleAsync(clothing.Id, 40m, "INV-LIMITS-C", null);

        async Task<int> LaybyAsync(int division) => (await Service<LaybyService>().OpenAsync(new OpenLaybyInput(
            customer.Id, division, [new LaybyItemInput("Item", null, 1, 500m)], 100m, PaymentMethod.Cash, LaybyFrequency.Monthly,
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), Guid.NewGuid()))).Id;

        return (customer.Id, hardware.Id, await LaybyAsync(Clothing), await LaybyAsync(Hardware), clothing.Id);
    }
}
