using CustomerManager.Domain.Accounts;

namespace CustomerManager.Tests.Accounts;

public class LedgerRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly CustomerStanding GoodStanding = new("UCST-000001", IsActive: true, IsBlacklisted: false, null);

    [Fact]
    public void Allocation_pays_the_oldest_due_charge_first_partially_and_never_more_than_open()
    {
        var older = Charge(100m, due: Today.AddDays(-10));
        var newer = Charge(100m, due: Today.AddDays(5));
        var oldest = Charge(50m, due: Today.AddDays(-40));

        var result = Allocation.OldestDueFirst(120m, [new(newer, 100m), new(older, 100m), new(oldest, 30m)]);

        Assert.Equal([(oldest, 30m), (older, 90m)], result.Select(r => (r.Charge, r.Amount)));
        Assert.Empty(Allocation.OldestDueFirst(0m, [new(older, 100m)]));
    }

    [Fact]
    public void Credit_check_lists_every_reason_a_sale_is_refused()
    {
        var account = new DivisionAccount(1, 1, "HRD", 1, DateTime.UtcNow);
        account.SetCreditTerms(DivisionAccountStatus.Suspended, 100m, 30, allowCredit: true, allowLayby: true);

        var reasons = CreditCheck.RefusalsForSale(GoodStanding, account, 150m, Today.AddDays(-45), Today, overdueThresholdDays: 30);

        Assert.Equal(
            [
                $"Account {account.AccountNumber} is suspended, not active.",
                "The sale would take the balance to 150.00, over the credit limit of 100.00 (available 100.00).",
                "A charge due 2026-10-08 is 45 days overdue (more than 30).",
            ],
            reasons);
        // Exactly at the limit and exactly at the threshold is allowed; a day past the threshold is refused for that alone.
        Assert.Empty(CreditCheck.RefusalsForSale(GoodStanding, Active(100m), 100m, Today.AddDays(-30), Today, overdueThresholdDays: 30));
        Assert.Equal(["A charge due 2026-11-14 is 8 days overdue (more than 7)."],
            CreditCheck.RefusalsForSale(GoodStanding, Active(100m), 100m, Today.AddDays(-8), Today, overdueThresholdDays: 7));
        Assert.Equal([$"Account {Active(100m).AccountNumber} does not allow credit."],
            CreditCheck.RefusalsForSale(GoodStanding, NoCredit(), 10m, null, Today, overdueThresholdDays: 30));
    }

    [Fact]
    public void Free_credit_settles_later_charges_and_a_reversed_payment_stops_counting()
    {
        var charge = Charge(100m, due: Today);
        var payment = Payment(150m);
        var ledger = new AccountLedger([charge, payment], []);

        var settled = ledger.Settle();

        Assert.Equal(100m, Assert.Single(settled).Amount);
        Assert.Equal(50m, Assert.Single(ledger.FreeCredit()).Free);
        Assert.Empty(ledger.OpenCharges());
        Assert.Equal(-50m, ledger.Balance);
    }

    private static DivisionAccount NoCredit()
    {
        var account = new DivisionAccount(1, 1, "HRD", 1, DateTime.UtcNow);
        account.SetCreditTerms(DivisionAccountStatus.Active, 100m, 30, allowCredit: false, allowLayby: true);
        return account;
    }

    private static DivisionAccount Active(decimal limit)
    {
        var account = new DivisionAccount(1, 1, "HRD", 1, DateTime.UtcNow);
        account.SetCreditTerms(DivisionAccountStatus.Active, limit, 30, allowCredit: true, allowLayby: true);
        return account;
    }

    private static AccountEntry Charge(decimal amount, DateOnly due) =>
        new(1, AccountEntryKind.SaleOnAccount, amount, Today, due, "INV", null, null, null, null, DateTime.UtcNow, "t");

    private static AccountEntry Payment(decimal amount) =>
        new(1, AccountEntryKind.Payment, -amount, Today, null, null, null, null, null, null, DateTime.UtcNow, "t");
}
