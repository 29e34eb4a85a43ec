using System.Net;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Statements;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Users;

/// <summary>
/// DOMAIN.md §1 division limits on reads (issue 13): a user limited to Clothing reads nothing of another division's
/// laybys, ledgers, receipts or statements, through the services and through the document endpoints; one test per path.
/// </summary>
public class DivisionReadLimitTests(DivisionReadLimitTests.World world) : IClassFixture<DivisionReadLimitTests.World>
{
    private const int Clothing = 3;
    private const int Hardware = 4;
    private const string Password = DemoDataSeeder.DemoPassword;

    [Fact]
    public async Task Layby_detail_of_another_division_is_refused_and_its_own_division_is_read()
    {
        using var clerk = ClothingClerk();
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Service<LaybyService>().GetAsync(world.HardwareLaybyId));
        Assert.Equal(world.ClothingLaybyId, (await world.Service<LaybyService>().GetAsync(world.ClothingLaybyId)).Id);
        await Assert.ThrowsAsync<NotFoundException>(() => world.Service<LaybyService>().GetAsync(999_999));
    }

    [Fact]
    public async Task Account_ledger_of_another_division_is_refused_and_its_own_division_is_read()
    {
        using var clerk = ClothingClerk();
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Service<AccountLedgerService>().LedgerAsync(world.HardwareAccountId));
        Assert.Equal([40m, -15m], (await world.Service<AccountLedgerService>().LedgerAsync(world.ClothingAccountId)).Select(l => l.Entry.Amount));
        await Assert.ThrowsAsync<NotFoundException>(() => world.Service<AccountLedgerService>().LedgerAsync(999_999));
    }

    [Fact]
    public async Task Division_account_of_another_division_is_refused()
    {
        using var clerk = ClothingClerk();
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Service<DivisionAccountService>().GetAsync(world.HardwareAccountId));
        Assert.Equal(Clothing, (await world.Service<DivisionAccountService>().GetAsync(world.ClothingAccountId)).DivisionId);
    }

    [Fact]
    public async Task Layby_receipt_of_another_division_is_refused()
    {
        using var clerk = ClothingClerk();
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Service<LaybyService>().ReceiptAsync(world.HardwareLaybyReceipt));
        Assert.Equal(world.ClothingLaybyReceipt, (await world.Service<LaybyService>().ReceiptAsync(world.ClothingLaybyReceipt)).ReceiptNumber);
    }

    [Fact]
    public async Task Account_payment_receipt_of_another_division_is_refused()
    {
        using var clerk = ClothingClerk();
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Service<AccountLedgerService>().ReceiptAsync(world.HardwareAccountReceipt));
        Assert.Equal(15m, (await world.Service<AccountLedgerService>().ReceiptAsync(world.ClothingAccountReceipt)).Amount);
    }

    [Fact]
    public async Task Accountants_print_no_receipts_as_DOMAIN_section_1_says()
    {
        using var accountant = Actors.As("receipt-accountant", Roles.Accountant);
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Service<LaybyService>().ReceiptAsync(world.ClothingLaybyReceipt));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Service<AccountLedgerService>().ReceiptAsync(world.ClothingAccountReceipt));
    }

    [Fact]
    public async Task Statement_of_another_division_is_refused_by_number_by_account_and_left_out_by_customer()
    {
        using var accountant = Actors.AsLimitedTo([Clothing], "clothing-statements", Roles.Accountant);
        var statements = world.Service<StatementService>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => statements.GetAsync(world.HardwareStatement));
        await Assert.ThrowsAsync<AccessDeniedException>(() => statements.ForAccountAsync(world.HardwareAccountId));
        Assert.Equal(world.ClothingStatement, (await statements.GetAsync(world.ClothingStatement)).Number);
        Assert.Equal([world.ClothingStatement], (await statements.ForAccountAsync(world.ClothingAccountId)).Select(s => s.Number));
        Assert.Equal([world.ClothingStatement], (await statements.ForCustomerAsync(world.CustomerId)).Select(s => s.Number));
        await Assert.ThrowsAsync<NotFoundException>(() => statements.GetAsync("STM-CLO-190001-000001"));
    }

    [Fact]
    public async Task Profile_of_a_limited_user_shows_only_their_divisions_accounts_and_names_the_others()
    {
        CustomerProfile limited, unlimited;
        using (ClothingClerk())
        {
            limited = await world.Service<CustomerService>().GetProfileAsync(world.CustomerId);
        }

        using (Actors.As("unlimited-profile", Roles.Clerk))
        {
            unlimited = await world.Service<CustomerService>().GetProfileAsync(world.CustomerId);
        }

        Assert.Equal([world.ClothingAccountId], limited.Accounts.Select(a => a.Id));
        Assert.Equal(["Hardware"], limited.OtherDivisionNames);
        Assert.True(limited.IsPartial);
        // Clothing: sale 40 − payment 15; the layby balance counts the Clothing layby only (500 + the demo policy's
        // 25 opening fee − 100 deposit).
        Assert.Equal(25m, limited.GroupExposure);
        Assert.Equal(425m, limited.LaybyBalance);

        Assert.Equal(2, unlimited.Accounts.Count);
        Assert.False(unlimited.IsPartial);
        Assert.Equal(25m + 90m, unlimited.GroupExposure);
        Assert.Equal(850m, unlimited.LaybyBalance);
    }

    [Fact]
    public async Task Profile_history_and_credit_applications_leave_out_other_divisions()
    {
        using var clerk = ClothingClerk();
        var history = await world.Service<CustomerService>().HistoryAsync(world.CustomerId);
        var accountKeys = history.Where(h => h.EntityType == nameof(DivisionAccount)).Select(h => h.EntityKey).Distinct();
        Assert.Equal([world.ClothingAccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)], accountKeys);
        Assert.Equal([Clothing], (await world.Service<CreditApplicationService>().ForCustomerAsync(world.CustomerId)).Select(a => a.DivisionId));
    }

    [Fact]
    public async Task The_audit_log_of_a_limited_accountant_leaves_out_other_divisions_records_and_their_money_rows()
    {
        static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlyList<Domain.Auditing.AuditEntry> limited, unlimited;
        using (Actors.AsLimitedTo([Clothing], "clothing-auditor", Roles.Accountant))
        {
            limited = (await world.Service<Domain.Auditing.AuditLogService>().SearchAsync(new Domain.Auditing.AuditLogFilter(), 0, 500)).Items;
        }

        using (Actors.As("unlimited-auditor", Roles.Accountant))
        {
            unlimited = (await world.Service<Domain.Auditing.AuditLogService>().SearchAsync(new Domain.Auditing.AuditLogFilter(), 0, 500)).Items;
        }

        bool Has(IEnumerable<Domain.Auditing.AuditEntry> log, string type, int id) => log.Any(a => a.EntityType == type && a.EntityKey == Key(id));
        Assert.True(Has(unlimited, nameof(DivisionAccount), world.HardwareAccountId));
        Assert.True(Has(unlimited, nameof(Layby), world.HardwareLaybyId));
        Assert.False(Has(limited, nameof(DivisionAccount), world.HardwareAccountId));
        Assert.False(Has(limited, nameof(Layby), world.HardwareLaybyId));
        static int Applications(IEnumerable<Domain.Auditing.AuditEntry> log) =>
            log.Where(a => a.EntityType == nameof(CreditApplication)).Select(a => a.EntityKey).Distinct().Count();
        Assert.Equal((2, 1), (Applications(unlimited), Applications(limited)));
        Assert.DoesNotContain(limited, a => Domain.Auditing.AuditLogService.DivisionRecordParts.Contains(a.EntityType));
        // Their own division's records and the shared customer stay.
        Assert.True(Has(limited, nameof(DivisionAccount), world.ClothingAccountId));
        Assert.True(Has(limited, nameof(Layby), world.ClothingLaybyId));
        Assert.True(Has(limited, nameof(Customer), world.CustomerId));
    }

    [Fact]
    public async Task Layby_entries_export_reads_through_the_same_check()
    {
        // The layby page's export loads the layby through GetAsync; a limited clerk's export of another division fails there.
        using var clerk = ClothingClerk();
        var export = async () => (await world.Service<LaybyService>().GetAsync(world.HardwareLaybyId)).Entries.ToList();
        await Assert.ThrowsAsync<AccessDeniedException>(export);
    }

    [Fact]
    public async Task Receipt_endpoint_answers_403_for_another_division_404_for_unknown_and_the_pdf_for_its_own()
    {
        using var client = SignInClient.For(world);
        await client.SignInSuccessfullyAsync("clerk.clothing", Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/receipts/{world.HardwareLaybyReceipt}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/receipts/{world.HardwareAccountReceipt}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/receipts/RCT-HRD-999999.pdf")).StatusCode);
        var own = await client.Http.GetAsync($"/receipts/{world.ClothingLaybyReceipt}.pdf");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/receipts/{world.ClothingAccountReceipt}.pdf")).StatusCode);
    }

    [Fact]
    public async Task Receipt_endpoint_answers_403_to_an_accountant()
    {
        using var client = SignInClient.For(world);
        await client.SignInSuccessfullyAsync("accountant", Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/receipts/{world.ClothingLaybyReceipt}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/receipts/{world.ClothingAccountReceipt}.pdf")).StatusCode);
    }

    [Fact]
    public async Task Statement_endpoint_answers_403_to_a_limited_accountant_for_another_division_and_404_for_unknown()
    {
        using var client = SignInClient.For(world);
        await client.SignInSuccessfullyAsync(World.ClothingAccountant, World.AccountantPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/statements/{world.HardwareStatement}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/statements/STM-HRD-190001-000001.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/statements/{world.ClothingStatement}.pdf")).StatusCode);
    }

    private static IDisposable ClothingClerk() => Actors.AsLimitedTo([Clothing], "clothing-reader", Roles.Clerk);

    /// <summary>
    /// One customer with a Clothing and a Hardware credit account (sale 40 and payment 15; sale 100 and payment 10), a
    /// layby in each (500 with 100 down), last month's statement of each account, and an accountant limited to Clothing.
    /// </summary>
    public sealed class World : AppFactory, IAsyncLifetime
    {
        public const string ClothingAccountant = "acc.clothing";
        public const string AccountantPassword = "Ledger-Reader-2026!";

        public int CustomerId { get; private set; }

        public int ClothingAccountId { get; private set; }

        public int HardwareAccountId { get; private set; }

        public int ClothingLaybyId { get; private set; }

        public int HardwareLaybyId { get; private set; }

        public string ClothingLaybyReceipt { get; private set; } = "";

        public string HardwareLaybyReceipt { get; private set; } = "";

        public string ClothingAccountReceipt { get; private set; } = "";

        public string HardwareAccountReceipt { get; private set; } = "";

        public string ClothingStatement { get; private set; } = "";

        public string HardwareStatement { get; private set; } = "";

        public T Service<T>()
            where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

        public async Task InitializeAsync()
        {
            using var admin = Actors.As("read-limits-admin", Roles.Admin);
            var customer = await Service<CustomerService>().CreateAsync(CustomerTestData.Person());
            CustomerId = customer.Id;
            var accounts = Service<DivisionAccountService>();
            var ledger = Service<AccountLedgerService>();

            async Task<(int AccountId, string Receipt)> CreditAccountAsync(int division, decimal sale, decimal payment)
            {
                var account = await accounts.OpenAsync(customer.Id, division);
                await accounts.SetCreditTermsAsync(account.Id, account.Version,
                    new CreditTermsInput(DivisionAccountStatus.Active, 5000m, 30, true, true, LoyaltyTier.Bronze));
                await ledger.RecordSaleAsync(account.Id, sale, "INV-READ-" + division, null);
                var paid = await ledger.RecordPaymentAsync(account.Id, payment, PaymentMethod.Cash, null, Guid.NewGuid());
                return (account.Id, paid.ReceiptNumber!);
            }

            (ClothingAccountId, ClothingAccountReceipt) = await CreditAccountAsync(Clothing, 40m, 15m);
            (HardwareAccountId, HardwareAccountReceipt) = await CreditAccountAsync(Hardware, 100m, 10m);

            async Task<(int LaybyId, string Receipt)> LaybyAsync(int division)
            {
                var layby = await Service<LaybyService>().OpenAsync(new OpenLaybyInput(
                    customer.Id, division, [new LaybyItemInput("Item", null, 1, 500m)], 100m, PaymentMethod.Cash, LaybyFrequency.Monthly,
                    DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), Guid.NewGuid()));
                return (layby.Id, layby.Entries.Single(e => e.ReceiptNumber is not null).ReceiptNumber!);
            }

            (ClothingLaybyId, ClothingLaybyReceipt) = await LaybyAsync(Clothing);
            (HardwareLaybyId, HardwareLaybyReceipt) = await LaybyAsync(Hardware);

            using (Actors.As("read-limits-clerk", Roles.Clerk))
            {
                await Service<CreditApplicationService>().SubmitAsync(new CreditApplicationInput(customer.Id, Clothing, 800m, 30, 5000m, 0m, 0m, 0m));
                await Service<CreditApplicationService>().SubmitAsync(new CreditApplicationInput(customer.Id, Hardware, 900m, 30, 5000m, 0m, 0m, 0m));
            }

            var lastMonth = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-1);
            ClothingStatement = (await Service<StatementService>().GenerateAsync(ClothingAccountId, lastMonth.Year, lastMonth.Month)).Number;
            HardwareStatement = (await Service<StatementService>().GenerateAsync(HardwareAccountId, lastMonth.Year, lastMonth.Month)).Number;

            await Service<UserAdministrationService>().CreateAsync(new NewUserInput(
                ClothingAccountant, "Clothing Accountant", null, AccountantPassword, [Roles.Accountant], [Clothing]));
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}
