using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Reports;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Accounts;

/// <summary>Refunds, fees, adjustments, write-offs and recoveries through the services, on a real database.</summary>
public class LedgerCorrectionsTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Hardware = 4;
    private const int Construction = 5;

    [Fact]
    public async Task A_refund_pays_back_credit_held_never_more_and_consumes_it()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
        using var actor = Actors.As("refund-accountant", Roles.Accountant);
        await AsClerkAsync(() => Ledger().RecordSaleAsync(accountId, 100m, "INV-R1", null));
        await AsClerkAsync(() => Ledger().RecordPaymentAsync(accountId, 250m, PaymentMethod.Cash, null, Guid.NewGuid()));

        var tooMuch = await Assert.ThrowsAsync<DomainException>(() =>
            Ledger().RefundAsync(accountId, 150.01m, PaymentMethod.Cash, null, "Customer closed the account", Guid.NewGuid()));
        Assert.Equal("The refund of 150.01 is more than the credit held (150.00).", tooMuch.Message);
        var noReason = await Assert.ThrowsAsync<DomainException>(() =>
            Ledger().RefundAsync(accountId, 50m, PaymentMethod.Cash, null, "  ", Guid.NewGuid()));
        Assert.Equal("Reason", noReason.Field);
        var cheque = await Assert.ThrowsAsync<DomainException>(() =>
            Ledger().RefundAsync(accountId, 50m, PaymentMethod.Cheque, null, "Overpaid", Guid.NewGuid()));
        Assert.Equal("Method", cheque.Field);
        Assert.Equal(2, (await Ledger().LedgerAsync(accountId)).Count);

        var requestId = Guid.NewGuid();
        var refund = await Ledger().RefundAsync(accountId, 150m, PaymentMethod.BankTransfer, "EFT 991", "Overpaid", requestId);
        var again = await Ledger().RefundAsync(accountId, 150m, PaymentMethod.BankTransfer, "EFT 991", "Overpaid", requestId);

        Assert.Equal(refund.Id, again.Id);
        Assert.Matches(@"^RFD-HRD-\d{6}$", refund.ReceiptNumber);
        Assert.Equal(AccountEntryKind.Refund, refund.Kind);
        Assert.Equal(150m, refund.Amount);
        var lines = await Ledger().LedgerAsync(accountId);
        Assert.Equal(0m, lines[^1].RunningBalance);
        Assert.Equal(150m, Assert.Single(lines[^1].Allocations).Amount); // settled by the credit it paid back
        var nothingLeft = await Assert.ThrowsAsync<DomainException>(() =>
            Ledger().RefundAsync(accountId, 1m, PaymentMethod.Cash, null, "Again", Guid.NewGuid()));
        Assert.Equal("The customer holds no credit on this account, so there is nothing to refund.", nothingLeft.Message);

        var advice = await Ledger().ReceiptAsync(refund.ReceiptNumber!);
        Assert.True(advice.IsRefund);
        Assert.Equal("Refund advice", advice.Title);
        Assert.Equal(150m, advice.Amount);
        Assert.Equal("Bank transfer", advice.Method);
        Assert.Equal("Overpaid", advice.Reason);
        Assert.Equal(0m, advice.BalanceAfter);
    }

    [Fact]
    public async Task Clerks_cannot_refund_fee_or_adjust_and_a_refund_in_another_division_is_refused()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
        using (Actors.As("till-clerk", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Ledger().RefundAsync(accountId, 1m, PaymentMethod.Cash, null, "x", Guid.NewGuid()));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Ledger().ChargeFeeAsync(accountId, 1m, "Admin fee", null, Guid.NewGuid()));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Ledger().AdjustAsync(accountId, AdjustmentDirection.Credit, 1m, "x", null, Guid.NewGuid()));
        }

        using (Actors.AsLimitedTo([Construction], "construction-accountant", Roles.Accountant))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Ledger().ChargeFeeAsync(accountId, 25m, "Admin fee", null, Guid.NewGuid()));
        }

        using (Actors.As("any-accountant", Roles.Accountant))
        {
            Assert.Empty(await Ledger().LedgerAsync(accountId));
        }
    }

    [Fact]
    public async Task Fees_and_debit_adjustments_are_charges_due_after_the_terms_and_a_credit_adjustment_settles_like_a_payment()
    {
        var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
        using var actor = Actors.As("fee-accountant", Roles.Accountant);
        var today = factory.Services.GetRequiredService<BusinessTime>().Today;

        var fee = await Ledger().ChargeFeeAsync(accountId, 35m, "Returned-payment fee", "Cheque 1002", Guid.NewGuid());
        var debit = await Ledger().AdjustAsync(accountId, AdjustmentDirection.Debit, 20m, "Delivery not invoiced", null, Guid.NewGuid());
        var credit = await Ledger().AdjustAsync(accountId, AdjustmentDirection.Credit, 40m, "Price agreed lower", "CN-7", Guid.NewGuid());
        var noReason = await Assert.ThrowsAsync<DomainException>(() =>
            Ledger().AdjustAsync(accountId, AdjustmentDirection.Debit, 5m, "", null, Guid.NewGuid()));

        Assert.Equal("Reason", noReason.Field);
        Assert.Equal((AccountEntryKind.Fee, 35m, today.AddDays(30), "Returned-payment fee"), (fee.Kind, fee.Amount, fee.DueDate!.Value, fee.Description!));
        Assert.Equal((20m, today.AddDays(30)), (debit.Amount, debit.DueDate!.Value));
        Assert.Equal((-40m, (DateOnly?)null), (credit.Amount, credit.DueDate));
        var lines = await Ledger().LedgerAsync(accountId);
        Assert.Equal(3, lines.Count);
        Assert.Equal(15m, lines[^1].RunningBalance);
        // The credit settled the fee (35) first, both being due on the same day and the fee older, then 5 of the debit.
        var allocations = lines[^1].Allocations.OrderBy(a => a.ChargeEntryId).Select(a => (a.ChargeEntryId, a.Amount)).ToList();
        Assert.Equal([(fee.Id, 35m), (debit.Id, 5m)], allocations);
    }

    [Fact]
    public async Task A_write_off_up_to_the_approval_amount_posts_at_once_and_a_later_payment_is_a_recovery_not_credit()
    {
        var accountId = await factory.CreditAccountAsync(Construction, 5000m);
        await AsClerkAsync(() => Ledger().RecordSaleAsync(accountId, 800m, "INV-W1", null));
        using var actor = Actors.As("bad-debt-manager", Roles.CreditManager);

        var tooMuch = await Assert.ThrowsAsync<DomainException>(() => WriteOffs().WriteOffAsync(accountId, 800.01m, "Customer untraceable", Guid.NewGuid()));
        Assert.Equal("A write-off of 800.01 is more than the balance owed (800.00).", tooMuch.Message);
        var outcome = await WriteOffs().WriteOffAsync(accountId, 800m, "Customer untraceable", Guid.NewGuid());

        Assert.False(outcome.IsPending);
        Assert.Equal(WriteOffStatus.Posted, outcome.WriteOff.Status);
        Assert.Equal((AccountEntryKind.WriteOff, -800m), (outcome.Entry!.Kind, outcome.Entry.Amount));
        Assert.Equal(0m, (await Ledger().LedgerAsync(accountId))[^1].RunningBalance);

        var payment = await AsClerkAsync(() => Ledger().RecordPaymentAsync(accountId, 300m, PaymentMethod.Cash, null, Guid.NewGuid()));
        var lines = await Ledger().LedgerAsync(accountId);
        var recovery = Assert.Single(lines, l => l.Entry.Kind == AccountEntryKind.Recovery).Entry;
        Assert.Equal((300m, payment.ReceiptNumber), (recovery.Amount, recovery.Reference));
        Assert.Equal(0m, lines[^1].RunningBalance); // no credit: the payment paid written-off debt

        // Paying more than the rest of the written-off debt leaves the difference as credit.
        await AsClerkAsync(() => Ledger().RecordPaymentAsync(accountId, 600m, PaymentMethod.Cash, null, Guid.NewGuid()));
        lines = await Ledger().LedgerAsync(accountId);
        Assert.Equal(800m, lines.Where(l => l.Entry.Kind == AccountEntryKind.Recovery).Sum(l => l.Entry.Amount));
        Assert.Equal(-100m, lines[^1].RunningBalance);

        // Reversing the first payment writes its 300 off again: the recovery goes with it.
        await Ledger().ReverseAsync(accountId, payment.Id, "Cheque bounced");
        lines = await Ledger().LedgerAsync(accountId);
        Assert.True(lines.Single(l => l.Entry.Id == recovery.Id).IsReversed);
        Assert.Equal(-100m, lines[^1].RunningBalance);
        var recoveryAlone = await Assert.ThrowsAsync<DomainException>(() => Ledger().ReverseAsync(accountId, lines.Single(l => l.Entry.Kind == AccountEntryKind.Recovery && !l.IsReversed).Entry.Id, "x"));
        Assert.StartsWith("A recovery goes with its payment", recoveryAlone.Message);

        var today = factory.Services.GetRequiredService<BusinessTime>().Today;
        var report = await Service<ReportService>().BadDebtAsync(today, today, Construction);
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var accountNumber = await db.DivisionAccounts.Where(a => a.Id == accountId).Select(a => a.AccountNumber).SingleAsync();
        var row = Assert.Single(report, r => r.AccountNumber == accountNumber);
        Assert.Equal((800m, 500m, 300m), (row.WrittenOff, row.Recovered, row.NetLoss));
    }

    [Fact]
    public async Task A_write_off_above_the_divisions_approval_amount_waits_for_a_second_person_who_is_an_admin()
    {
        await SetWriteOffApprovalAsync(Hardware, 500m);
        try
        {
            var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
            await AsClerkAsync(() => Ledger().RecordSaleAsync(accountId, 2000m, "INV-W2", null));
            WriteOffOutcome asked;
            using (Actors.As("asking-manager", Roles.CreditManager))
            {
                asked = await WriteOffs().WriteOffAsync(accountId, 1200m, "Business liquidated", Guid.NewGuid());
                Assert.True(asked.IsPending);
                Assert.Null(asked.Entry);
                await Assert.ThrowsAsync<AccessDeniedException>(() => WriteOffs().ApproveAsync(asked.WriteOff.Id));
                Assert.Equal(2000m, (await Ledger().LedgerAsync(accountId))[^1].RunningBalance);
            }

            using (Actors.As("asking-manager", Roles.CreditManager, Roles.Admin))
            {
                var self = await Assert.ThrowsAsync<DomainException>(() => WriteOffs().ApproveAsync(asked.WriteOff.Id));
                Assert.Contains("second person", self.Message);
            }

            using (Actors.As("approving-admin", Roles.Admin))
            {
                Assert.Contains(await WriteOffs().ListAsync(pendingOnly: true), w => w.Id == asked.WriteOff.Id);
                var approved = await WriteOffs().ApproveAsync(asked.WriteOff.Id);
                Assert.Equal(WriteOffStatus.Posted, approved.WriteOff.Status);
                Assert.Equal(-1200m, approved.Entry!.Amount);
                var twice = await Assert.ThrowsAsync<DomainException>(() => WriteOffs().ApproveAsync(asked.WriteOff.Id));
                Assert.Contains("already posted", twice.Message);
                Assert.Equal(800m, (await Ledger().LedgerAsync(accountId))[^1].RunningBalance);
                Assert.DoesNotContain(await WriteOffs().ListAsync(pendingOnly: true), w => w.Id == asked.WriteOff.Id);
            }
        }
        finally
        {
            await SetWriteOffApprovalAsync(Hardware, null);
        }
    }

    private async Task SetWriteOffApprovalAsync(int divisionId, decimal? above)
    {
        using var actor = Actors.As("write-off-admin", Roles.Admin);
        var organisation = Service<OrganisationService>();
        var division = (await organisation.ListDivisionsAsync()).Single(d => d.Id == divisionId);
        await organisation.UpdateDivisionAsync(division.Id, division.Version,
            new DivisionInput(division.Name, division.Code, division.Type, division.IsActive, above));
    }

    private static async Task<T> AsClerkAsync<T>(Func<Task<T>> action)
    {
        using var actor = Actors.As("counter-clerk", Roles.Clerk);
        return await action();
    }

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private AccountLedgerService Ledger() => Service<AccountLedgerService>();

    private WriteOffService WriteOffs() => Service<WriteOffService>();
}

/// <summary>Statements of a month with every kind of entry, on a clock the test sets.</summary>
public class LedgerCorrectionStatementTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private const int Hardware = 4;

    [Fact]
    public async Task Statements_and_aging_agree_with_the_ledger_after_refunds_write_offs_and_recoveries()
    {
        factory.Clock.Set("2026-09-03");
        var accountId = await factory.CreditAccountAsync(Hardware, 5000m);
        T In<T>() where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
        using (Actors.As("month-manager", Roles.CreditManager))
        {
            await In<AccountLedgerService>().RecordSaleAsync(accountId, 500m, "INV-S1", null);
            await In<AccountLedgerService>().RecordSaleAsync(accountId, 300m, "INV-S2", null);
            factory.Clock.Set("2026-09-08");
            await In<WriteOffService>().WriteOffAsync(accountId, 300m, "Disputed, not worth pursuing", Guid.NewGuid());
            await In<AccountLedgerService>().ChargeFeeAsync(accountId, 40m, "Admin fee", null, Guid.NewGuid());
            factory.Clock.Set("2026-09-13");
            await In<AccountLedgerService>().RecordPaymentAsync(accountId, 700m, PaymentMethod.Cash, null, Guid.NewGuid()); // 540 owed, 160 recovers
            await In<AccountLedgerService>().RecordPaymentAsync(accountId, 200m, PaymentMethod.Card, null, Guid.NewGuid()); // 140 recovers, 60 credit
            await In<AccountLedgerService>().RefundAsync(accountId, 60m, PaymentMethod.Cash, null, "Overpaid", Guid.NewGuid());
        }

        factory.Clock.Set("2026-10-05");
        using (Actors.As("month-accountant", Roles.Accountant))
        {
            var lines = await In<AccountLedgerService>().LedgerAsync(accountId);
            Assert.Equal(0m, lines[^1].RunningBalance);
            var statement = await In<StatementService>().GenerateAsync(accountId, 2026, 9);
            Assert.Equal((0m, 0m), (statement.OpeningBalance, statement.ClosingBalance));
            Assert.Equal(500m + 300m + 60m, statement.TotalCharges); // sales and the refund paid out
            Assert.Equal(900m, statement.TotalPayments);
            Assert.Equal(40m, statement.TotalFees);
            Assert.Equal(-300m + 300m, statement.TotalOther); // written off, then recovered in full
            Assert.Equal(0m, statement.Aging.Total);
            Assert.Equal(0m, statement.UnallocatedCredit);
            Assert.Contains(statement.Lines, l => l.Kind == "Write off" && l.Amount == -300m);
            Assert.Empty(await In<AccountLedgerService>().CheckBalancesAsync(correct: false));
        }
    }

    [Fact]
    public async Task Statements_carry_a_due_date_show_whether_they_were_paid_and_skip_quiet_accounts_unless_asked()
    {
        factory.Clock.Set("2026-06-05");
        var owing = await factory.CreditAccountAsync(Hardware, 5000m);
        var quiet = await factory.CreditAccountAsync(Hardware, 5000m);
        var settled = await factory.CreditAccountAsync(Hardware, 5000m);
        T In<T>() where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
        using (Actors.As("due-manager", Roles.CreditManager))
        {
            await In<AccountLedgerService>().RecordSaleAsync(owing, 100m, "D-1", null);
            await In<AccountLedgerService>().RecordSaleAsync(settled, 50m, "D-2", null);
            await In<AccountLedgerService>().RecordPaymentAsync(settled, 50m, PaymentMethod.Cash, null, Guid.NewGuid());
        }

        using var actor = Actors.As("due-accountant", Roles.Accountant);
        factory.Clock.Set("2026-07-02");
        var run = await In<StatementService>().RunBatchAsync(Hardware, 2026, 6, includeQuiet: false, null);
        Assert.Equal((2, 2), (run.Total, run.Generated));
        var june = (await In<StatementService>().ListAsync(Hardware, 2026, 6, 0, 50)).Items.ToDictionary(s => s.DivisionAccountId);
        Assert.Equal([owing, settled], june.Keys.Order());
        Assert.Equal((new DateOnly(2026, 7, 30), StatementPayment.Open), (june[owing].DueDate, june[owing].Payment));
        Assert.Equal(StatementPayment.NothingDue, june[settled].Payment);

        factory.Clock.Set("2026-08-03");
        Assert.Equal(StatementPayment.Overdue, Assert.Single(await In<StatementService>().ForAccountAsync(owing)).Payment);
        using (Actors.As("due-clerk", Roles.Clerk))
        {
            await In<AccountLedgerService>().RecordSaleAsync(owing, 30m, "D-3", null);
            await In<AccountLedgerService>().RecordPaymentAsync(owing, 100m, PaymentMethod.Card, null, Guid.NewGuid());
        }

        // The 100 settled June's charge (the oldest); the August sale is still open but was not on June's statement.
        Assert.Equal(StatementPayment.Paid, Assert.Single(await In<StatementService>().ForAccountAsync(owing)).Payment);

        var asked = await In<StatementService>().RunBatchAsync(Hardware, 2026, 6, includeQuiet: true, null);
        Assert.Equal((3, 1, 2), (asked.Total, asked.Generated, asked.Skipped));
        var quietStatement = (await In<StatementService>().ListAsync(Hardware, 2026, 6, 0, 50)).Items.Single(s => s.DivisionAccountId == quiet);
        Assert.Equal((0m, StatementPayment.NothingDue), (quietStatement.ClosingBalance, quietStatement.Payment));
    }
}
