using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Reports;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Common;

/// <summary>
/// Issue 12: the business's day is the local day (Africa/Johannesburg, UTC+2). Just after local midnight the UTC date
/// is still yesterday's; receipts, overdue, statement months and collections must follow the local day.
/// </summary>
public class BusinessTimeTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private const int Clothing = 3;

    /// <summary>00:30 on 1 December 2026 in Johannesburg; 22:30 on 30 November in UTC.</summary>
    private static readonly DateTimeOffset JustAfterLocalMidnight = new(2026, 11, 30, 22, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Local_days_times_and_day_starts_follow_the_zone()
    {
        var time = TestTime.Johannesburg(new FixedClock(JustAfterLocalMidnight));

        Assert.Equal(new DateOnly(2026, 12, 1), time.Today);
        Assert.Equal(new DateTime(2026, 12, 1, 0, 30, 0), time.ToLocal(JustAfterLocalMidnight.UtcDateTime));
        Assert.Equal("2026-12-01 00:30", time.Timestamp(JustAfterLocalMidnight.UtcDateTime));
        Assert.Equal(new DateTime(2026, 11, 30, 22, 0, 0, DateTimeKind.Utc), time.StartOfDayUtc(new DateOnly(2026, 12, 1)));
        Assert.Equal(new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc), time.AtLocalHourUtc(new DateOnly(2026, 12, 2), 1));
    }

    [Fact]
    public void The_apps_clock_reads_local_time_in_the_business_zone_for_jobs_at_a_local_hour()
    {
        Assert.Equal(TimeSpan.FromHours(2), new BusinessZoneClock(BusinessTime.FindZone(null)).GetLocalNow().Offset);
        using var app = new AppFactory();
        Assert.Equal("Africa/Johannesburg", app.Services.GetRequiredService<TimeProvider>().LocalTimeZone.Id);
    }

    [Fact]
    public void An_unknown_zone_is_refused_with_the_setting_named()
    {
        var e = Assert.Throws<InvalidOperationException>(() => BusinessTime.FindZone("Mars/Olympus"));
        Assert.Equal("Business:TimeZone is \"Mars/Olympus\", which this machine does not know. Use an IANA time zone id such as Africa/Johannesburg.", e.Message);
        Assert.Equal("Africa/Johannesburg", BusinessTime.FindZone(null).Id);
    }

    [Fact]
    public async Task Just_after_local_midnight_receipts_postings_collections_overdue_and_statements_use_the_local_day()
    {
        var december1 = new DateOnly(2026, 12, 1);
        int laybyId, accountId;
        factory.Clock.Now = new DateTimeOffset(2026, 10, 31, 8, 0, 0, TimeSpan.Zero);
        using (Actors.As("midnight-manager", Roles.CreditManager))
        {
            var customer = await Service<CustomerService>().CreateAsync(CustomerTestData.Person());
            var account = await Service<DivisionAccountService>().OpenAsync(customer.Id, Clothing);
            await Service<DivisionAccountService>().SetCreditTermsAsync(account.Id, account.Version,
                new CreditTermsInput(DivisionAccountStatus.Active, 5000m, 30, true, true, LoyaltyTier.Bronze));
            accountId = account.Id;
            await Service<AccountLedgerService>().RecordSaleAsync(accountId, 300m, "INV-MIDNIGHT", null);
            // Opened 31 October, to be complete by 30 November: one monthly instalment, due 30 November.
            laybyId = (await Service<LaybyService>().OpenAsync(new OpenLaybyInput(customer.Id, Clothing,
                [new LaybyItemInput("Coat", null, 1, 900m)], 300m, PaymentMethod.Cash, LaybyFrequency.Monthly,
                new DateOnly(2026, 11, 30), Guid.NewGuid()))).Id;
        }

        using var manager = Actors.As("midnight-manager", Roles.CreditManager);
        var layby = await Service<LaybyService>().GetAsync(laybyId);
        Assert.Equal([new DateOnly(2026, 11, 30)], layby.Instalments.Select(i => i.DueDate));

        // Overdue: not during 30 November (local 23:59), overdue once 30 November has ended locally (UTC still says 30th).
        factory.Clock.Now = JustAfterLocalMidnight.AddMinutes(-31);
        Assert.Empty((await Service<LaybyService>().ListAsync(null, Clothing, LaybyListFilter.Overdue, layby.CustomerId, null, 0, 10)).Items);
        factory.Clock.Now = JustAfterLocalMidnight;
        var overdue = await Service<LaybyService>().ListAsync(null, Clothing, LaybyListFilter.Overdue, layby.CustomerId, null, 0, 10);
        Assert.Equal([laybyId], overdue.Items.Select(l => l.Id));

        // A payment now: its receipt says 1 December 00:30, and the account payment is posted on 1 December.
        var entry = await Service<LaybyService>().PayAsync(laybyId, 50m, PaymentMethod.Cash, null, Guid.NewGuid());
        var receipt = await Service<LaybyService>().ReceiptAsync(entry.ReceiptNumber!);
        var pdf = await Poppler.PdfToTextAsync(new LaybyReceiptPdf(factory.Services.GetRequiredService<BusinessTime>()).Render(receipt));
        Assert.Contains("2026-12-01 00:30", pdf, StringComparison.Ordinal);
        var payment = await Service<AccountLedgerService>().RecordPaymentAsync(accountId, 100m, PaymentMethod.Card, null, Guid.NewGuid());
        Assert.Equal(december1, payment.PostingDate);

        // Collections by day: both payments on 1 December, none on 30 November.
        var byDay = await Service<ReportService>().CollectionsAsync(new DateOnly(2026, 11, 30), december1, Clothing, CollectionGrouping.Day);
        var day = Assert.Single(byDay, r => r.Day is not null);
        Assert.Equal(december1, day.Day);
        Assert.Equal((100m, 50m), (day.AccountPayments, day.LaybyPayments));

        // November has ended locally: its statement can be made now (in UTC it would still be refused as not ended).
        var statement = await Service<StatementService>().GenerateAsync(accountId, 2026, 11);
        Assert.Equal(new DateOnly(2026, 11, 1), statement.PeriodStart);
        Assert.Equal(300m, statement.ClosingBalance);
    }

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
