using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Accounts;

public class InterestTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private const int Hardware = 4;

    [Theory]
    [InlineData(1000, 24, 20)]
    [InlineData(100, 18, 1.5)]
    [InlineData(333.33, 10, 2.78)] // 2.777… rounds away from zero at the cent
    [InlineData(0, 24, 0)]
    [InlineData(-50, 24, 0)]
    [InlineData(1000, 0, 0)]
    public void Monthly_interest_is_a_twelfth_of_the_yearly_rate_on_the_overdue_amount(decimal overdue, decimal rate, decimal expected) =>
        Assert.Equal(expected, InterestCharge.For(overdue, rate));

    [Fact]
    public void The_request_id_is_the_same_for_an_account_and_month_and_differs_otherwise()
    {
        var july = new DateOnly(2026, 7, 1);
        Assert.Equal(InterestCharge.RequestId(7, july), InterestCharge.RequestId(7, july));
        Assert.NotEqual(InterestCharge.RequestId(7, july), InterestCharge.RequestId(8, july));
        Assert.NotEqual(InterestCharge.RequestId(7, july), InterestCharge.RequestId(7, july.AddMonths(1)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(12.345)]
    public void Bad_interest_rates_are_refused_on_their_field(decimal rate)
    {
        var account = new DivisionAccount(1, 1, "HRD", 1, DateTime.UtcNow);
        Assert.Equal(nameof(DivisionAccount.InterestRatePercent), Assert.Throws<DomainException>(() => account.SetInterestRate(rate)).Field);
        Assert.Null(account.InterestRatePercent);
    }

    [Fact]
    public async Task A_month_is_charged_once_on_what_was_overdue_at_its_end_and_only_on_accounts_with_a_rate()
    {
        factory.Clock.Set("2026-06-01");
        var withRate = await factory.CreditAccountAsync(Hardware, 5000m, 24m);
        var withoutRate = await factory.CreditAccountAsync(Hardware, 5000m);
        using (Actors.As("interest-clerk", Roles.Clerk))
        {
            await Ledger().RecordSaleAsync(withRate, 1000m, "INV-JUNE", null);     // due 2026-07-01: overdue at the end of July
            await Ledger().RecordSaleAsync(withoutRate, 1000m, "INV-JUNE", null);
            factory.Clock.Set("2026-07-15");
            await Ledger().RecordPaymentAsync(withRate, 400m, PaymentMethod.Cash, null, Guid.NewGuid());
            await Ledger().RecordSaleAsync(withRate, 500m, "INV-JULY", null);      // due 2026-08-14: not overdue at the end of July
        }

        factory.Clock.Set("2026-08-01");
        using (Actors.As("interest-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Ledger().ChargeInterestAsync(2026, 7));
        }

        using var manager = Actors.As("interest-manager", Roles.CreditManager);
        Assert.Equal("Month", (await Assert.ThrowsAsync<DomainException>(() => Ledger().ChargeInterestAsync(2026, 8))).Field);

        var first = await Ledger().ChargeInterestAsync(2026, 7);
        var second = await Ledger().ChargeInterestAsync(2026, 7);

        var interest = (await Ledger().LedgerAsync(withRate)).Select(l => l.Entry).Single(e => e.Kind == AccountEntryKind.Interest);
        Assert.Equal(12m, interest.Amount); // 600 overdue × 24 % / 12
        Assert.Equal(("INT-202607", new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 31)), (interest.Reference, interest.PostingDate, interest.DueDate));
        Assert.True(first.Charged >= 1);
        Assert.Equal(0, second.Charged);
        Assert.Equal(first.Charged, second.AlreadyCharged);
        Assert.DoesNotContain((await Ledger().LedgerAsync(withoutRate)).Select(l => l.Entry), e => e.Kind == AccountEntryKind.Interest);

        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var balance = await db.DivisionAccounts.Where(a => a.Id == withRate).Select(a => a.Balance).SingleAsync();
        Assert.Equal(1000m - 400m + 500m + 12m, balance);
        Assert.Equal(balance, (await db.AccountEntries.Where(e => e.DivisionAccountId == withRate).Select(e => e.Amount).ToListAsync()).Sum());
    }

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private AccountLedgerService Ledger() => Service<AccountLedgerService>();

}
