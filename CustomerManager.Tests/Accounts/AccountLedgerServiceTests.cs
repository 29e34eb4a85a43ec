using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Accounts;

public class AccountLedgerServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Hardware = 4;

    [Fact]
    public async Task Payments_settle_the_oldest_due_charge_first_and_the_rest_is_credit_for_later_charges()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
        using var actor = Actors.As("ledger-clerk", Roles.Clerk);
        var sale1 = await Ledger().RecordSaleAsync(accountId, 300m, "INV-1", "Cement");
        var sale2 = await Ledger().RecordSaleAsync(accountId, 200m, "INV-2", "Bricks");

        var payment = await Ledger().RecordPaymentAsync(accountId, 350m, PaymentMethod.Cash, null, Guid.NewGuid());
        var overpayment = await Ledger().RecordPaymentAsync(accountId, 250m, PaymentMethod.Card, "slip 9", Guid.NewGuid());
        var sale3 = await Ledger().RecordSaleAsync(accountId, 80m, "INV-3", "Nails");

        var lines = await Ledger().LedgerAsync(accountId);
        Assert.Matches(@"^RCT-HRD-\d{6}$", payment.ReceiptNumber);
        var allocations = lines.SelectMany(l => l.Allocations).DistinctBy(a => a.Id).ToList();
        decimal Allocated(long chargeId) => allocations.Where(a => a.ChargeEntryId == chargeId).Sum(a => a.Amount);
        Assert.Equal(300m, Allocated(sale1.Id));
        Assert.Equal(200m, Allocated(sale2.Id));
        Assert.Equal(80m, Allocated(sale3.Id)); // paid from the credit the overpayment left
        Assert.Equal(300m + 200m - 350m - 250m + 80m, lines[^1].RunningBalance);
        Assert.Equal(lines[^1].RunningBalance, await CachedBalanceAsync(accountId));
        foreach (var p in new[] { payment, overpayment })
        {
            Assert.True(allocations.Where(a => a.PaymentEntryId == p.Id).Sum(a => a.Amount) <= -p.Amount);
        }
    }

    [Fact]
    public async Task A_sale_over_the_limit_is_refused_with_the_reason_unless_a_credit_manager_overrides()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 1000m);
        using (Actors.As("ledger-clerk", Roles.Clerk))
        {
            await Ledger().RecordSaleAsync(accountId, 900m, "INV-A", null);
            var refused = await Assert.ThrowsAsync<DomainException>(() => Ledger().RecordSaleAsync(accountId, 200m, "INV-B", null));
            Assert.Contains("over the credit limit of 1,000.00", refused.Message);
            Assert.Contains("available 100.00", refused.Message);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Ledger().RecordSaleAsync(accountId, 200m, "INV-B", null, "Good customer"));
            Assert.Equal(900m, await CachedBalanceAsync(accountId));
        }

        using (Actors.As("ledger-manager", Roles.CreditManager))
        {
            var overridden = await Ledger().RecordSaleAsync(accountId, 200m, "INV-B", null, "Long-standing customer, approved by phone");
            Assert.Equal("Long-standing customer, approved by phone", overridden.OverrideReason);
        }

        Assert.Equal(1100m, await CachedBalanceAsync(accountId));
    }

    [Fact]
    public async Task Sales_are_refused_on_accounts_that_do_not_allow_credit_and_bad_amounts_change_nothing()
    {
        using var actor = Actors.As("ledger-clerk", Roles.Clerk);
        var customer = await Service<CustomerService>().CreateAsync(CustomerTestData.Person());
        var account = await Service<DivisionAccountService>().OpenAsync(customer.Id, Hardware);

        var noCredit = await Assert.ThrowsAsync<DomainException>(() => Ledger().RecordSaleAsync(account.Id, 10m, "INV", null));
        Assert.Contains("does not allow credit", noCredit.Message);
        Assert.Equal("Amount", (await Assert.ThrowsAsync<DomainException>(() => Ledger().RecordSaleAsync(account.Id, 0m, "INV", null))).Field);
        Assert.Equal("Amount", (await Assert.ThrowsAsync<DomainException>(() => Ledger().RecordPaymentAsync(account.Id, -5m, PaymentMethod.Cash, null, Guid.NewGuid()))).Field);
        Assert.Equal("Reference", (await Assert.ThrowsAsync<DomainException>(() => Ledger().RecordSaleAsync(account.Id, 10m, " ", null))).Field);
        Assert.Empty(await Ledger().LedgerAsync(account.Id));
    }

    [Fact]
    public async Task A_reversal_happens_once_and_frees_what_the_reversed_payment_had_settled()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
        AccountEntry sale, payment;
        using (Actors.As("ledger-clerk", Roles.Clerk))
        {
            sale = await Ledger().RecordSaleAsync(accountId, 400m, "INV-R", null);
            payment = await Ledger().RecordPaymentAsync(accountId, 400m, PaymentMethod.Cheque, "chq 77", Guid.NewGuid());
            await Assert.ThrowsAsync<AccessDeniedException>(() => Ledger().ReverseAsync(accountId, payment.Id, "Bounced"));
        }

        using (Actors.As("ledger-manager", Roles.CreditManager))
        {
            var reversal = await Ledger().ReverseAsync(accountId, payment.Id, "Cheque bounced");
            Assert.Equal(400m, reversal.Amount);
            Assert.Contains("already reversed", (await Assert.ThrowsAsync<DomainException>(() => Ledger().ReverseAsync(accountId, payment.Id, "Again"))).Message);
        }

        using var reader = Actors.As("ledger-accountant", Roles.Accountant);
        var lines = await Ledger().LedgerAsync(accountId);
        Assert.True(lines.Single(l => l.Entry.Id == payment.Id).IsReversed);
        Assert.Empty(lines.Single(l => l.Entry.Id == sale.Id).Allocations);
        Assert.Equal(400m, lines[^1].RunningBalance);
    }

    [Fact]
    public async Task Fifty_concurrent_payments_on_one_account_lose_nothing()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 10000m);
        using (Actors.As("ledger-clerk", Roles.Clerk))
        {
            await Ledger().RecordSaleAsync(accountId, 3000m, "INV-C", null);
        }

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            using var inner = Actors.As("ledger-clerk", Roles.Clerk);
            await Service<AccountLedgerService>().RecordPaymentAsync(accountId, 20m, PaymentMethod.Cash, null, Guid.NewGuid());
        })));

        using var checker = Actors.As("ledger-accountant", Roles.Accountant);
        var lines = await Ledger().LedgerAsync(accountId);
        Assert.Equal(50, lines.Count(l => l.Entry.Kind == AccountEntryKind.Payment));
        Assert.Equal(2000m, lines[^1].RunningBalance);
        Assert.Equal(2000m, await CachedBalanceAsync(accountId));
        Assert.Equal(1000m, lines.SelectMany(l => l.Allocations).DistinctBy(a => a.Id).Sum(a => a.Amount));
        // The cached balance agrees with the ledger: the balance check finds nothing to correct on this account.
        var number = await AccountNumberAsync(accountId);
        Assert.DoesNotContain(await Ledger().CheckBalancesAsync(correct: false), d => d.AccountNumber == number);
    }

    [Fact]
    public async Task The_balance_check_finds_and_corrects_a_cache_that_drifted_from_the_ledger()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
        using (Actors.As("ledger-clerk", Roles.Clerk))
        {
            await Ledger().RecordSaleAsync(accountId, 120m, "INV-D", null);
        }

        await using (var db = (DbContext)await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE DivisionAccounts SET Balance = 99900 WHERE Id = {0}", accountId);
        }

        var number = await AccountNumberAsync(accountId);
        using (Actors.As("ledger-accountant", Roles.Accountant))
        {
            var found = await Ledger().CheckBalancesAsync(correct: false);
            var drifted = Assert.Single(found, d => d.AccountNumber == number);
            Assert.Equal((999m, 120m), (drifted.Cached, drifted.Ledger));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Ledger().CheckBalancesAsync(correct: true));
        }

        using (Actors.As("ledger-admin", Roles.Admin))
        {
            await Ledger().CheckBalancesAsync(correct: true);
            Assert.DoesNotContain(await Ledger().CheckBalancesAsync(correct: false), d => d.AccountNumber == number);
        }

        Assert.Equal(120m, await CachedBalanceAsync(accountId));
    }

    [Fact]
    public async Task A_closed_account_takes_no_payment()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 500m);
        using (Actors.As("ledger-manager", Roles.CreditManager))
        {
            var account = await Service<DivisionAccountService>().GetAsync(accountId);
            await Service<DivisionAccountService>().SetCreditTermsAsync(accountId, account.Version,
                new CreditTermsInput(DivisionAccountStatus.Closed, 500m, 30, true, true, LoyaltyTier.Bronze));
        }

        using var actor = Actors.As("ledger-clerk", Roles.Clerk);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Ledger().RecordPaymentAsync(accountId, 10m, PaymentMethod.Cash, null, Guid.NewGuid()));
        Assert.Contains("closed", refused.Message);
    }

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private AccountLedgerService Ledger() => Service<AccountLedgerService>();

    private async Task<string> AccountNumberAsync(int accountId)
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.DivisionAccounts.Where(a => a.Id == accountId).Select(a => a.AccountNumber).SingleAsync();
    }

    private async Task<decimal> CachedBalanceAsync(int accountId)
    {
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.DivisionAccounts.Where(a => a.Id == accountId).Select(a => a.Balance).SingleAsync();
    }

}

public class AccountReceiptTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_account_payment_receipt_opens_as_a_pdf_with_what_it_settled_and_the_balance_after()
    {
        string receiptNumber;
        using (Actors.As("receipt-manager", Roles.CreditManager))
        {
            using var scope = factory.Scope();
            var customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person("Sipho", "Receipt"));
            var accounts = scope.ServiceProvider.GetRequiredService<DivisionAccountService>();
            var account = await accounts.OpenAsync(customer.Id, 4);
            await accounts.SetCreditTermsAsync(account.Id, account.Version, new CreditTermsInput(DivisionAccountStatus.Active, 5000m, 30, true, true, LoyaltyTier.Bronze));
            var ledger = scope.ServiceProvider.GetRequiredService<AccountLedgerService>();
            await ledger.RecordSaleAsync(account.Id, 700m, "INV-77", "Timber");
            receiptNumber = (await ledger.RecordPaymentAsync(account.Id, 1000m, PaymentMethod.BankTransfer, "EFT 5", Guid.NewGuid())).ReceiptNumber!;
        }

        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("clerk", Data.Seeding.DemoDataSeeder.DemoPassword);
        var response = await client.Http.GetAsync($"/receipts/{receiptNumber}.pdf");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var text = await Poppler.PdfToTextAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(receiptNumber, text);
        Assert.Contains("1,000.00", text);
        Assert.Contains("INV-77", text);
        Assert.Contains("-300.00", text); // balance after: 700 − 1,000
        Assert.Contains("Kept as credit", text);
    }
}
