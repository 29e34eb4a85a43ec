using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;

namespace CustomerManager.Tests.Credit;

public class CreditLineRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTime Now = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);
    private static readonly CustomerStanding Good = new("UCST-000001", IsActive: true, IsBlacklisted: false, null);

    [Fact]
    public void Approval_sets_the_limit_the_review_date_and_records_who_and_why()
    {
        var account = Account();

        var approved = account.ApproveCreditLine(5000m, 30, Today.AddMonths(12), "CRA-000007", "credit", Now);

        Assert.Equal((5000m, true, CreditLineStatus.Active, Today.AddMonths(12)),
            (account.CreditLimit, account.AllowCredit, account.CreditLineStatus, account.CreditReviewDueOn));
        Assert.Equal((CreditLineEventKind.Approved, 0m, 5000m, "CRA-000007 approved", "credit", Today.AddMonths(12)),
            (approved.Kind, approved.OldLimit, approved.NewLimit, approved.Reason, approved.UserName, approved.NextReviewOn));
    }

    [Fact]
    public void A_line_is_suspended_resumed_and_closed_with_reasons_and_the_balance_stays_collectable()
    {
        var account = LineOf(2000m);

        var suspended = account.SuspendCreditLine("Cheque bounced", "credit", Now);
        Assert.Equal((CreditLineStatus.Suspended, "Cheque bounced", 0m), (account.CreditLineStatus, account.CreditLineReason, account.AvailableCredit));
        Assert.Equal(CreditLineEventKind.Suspended, suspended.Kind);

        var resumed = account.ResumeCreditLine("Paid in cash", "credit", Now);
        Assert.Equal((CreditLineStatus.Active, null, 2000m), (account.CreditLineStatus, account.CreditLineReason, account.AvailableCredit));
        Assert.Equal(CreditLineEventKind.Resumed, resumed.Kind);

        var closed = account.CloseCreditLine("Customer moved away", "credit", Now);
        Assert.Equal((CreditLineStatus.Closed, null, DivisionAccountStatus.Active), (account.CreditLineStatus, account.CreditReviewDueOn, account.Status));
        Assert.Equal((CreditLineEventKind.Closed, "Customer moved away"), (closed.Kind, closed.Reason));
    }

    [Fact]
    public void Bad_transitions_are_refused_with_their_reason_and_change_nothing()
    {
        var active = LineOf(1000m);
        Assert.Contains("only a suspended line can be resumed", Refused(() => active.ResumeCreditLine("why", "c", Now)));
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => active.SuspendCreditLine("  ", "c", Now)).Field);
        Assert.Equal(CreditLineStatus.Active, active.CreditLineStatus);

        var suspended = LineOf(1000m);
        suspended.SuspendCreditLine("Disputed invoices", "c", Now);
        Assert.Contains("already suspended (Disputed invoices)", Refused(() => suspended.SuspendCreditLine("again", "c", Now)));
        Assert.Contains("resume it before approving", Refused(() => suspended.ApproveCreditLine(500m, 30, Today.AddYears(1), "CRA-1", "c", Now)));

        var closed = LineOf(1000m);
        closed.CloseCreditLine("Bad debt", "c", Now);
        Assert.Contains("a closed line cannot be suspended", Refused(() => closed.SuspendCreditLine("why", "c", Now)));
        Assert.Contains("a closed line cannot be resumed", Refused(() => closed.ResumeCreditLine("why", "c", Now)));
        Assert.Contains("already closed (Bad debt)", Refused(() => closed.CloseCreditLine("twice", "c", Now)));
        Assert.Contains("nothing to review", Refused(() => closed.ReviewCreditLine(CreditReviewOutcome.Keep, null, Today.AddYears(1), "ok", Today, "c", Now)));
        Assert.Contains("gets no new credit", Refused(() => closed.ApproveCreditLine(500m, 30, Today.AddYears(1), "CRA-1", "c", Now)));
        Assert.Equal((CreditLineStatus.Closed, "Bad debt", 1000m), (closed.CreditLineStatus, closed.CreditLineReason, closed.CreditLimit));

        Assert.Contains("has no credit line", Refused(() => Account().SuspendCreditLine("why", "c", Now)));
    }

    [Fact]
    public void A_review_keeps_changes_or_suspends_the_limit_and_sets_the_next_review_date()
    {
        var account = LineOf(1000m);

        var kept = account.ReviewCreditLine(CreditReviewOutcome.Keep, null, Today.AddMonths(6), "Pays on time", Today, "credit", Now);
        Assert.Equal((CreditLineEventKind.ReviewedKept, 1000m, 1000m, Today.AddMonths(6)), (kept.Kind, kept.OldLimit, kept.NewLimit, account.CreditReviewDueOn));

        var changed = account.ReviewCreditLine(CreditReviewOutcome.Change, 1500.004m, Today.AddMonths(12), "Income up", Today, "credit", Now);
        Assert.Equal((CreditLineEventKind.ReviewedChanged, 1000m, 1500m, 1500m), (changed.Kind, changed.OldLimit, changed.NewLimit, account.CreditLimit));

        var suspended = account.ReviewCreditLine(CreditReviewOutcome.Suspend, null, Today.AddMonths(1), "Arrears", Today, "credit", Now);
        Assert.Equal((CreditLineEventKind.ReviewedSuspended, CreditLineStatus.Suspended, "Arrears"), (suspended.Kind, account.CreditLineStatus, account.CreditLineReason));
    }

    [Theory]
    [InlineData(CreditReviewOutcome.Keep, null, 0, "ok", "NextReviewOn")]
    [InlineData(CreditReviewOutcome.Keep, null, 61 * 31, "ok", "NextReviewOn")]
    [InlineData(CreditReviewOutcome.Change, null, 30, "ok", "NewLimit")]
    [InlineData(CreditReviewOutcome.Change, 0, 30, "ok", "NewLimit")]
    [InlineData(CreditReviewOutcome.Change, 1000, 30, "ok", "NewLimit")]
    [InlineData(CreditReviewOutcome.Keep, null, 30, " ", "Reason")]
    public void A_bad_review_is_refused_on_its_field_and_changes_nothing(CreditReviewOutcome outcome, int? newLimit, int daysAhead, string reason, string field)
    {
        var account = LineOf(1000m);
        var due = account.CreditReviewDueOn;

        var refused = Assert.Throws<DomainException>(() =>
            account.ReviewCreditLine(outcome, newLimit, Today.AddDays(daysAhead), reason, Today, "credit", Now));

        Assert.Equal(field, refused.Field);
        Assert.Equal((1000m, due, CreditLineStatus.Active), (account.CreditLimit, account.CreditReviewDueOn, account.CreditLineStatus));
    }

    [Fact]
    public void One_rule_refuses_a_blacklisted_or_inactive_customer_and_a_suspended_or_closed_line_each_with_its_reason()
    {
        var suspended = LineOf(1000m);
        suspended.SuspendCreditLine("Cheque bounced", "c", Now);
        var closed = LineOf(1000m);
        closed.CloseCreditLine("Bad debt", "c", Now);
        var blacklisted = Good with { IsBlacklisted = true, BlacklistReason = "Fraudulent cheques" };
        var inactive = Good with { IsActive = false };

        Assert.Empty(CreditCheck.WhoMayBuyOnCredit(Good, LineOf(1000m)));
        Assert.Empty(CreditCheck.WhoMayBuyOnCredit(Good, null));
        Assert.Equal(["UCST-000001 is blacklisted (Fraudulent cheques).", "UCST-000001 is inactive."],
            CreditCheck.WhoMayBuyOnCredit(blacklisted with { IsActive = false }, null));
        Assert.Equal([$"The credit line of account {suspended.AccountNumber} is suspended (Cheque bounced)."], CreditCheck.WhoMayBuyOnCredit(Good, suspended));
        Assert.Equal([$"The credit line of account {closed.AccountNumber} is closed (Bad debt)."], CreditCheck.WhoMayBuyOnCredit(Good, closed));

        // The same reasons refuse a sale on account, a new layby and a new application.
        Assert.Contains("UCST-000001 is blacklisted (Fraudulent cheques).", CreditCheck.RefusalsForSale(blacklisted, LineOf(1000m), 10m, null, Today, 30));
        Assert.Contains("is suspended (Cheque bounced)", string.Join(" ", CreditCheck.RefusalsForSale(Good, suspended, 10m, null, Today, 30)));
        Assert.StartsWith("No new layby: UCST-000001 is inactive.", Refused(() => CreditCheck.EnsureMayBuyOnCredit(CreditUse.Layby, inactive, null)));
        Assert.StartsWith("No credit application: The credit line", Refused(() => CreditCheck.EnsureMayBuyOnCredit(CreditUse.Application, Good, closed)));
        CreditCheck.EnsureMayBuyOnCredit(CreditUse.Layby, Good, LineOf(1000m));
    }

    [Fact]
    public void An_override_passes_a_suspended_line_but_never_a_closed_one()
    {
        var suspended = LineOf(1000m);
        suspended.SuspendCreditLine("Cheque bounced", "c", Now);
        var closed = LineOf(1000m);
        closed.CloseCreditLine("Bad debt", "c", Now);

        Assert.NotEmpty(CreditCheck.RefusalsForSale(Good, suspended, 10m, null, Today, 30, overriding: true));
        Assert.Contains("even with an override", Refused(() => CreditCheck.RefusalsForSale(Good, closed, 10m, null, Today, 30, overriding: true)));
    }

    private static string Refused(Action action) => Assert.Throws<DomainException>(action).Message;

    private static string Refused(Func<object> action) => Assert.Throws<DomainException>(() => action()).Message;

    private static DivisionAccount Account() => new(1, 4, "HRD", 7, Now);

    private static DivisionAccount LineOf(decimal limit)
    {
        var account = Account();
        account.ApproveCreditLine(limit, 30, Today.AddMonths(12), "CRA-000001", "credit", Now);
        return account;
    }
}
