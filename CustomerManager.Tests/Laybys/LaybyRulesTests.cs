using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Tests.Laybys;

public class LaybyRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    internal static LaybyPolicy Policy(LaybyPolicyTerms? terms = null) =>
        new(1, 1, terms ?? new LaybyPolicyTerms(AdminFee: 25m, ServiceFee: 10m, LateFeePerInstalment: 50m, GracePeriodDays: 7), Now, "admin");

    internal static Layby Open(decimal price = 1000m, decimal deposit = 200m, LaybyPolicy? policy = null, LaybyFrequency frequency = LaybyFrequency.Monthly, int days = 90) =>
        Layby.Open(1, 1, policy ?? Policy(), [new LaybyItemInput("Winter coat", "COAT-1", 1, price)], deposit, PaymentMethod.Cash,
            frequency, Today.AddDays(days), Today, Now, "clerk");

    [Fact]
    public void Schedules_sum_exactly_have_no_negative_instalment_and_end_by_the_completion_date()
    {
        var random = new Random(2026);
        for (var run = 0; run < 2000; run++)
        {
            var amount = Money.Round((decimal)(random.NextDouble() * 50_000));
            var frequency = (LaybyFrequency)random.Next(3);
            var opened = new DateOnly(2026, 1, 1).AddDays(random.Next(365));
            var completion = opened.AddDays(random.Next(1, 400));

            var schedule = LaybySchedule.For(amount, frequency, opened, completion);

            Assert.Equal(amount, schedule.Sum(i => i.Amount));
            Assert.All(schedule, i => Assert.True(i.Amount >= 0, $"negative instalment in run {run}"));
            Assert.All(schedule, i => Assert.True(i.DueDate <= completion && i.DueDate > opened));
            Assert.Equal(Enumerable.Range(1, schedule.Count), schedule.Select(i => i.Number));
            if (schedule.Count > 1)
            {
                // Equal instalments; only the last carries the rounding remainder.
                Assert.Single(schedule.SkipLast(1).Select(i => i.Amount).Distinct());
                Assert.InRange(schedule[^1].Amount - schedule[0].Amount, 0m, 0.01m * schedule.Count);
            }
        }
    }

    [Fact]
    public void A_hundred_over_three_months_is_33_33_33_33_33_34()
    {
        var schedule = LaybySchedule.For(100m, LaybyFrequency.Monthly, Today, Today.AddMonths(3));
        Assert.Equal([33.33m, 33.33m, 33.34m], schedule.Select(i => i.Amount));
        Assert.Equal([Today.AddMonths(1), Today.AddMonths(2), Today.AddMonths(3)], schedule.Select(i => i.DueDate));
    }

    [Fact]
    public void Next_due_is_the_earliest_unpaid_instalment_even_when_overdue_with_the_missed_amount_beside_it()
    {
        // 835 over six weeks, fortnightly: 278.33, 278.33, 278.34; nothing paid after the deposit, two instalments missed.
        var layby = Open(price: 1000m, deposit: 200m, frequency: LaybyFrequency.Fortnightly, days: 42);
        var afterTwo = Today.AddDays(29);

        Assert.Equal(new InstalmentStanding(Today.AddDays(14), 556.66m, 2), layby.Standing(afterTwo));

        // 300 covers the first instalment and 21.67 of the second: the second is next due, its unpaid part overdue.
        layby.Pay(300m, PaymentMethod.Cash, null, Guid.NewGuid(), Now, "clerk");
        Assert.Equal(new InstalmentStanding(Today.AddDays(28), 256.66m, 1), layby.Standing(afterTwo));
        Assert.Equal(new InstalmentStanding(Today.AddDays(28), 0m, 0), layby.Standing(Today.AddDays(15)));
    }

    [Fact]
    public void An_instalment_due_today_is_next_due_but_not_yet_overdue_and_a_paid_up_schedule_has_nothing_due()
    {
        IReadOnlyList<PlannedInstalment> plan = [new(1, Today, 100m), new(2, Today.AddMonths(1), 100m)];

        Assert.Equal(new InstalmentStanding(Today, 0m, 0), LaybySchedule.Standing(plan, 0m, Today));
        Assert.Equal(new InstalmentStanding(null, 0m, 0), LaybySchedule.Standing(plan, 200m, Today.AddYears(1)));
    }

    [Fact]
    public void Opening_posts_goods_fees_and_deposit_and_the_schedule_covers_the_rest()
    {
        var layby = Open(price: 1000m, deposit: 200m);

        Assert.Equal(1000m, layby.Total);
        Assert.Equal(35m, layby.Fees);
        Assert.Equal(200m, layby.TotalPaid);
        Assert.Equal(835m, layby.Balance);
        Assert.Equal(layby.Total + layby.Fees - layby.Deposit, layby.Instalments.Sum(i => i.Amount));
        Assert.Equal(layby.Balance, layby.Entries.Sum(e => e.Amount));
        // Monthly from 22 Nov within 90 days: 22 Dec and 22 Jan (22 Feb is day 92).
        Assert.Equal([new DateOnly(2026, 12, 22), new DateOnly(2027, 1, 22)], layby.Instalments.Select(i => i.DueDate));
    }

    [Theory]
    [InlineData(199.99, "Deposit")]
    [InlineData(-1, "Deposit")]
    public void A_deposit_below_the_minimum_is_refused(decimal deposit, string field)
    {
        var refused = Assert.Throws<DomainException>(() => Open(deposit: deposit));
        Assert.Equal(field, refused.Field);
        Assert.Contains("200.00", refused.Message);
    }

    [Fact]
    public void Bad_plans_are_refused_with_a_specific_message()
    {
        Assert.Equal("Items", Assert.Throws<DomainException>(() =>
            Layby.Open(1, 1, Policy(), [], 0, PaymentMethod.Cash, LaybyFrequency.Monthly, Today.AddDays(30), Today, Now, "c")).Field);
        Assert.Contains("quantity", Assert.Throws<DomainException>(() =>
            Layby.Open(1, 1, Policy(), [new LaybyItemInput("Shoe", null, 0, 10)], 2, PaymentMethod.Cash, LaybyFrequency.Monthly, Today.AddDays(30), Today, Now, "c")).Message);
        Assert.Equal("CompletionDate", Assert.Throws<DomainException>(() => Open(days: 91)).Field);
        Assert.Equal("CompletionDate", Assert.Throws<DomainException>(() => Open(days: 0)).Field);
        Assert.Equal("CompletionDate", Assert.Throws<DomainException>(() => Open(days: -3)).Field);
        var weeklyOff = Policy(new LaybyPolicyTerms(AllowWeekly: false));
        Assert.Equal("Frequency", Assert.Throws<DomainException>(() => Open(policy: weeklyOff, frequency: LaybyFrequency.Weekly)).Field);
    }

    [Fact]
    public void Payments_keep_the_invariant_and_completion_happens_at_zero()
    {
        var layby = Open();
        Assert.Equal("Amount", Assert.Throws<DomainException>(() => layby.Pay(0, PaymentMethod.Cash, null, Guid.NewGuid(), Now, "c")).Field);
        Assert.Equal("Amount", Assert.Throws<DomainException>(() => layby.Pay(-5, PaymentMethod.Cash, null, Guid.NewGuid(), Now, "c")).Field);
        Assert.Contains("835.00", Assert.Throws<DomainException>(() => layby.Pay(835.01m, PaymentMethod.Cash, null, Guid.NewGuid(), Now, "c")).Message);

        layby.Pay(300m, PaymentMethod.Card, "auth 123", Guid.NewGuid(), Now, "c");
        Assert.Equal(layby.Total + layby.Fees, layby.TotalPaid + layby.Balance);
        layby.Pay(535m, PaymentMethod.MobileMoney, null, Guid.NewGuid(), Now, "c");

        Assert.Equal(LaybyStatus.Completed, layby.Status);
        Assert.Equal(0m, layby.Balance);
        Assert.Contains("fully paid", Assert.Throws<DomainException>(() => layby.Pay(1, PaymentMethod.Cash, null, Guid.NewGuid(), Now, "c")).Message);
        layby.Release(Now, "clerk");
        Assert.Throws<DomainException>(() => layby.Release(Now, "clerk"));
    }

    [Fact]
    public void Items_cannot_be_released_before_the_layby_is_paid()
    {
        var layby = Open();
        Assert.Contains("not fully paid", Assert.Throws<DomainException>(() => layby.Release(Now, "clerk")).Message);
    }

    [Theory]
    [InlineData(CancellationReason.CustomerRequest, 10.00, 35.00, 155.00)]
    [InlineData(CancellationReason.Death, 0.00, 35.00, 165.00)]
    [InlineData(CancellationReason.Hospitalisation, 0.00, 35.00, 165.00)]
    public void The_cancellation_quote_charges_the_capped_penalty_keeps_fees_and_refunds_the_rest(
        CancellationReason reason, decimal penalty, decimal feesKept, decimal refund)
    {
        var layby = Open(price: 1000m, deposit: 200m);

        var quote = layby.Quote(Policy(), reason);

        Assert.Equal((200m, penalty, feesKept, refund), (quote.Paid, quote.Penalty, quote.FeesKept, quote.Refund));
        Assert.Equal(quote.Paid, quote.Penalty + quote.FeesKept + quote.Refund);
        Assert.Contains(penalty == 0 ? "exempt" : "1 % of the layby total 1,000.00", quote.PenaltyExplanation);
    }

    [Fact]
    public void Cancelling_settles_the_layby_to_zero_and_cannot_happen_twice()
    {
        var layby = Open();
        layby.Cancel(Policy(), CancellationReason.CustomerRequest, null, PaymentMethod.Cash, Now, "manager");

        Assert.Equal(LaybyStatus.Cancelled, layby.Status);
        Assert.Equal(0m, layby.Balance);
        Assert.Equal(155m, layby.Refunded);
        Assert.Throws<DomainException>(() => layby.Cancel(Policy(), CancellationReason.CustomerRequest, null, PaymentMethod.Cash, Now, "manager"));
        Assert.Throws<DomainException>(() => layby.Pay(10, PaymentMethod.Cash, null, Guid.NewGuid(), Now, "c"));
    }

    [Fact]
    public void Late_fees_are_added_once_per_missed_instalment_after_the_grace_period()
    {
        var layby = Open();
        var firstDue = layby.Instalments[0].DueDate;

        Assert.Equal(0, layby.ApplyLateFees(Policy(), firstDue.AddDays(7), Now));
        Assert.Equal(1, layby.ApplyLateFees(Policy(), firstDue.AddDays(8), Now));
        Assert.Equal(0, layby.ApplyLateFees(Policy(), firstDue.AddDays(9), Now));
        Assert.Equal(85m, layby.Fees);

        layby.Pay(layby.Instalments[1].Amount * 2, PaymentMethod.Cash, null, Guid.NewGuid(), Now, "c");
        Assert.Equal(0, layby.ApplyLateFees(Policy(), layby.Instalments[1].DueDate.AddDays(8), Now));
    }

    [Fact]
    public void A_fee_is_waived_once_by_a_reversal_that_points_at_it()
    {
        var layby = Open();
        var fee = layby.Entries.Single(e => e.Kind == LaybyEntryKind.AdminFee);

        var reversal = layby.Reverse(fee, "Goodwill", Now, "manager");

        Assert.Same(fee, reversal.ReversalOf);
        Assert.Equal(-25m, reversal.Amount);
        Assert.Equal(10m, layby.Fees);
        Assert.Equal(layby.Balance, layby.Entries.Sum(e => e.Amount));
        Assert.Contains("already reversed", Assert.Throws<DomainException>(() => layby.Reverse(fee, "Again", Now, "manager")).Message);
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => layby.Reverse(layby.Entries.Single(e => e.Kind == LaybyEntryKind.ServiceFee), " ", Now, "m")).Field);
    }

    [Fact]
    public void A_policy_cannot_set_the_penalty_above_the_statutory_cap()
    {
        var refused = Assert.Throws<DomainException>(() => new LaybyPolicyTerms(CancellationPenaltyPercent: 1.5m).Validate());
        Assert.Equal("CancellationPenaltyPercent", refused.Field);
        Assert.Contains("cap of 1 %", refused.Message);
    }

    [Fact]
    public void A_layby_past_completion_plus_the_default_days_is_defaulted_with_refund_paid_minus_penalty()
    {
        var layby = Open(days: 30);
        Assert.False(layby.DefaultIfOverdue(Policy(), Today.AddDays(90), Now));
        Assert.True(layby.DefaultIfOverdue(Policy(), Today.AddDays(91), Now));

        Assert.Equal(LaybyStatus.Defaulted, layby.Status);
        Assert.Equal(190m, layby.Refunded);
        Assert.Equal(0m, layby.Balance);
    }
}
