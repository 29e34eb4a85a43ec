using CustomerManager.Domain.Common;
using CustomerManager.Domain.Subscriptions;
using static CustomerManager.Tests.Subscriptions.SubscriptionBuilders;

namespace CustomerManager.Tests.Subscriptions;

public class SubscriptionRulesTests
{
    [Fact]
    public void A_month_end_start_bills_on_each_months_last_day_without_drifting()
    {
        var subscription = Subscription(Plan(300m), D("2027-01-31"));
        var starts = Enumerable.Range(0, 5).Select(_ => subscription.Bill(300m).Period.Start).ToList();
        Assert.Equal([D("2027-01-31"), D("2027-02-28"), D("2027-03-31"), D("2027-04-30"), D("2027-05-31")], starts);
        Assert.Equal(D("2027-06-30"), subscription.NextBillingDate);
    }

    [Fact]
    public void A_leap_day_start_bills_on_28_February_in_other_years()
    {
        var subscription = Subscription(Plan(1200m, BillingCycle.Annual), D("2028-02-29"));
        Assert.Equal(new BillingPeriod(D("2028-02-29"), D("2029-02-28")), subscription.Bill(1200m).Period);
        Assert.Equal(D("2029-02-28"), subscription.NextBillingDate);
        Assert.Equal(new BillingPeriod(D("2029-02-28"), D("2030-02-28")), subscription.Bill(1200m).Period);
    }

    [Fact]
    public void The_price_is_kept_until_the_renewal_then_the_plans_current_price_applies()
    {
        var subscription = Subscription(Plan(500m, BillingCycle.Quarterly), D("2026-12-15"));
        Assert.Equal(D("2027-12-15"), subscription.RenewalDate);
        var prices = Enumerable.Range(0, 5).Select(_ => subscription.Bill(650m)).ToList();
        Assert.Equal([500m, 500m, 500m, 500m, 650m], prices.Select(p => p.Price));
        Assert.Equal([false, false, false, false, true], prices.Select(p => p.Renewed));
        Assert.Equal(D("2028-12-15"), subscription.RenewalDate);
        Assert.Equal(1, subscription.Renewals);
    }

    [Fact]
    public void An_upgrade_on_the_tenth_of_a_thirty_day_period_credits_and_charges_the_remaining_21_days()
    {
        var subscription = Subscription(Plan(600m, id: 1), D("2026-11-01"));
        subscription.Bill(600m); // 1 Nov to 30 Nov: 30 days
        var proration = subscription.ChangePlan(Plan(900m, id: 2), D("2026-11-10"))!;
        Assert.Equal(21, proration.RemainingDays);
        Assert.Equal(30, proration.PeriodDays);
        Assert.Equal(420m, proration.Credit);  // 600 × 21 / 30
        Assert.Equal(630m, proration.Charge);  // 900 × 21 / 30
        Assert.Equal(210m, proration.Net);
        Assert.Equal(2, subscription.PlanId);
        Assert.Equal(900m, subscription.Price);
        Assert.Equal(D("2026-12-01"), subscription.NextBillingDate);
    }

    [Fact]
    public void A_change_to_another_cycle_credits_the_unused_days_and_starts_the_new_cycle_that_day()
    {
        var subscription = Subscription(Plan(310m, id: 1), D("2026-12-01"));
        subscription.Bill(310m); // December: 31 days
        var proration = subscription.ChangePlan(Plan(3000m, BillingCycle.Annual, id: 2), D("2026-12-11"))!;
        Assert.Equal(210m, proration.Credit); // 310 × 21 / 31
        Assert.Equal(0m, proration.Charge);
        Assert.Equal(D("2026-12-11"), subscription.NextBillingDate);
        Assert.Equal(new BillingPeriod(D("2026-12-11"), D("2027-12-11")), subscription.Bill(3000m).Period);
    }

    [Fact]
    public void A_change_before_anything_was_billed_has_no_proration()
    {
        var subscription = Subscription(Plan(300m, id: 1), D("2026-12-05"));
        Assert.Null(subscription.ChangePlan(Plan(400m, id: 2), D("2026-12-01")));
        Assert.Equal(400m, subscription.Price);
    }

    [Fact]
    public void Changing_to_the_same_plan_or_another_divisions_plan_is_refused()
    {
        var plan = Plan(300m);
        var subscription = Subscription(plan, D("2026-12-05"));
        Assert.Equal("SUB-000007 is already on Plan 1.", Assert.Throws<DomainException>(() => subscription.ChangePlan(plan, D("2026-12-06"))).Message);
        Assert.Contains("sold by another division", Assert.Throws<DomainException>(() => subscription.ChangePlan(Plan(300m, id: 3, divisionId: 2), D("2026-12-06"))).Message);
    }

    [Fact]
    public void Suspend_resume_and_cancel_need_a_reason_and_the_right_status()
    {
        var subscription = Subscription(Plan(300m), D("2026-11-01"));
        subscription.Bill(300m);
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => subscription.Suspend(" ", D("2026-11-05"))).Field);
        subscription.Suspend("Customer travelling", D("2026-11-05"));
        Assert.Equal(SubscriptionStatus.Suspended, subscription.Status);
        Assert.False(subscription.IsDue(D("2026-12-01")));
        Assert.Contains("only an active subscription can be suspended", Assert.Throws<DomainException>(() => subscription.Suspend("again", D("2026-11-06"))).Message);

        // Resumed after the December date passed: December is not charged, billing restarts on the day it resumes.
        subscription.Resume(D("2026-12-20"));
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Null(subscription.StatusReason);
        Assert.Equal(D("2026-12-20"), subscription.NextBillingDate);
        Assert.Equal(new BillingPeriod(D("2026-12-20"), D("2027-01-20")), subscription.Bill(300m).Period);

        subscription.Cancel("Moving abroad", D("2027-01-02"));
        var again = Assert.Throws<DomainException>(() => subscription.Cancel("Twice", D("2027-01-03")));
        Assert.Equal("SUB-000007 was already cancelled on 2027-01-02.", again.Message);
        Assert.Equal("Moving abroad", subscription.StatusReason);
        Assert.Throws<DomainException>(() => subscription.Bill(300m));
    }

    [Fact]
    public void Resuming_inside_a_paid_period_keeps_the_next_billing_date()
    {
        var subscription = Subscription(Plan(300m), D("2026-11-01"));
        subscription.Bill(300m);
        subscription.Suspend("Line fault", D("2026-11-03"));
        subscription.Resume(D("2026-11-20"));
        Assert.Equal(D("2026-12-01"), subscription.NextBillingDate);
    }

    [Fact]
    public void A_start_long_ago_or_a_withdrawn_plan_is_refused()
    {
        var today = D("2026-11-30");
        Assert.Equal("StartDate", Assert.Throws<DomainException>(() =>
            Domain.Subscriptions.Subscription.Start("SUB-1", 1, null, Plan(), today.AddDays(-40), today, Now, "clerk")).Field);
        var withdrawn = Plan();
        withdrawn.SetActive(false);
        Assert.Contains("no longer sold", Assert.Throws<DomainException>(() =>
            Domain.Subscriptions.Subscription.Start("SUB-1", 1, null, withdrawn, today, today, Now, "clerk")).Message);
    }
}
