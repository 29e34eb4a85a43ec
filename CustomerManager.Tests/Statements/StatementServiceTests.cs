using System.Net;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Statements;

/// <summary>
/// Statements and aging on real SQLite, through the services, on a test clock. Each test builds the same history on
/// its own accounts (terms 30 days):
/// June: sale 500 (due 10 Jul), sale 300 (due 20 Jul), payment 200 → settles 200 of the first sale.
/// July: sale 100 (due 4 Aug), payment 350 → the first sale's 300 and 50 of the second.
/// August: payment 1,000 → 250 + 100, 650 credit; sale 50 → paid from the credit, 600 left.
/// Then "today" is 15 September 2026.
/// </summary>
public class StatementServiceTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private const int Hardware = 4;
    private const int Clothing = 3;

    [Fact]
    public async Task Each_months_statement_has_closing_equal_to_opening_plus_its_entries_and_ages_what_was_open_at_month_end()
    {
        var accountId = await AccountWithHistoryAsync(Hardware);
        using var actor = Actors.As("stm-accountant", Roles.Accountant);

        var june = await Statements().GenerateAsync(accountId, 2026, 6);
        var july = await Statements().GenerateAsync(accountId, 2026, 7);
        var august = await Statements().GenerateAsync(accountId, 2026, 8);

        Assert.Matches(@"^STM-HRD-202606-\d{6}$", june.Number);
        Assert.Matches(@"^STM-HRD-202607-\d{6}$", july.Number);
        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 30)), (june.PeriodStart, june.PeriodEnd, june.StatementDate));

        Assert.Equal(0m, june.OpeningBalance);
        Assert.Equal([500m, 300m, -200m], june.Lines.Select(l => l.Amount));
        Assert.Equal([500m, 800m, 600m], june.Lines.Select(l => l.RunningBalance));
        Assert.Equal(600m, june.ClosingBalance);
        Assert.Equal((800m, 200m, 0m, 0m), (june.TotalCharges, june.TotalPayments, june.TotalFees, june.TotalInterest));
        // At 30 June both sales were still partly open and not yet due, although July's payment settled them later.
        Assert.Equal(new AgingBalances(600m, 0, 0, 0, 0), june.Aging);
        Assert.Equal(0m, june.UnallocatedCredit);

        Assert.Equal(june.ClosingBalance, july.OpeningBalance);
        Assert.Equal(600m + 100m - 350m, july.ClosingBalance);
        Assert.Equal((100m, 350m), (july.TotalCharges, july.TotalPayments));
        Assert.Equal(new AgingBalances(100m, 250m, 0, 0, 0), july.Aging); // INV-2 11 days past due; INV-3 not yet due

        Assert.Equal(350m, august.OpeningBalance);
        Assert.Equal(-600m, august.ClosingBalance);
        Assert.Equal(AgingBalances.Zero, august.Aging);
        Assert.Equal(600m, august.UnallocatedCredit);

        foreach (var s in new[] { june, july, august })
        {
            Assert.Equal(s.OpeningBalance + s.Lines.Sum(l => l.Amount), s.ClosingBalance);
            Assert.Equal(s.ClosingBalance, s.Lines.Count > 0 ? s.Lines[^1].RunningBalance : s.OpeningBalance);
            Assert.Equal(s.ClosingBalance, s.Aging.Total - s.UnallocatedCredit);
            Assert.Equal(s.ClosingBalance, s.OpeningBalance + s.TotalCharges - s.TotalPayments + s.TotalFees + s.TotalInterest + s.TotalOther);
        }
    }

    [Fact]
    public async Task Generating_the_same_month_twice_returns_the_stored_statement_and_stores_one_row()
    {
        var accountId = await AccountWithHistoryAsync(Hardware);
        using var actor = Actors.As("stm-credit", Roles.CreditManager);

        var first = await Statements().GenerateAsync(accountId, 2026, 7);
        var second = await Statements().GenerateAsync(accountId, 2026, 7);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Number, second.Number);
        Assert.Single(await Statements().ForAccountAsync(accountId));
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        Assert.Equal(1, await db.Statements.CountAsync(s => s.DivisionAccountId == accountId));
    }

    [Fact]
    public async Task A_statement_for_the_current_or_a_future_month_is_refused_and_nothing_is_stored()
    {
        var accountId = await AccountWithHistoryAsync(Hardware);
        using var actor = Actors.As("stm-accountant", Roles.Accountant);

        var current = await Assert.ThrowsAsync<DomainException>(() => Statements().GenerateAsync(accountId, 2026, 9));
        var future = await Assert.ThrowsAsync<DomainException>(() => Statements().GenerateAsync(accountId, 2027, 1));
        var nonsense = await Assert.ThrowsAsync<DomainException>(() => Statements().GenerateAsync(accountId, 2026, 13));

        Assert.Equal("Month", current.Field);
        Assert.Contains("September 2026", current.Message);
        Assert.Contains("2026-10-01", current.Message);
        Assert.Equal("Month", future.Field);
        Assert.Equal("Month", nonsense.Field);
        await Assert.ThrowsAsync<DomainException>(() => Statements().RunBatchAsync(Hardware, 2026, 9, false, null));
        Assert.Empty(await Statements().ForAccountAsync(accountId));
    }

    [Fact]
    public async Task The_aging_report_as_of_a_past_date_counts_only_what_was_posted_by_then_and_its_totals_are_the_sums_of_its_rows()
    {
        var paid = await AccountWithHistoryAsync(Clothing);
        int overdue;
        using (Actors.As("stm-credit", Roles.CreditManager))
        {
            factory.Clock.Set("2026-06-10");
            overdue = await factory.CreditAccountAsync(Clothing, 10_000m);
            await Ledger().RecordSaleAsync(overdue, 400m, "OLD-1", null);
            factory.Clock.Set("2026-09-15");
        }

        using var actor = Actors.As("stm-accountant", Roles.Accountant);
        var endOfJuly = await Statements().AgingReportAsync(new DateOnly(2026, 7, 31), Clothing);
        var mid = await Statements().AgingReportAsync(new DateOnly(2026, 8, 15), Clothing);
        var now = await Statements().AgingReportAsync(new DateOnly(2026, 9, 15), null);

        Assert.Equal(new AgingBalances(100m, 250m, 0, 0, 0), Row(endOfJuly, paid).Buckets);
        Assert.Equal(new AgingBalances(0, 400m, 0, 0, 0), Row(endOfJuly, overdue).Buckets); // due 10 Jul: 21 days
        Assert.Equal((0m, 650m, -650m), (Row(mid, paid).Buckets.Total, Row(mid, paid).Credit, Row(mid, paid).Balance));
        Assert.Equal((600m, -600m), (Row(now, paid).Credit, Row(now, paid).Balance));
        Assert.Equal(new AgingBalances(0, 0, 0, 400m, 0), Row(now, overdue).Buckets); // 67 days

        foreach (var report in new[] { endOfJuly, mid, now })
        {
            Assert.All(report.Rows, r => Assert.Equal(r.Buckets.Total - r.Credit, r.Balance));
            foreach (var division in report.DivisionTotals)
            {
                var rows = report.Rows.Where(r => r.DivisionId == division.DivisionId).ToList();
                Assert.Equal(rows.Sum(r => r.Buckets.Current), division.Buckets.Current);
                Assert.Equal(rows.Sum(r => r.Buckets.Days61To90), division.Buckets.Days61To90);
                Assert.Equal(rows.Sum(r => r.Buckets.Total), division.Buckets.Total);
                Assert.Equal(rows.Sum(r => r.Credit), division.Credit);
            }

            Assert.Equal(report.Rows.Sum(r => r.Balance), report.Overall.Balance);
            Assert.Equal(report.DivisionTotals.Sum(d => d.Buckets.Over90), report.Overall.Buckets.Over90);
            Assert.Equal(report.Rows.Sum(r => r.Credit), report.Overall.Credit);
        }

        // The statement of July agrees with the report at its statement date.
        var july = await Statements().GenerateAsync(paid, 2026, 7);
        Assert.Equal(Row(endOfJuly, paid).Buckets, july.Aging);
        Assert.Equal(Row(endOfJuly, paid).Balance, july.ClosingBalance);
    }

    [Fact]
    public async Task A_clerk_may_not_generate_list_or_run_aging()
    {
        var accountId = await AccountWithHistoryAsync(Hardware);
        using var actor = Actors.As("stm-clerk", Roles.Clerk);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Statements().GenerateAsync(accountId, 2026, 7));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statements().RunBatchAsync(Hardware, 2026, 7, false, null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statements().ListAsync(Hardware, 2026, 7, 0, 20));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statements().ForAccountAsync(accountId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statements().AgingReportAsync(new DateOnly(2026, 9, 1), null));
    }

    [Fact]
    public async Task The_statement_pdf_shows_the_number_opening_closing_and_aging_buckets()
    {
        var accountId = await AccountWithHistoryAsync(Hardware, "Pdf", "Statement");
        Statement july;
        using (Actors.As("stm-accountant", Roles.Accountant))
        {
            july = await Statements().GenerateAsync(accountId, 2026, 7);
        }

        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("accountant", DemoDataSeeder.DemoPassword);
        var response = await client.Http.GetAsync($"/statements/{july.Number}.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = await Poppler.PdfToTextAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(july.Number, text);
        Assert.Contains("Pdf Statement", text);
        Assert.Contains("2026-07-01 to 2026-07-31", text);
        Assert.Matches(@"Opening balance\s+600\.00", text);
        Assert.Matches(@"Closing balance\s+350\.00", text);
        Assert.Matches(@"Current\s+1-30 days\s+31-60 days\s+61-90 days\s+90\+ days\s+Credit\s+Total due", text);
        Assert.Matches(@"100\.00\s+250\.00\s+0\.00\s+0\.00\s+0\.00\s+0\.00\s+350\.00", text);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/statements/STM-HRD-202607-999999.pdf")).StatusCode);
        using var clerk = SignInClient.For(factory);
        await clerk.SignInSuccessfullyAsync("clerk", DemoDataSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.Http.GetAsync($"/statements/{july.Number}.pdf")).StatusCode);
        using var anonymous = SignInClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.Http.GetAsync($"/statements/{july.Number}.pdf")).StatusCode);
    }

    [Fact]
    public async Task A_long_month_continues_on_further_pages()
    {
        int accountId;
        using (Actors.As("stm-credit", Roles.CreditManager))
        {
            factory.Clock.Set("2026-05-04");
            accountId = await factory.CreditAccountAsync(Hardware, 10_000m);
            for (var i = 1; i <= 70; i++)
            {
                await Ledger().RecordSaleAsync(accountId, 10m, $"LONG-{i:D3}", null);
            }

            factory.Clock.Set("2026-09-15");
        }

        using var actor = Actors.As("stm-admin", Roles.Admin);
        var may = await Statements().GenerateAsync(accountId, 2026, 5);
        var pdf = factory.Services.GetRequiredService<CustomerManager.Web.Documents.IStatementRenderer>().Render(may);
        Assert.True(int.Parse(Poppler.InfoField(await Poppler.PdfInfoAsync(pdf), "Pages")!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var text = await Poppler.PdfToTextAsync(pdf);
        Assert.Contains("LONG-070", text);
        Assert.Contains("Account activity (continued)", text);
        Assert.Matches(@"Closing balance\s+700\.00", text);
    }

    [Fact]
    public async Task The_statements_and_aging_pages_render_for_an_accountant_and_are_refused_to_a_clerk()
    {
        await AccountWithHistoryAsync(Hardware, "Aging", "Page");
        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("accountant", DemoDataSeeder.DemoPassword);

        var aging = await client.Http.GetAsync("/reports/aging");
        var statements = await client.Http.GetAsync("/statements");

        Assert.Equal(HttpStatusCode.OK, aging.StatusCode);
        var html = await aging.Content.ReadAsStringAsync();
        Assert.Contains("Aging report", html);
        Assert.Contains("aging-totals-grid", html);
        Assert.Contains("All divisions", html);
        // The rows come from the grid's server data once the page is interactive (the aging end-to-end test opens one).
        Assert.Equal(HttpStatusCode.OK, statements.StatusCode);
        Assert.Contains("Generate statements", await statements.Content.ReadAsStringAsync());

        using var clerk = SignInClient.For(factory);
        await clerk.SignInSuccessfullyAsync("clerk", DemoDataSeeder.DemoPassword);
        var refused = await clerk.Http.GetAsync("/reports/aging");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/access-denied", SignInClient.RedirectPath(refused));
    }

    private static AgingRow Row(AgingReport report, int accountId) => report.Rows.Single(r => r.AccountId == accountId);

    /// <summary>The history in the class summary, on a new credit account; leaves the clock at 15 September 2026.</summary>
    private async Task<int> AccountWithHistoryAsync(int divisionId, string? firstName = null, string? lastName = null)
    {
        using var actor = Actors.As("stm-credit", Roles.CreditManager);
        factory.Clock.Set("2026-06-01");
        var accountId = await factory.CreditAccountAsync(divisionId, 10_000m, firstName: firstName, lastName: lastName);
        factory.Clock.Set("2026-06-10");
        await Ledger().RecordSaleAsync(accountId, 500m, "INV-1", "Cement");
        factory.Clock.Set("2026-06-20");
        await Ledger().RecordSaleAsync(accountId, 300m, "INV-2", "Bricks");
        factory.Clock.Set("2026-06-25");
        await Ledger().RecordPaymentAsync(accountId, 200m, PaymentMethod.Cash, null, Guid.NewGuid());
        factory.Clock.Set("2026-07-05");
        await Ledger().RecordSaleAsync(accountId, 100m, "INV-3", "Nails");
        factory.Clock.Set("2026-07-15");
        await Ledger().RecordPaymentAsync(accountId, 350m, PaymentMethod.Card, "slip 1", Guid.NewGuid());
        factory.Clock.Set("2026-08-03");
        await Ledger().RecordPaymentAsync(accountId, 1000m, PaymentMethod.BankTransfer, "EFT 7", Guid.NewGuid());
        factory.Clock.Set("2026-08-20");
        await Ledger().RecordSaleAsync(accountId, 50m, "INV-4", "Paint");
        factory.Clock.Set("2026-09-15");
        return accountId;
    }

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private StatementService Statements() => Service<StatementService>();

    private AccountLedgerService Ledger() => Service<AccountLedgerService>();
}
