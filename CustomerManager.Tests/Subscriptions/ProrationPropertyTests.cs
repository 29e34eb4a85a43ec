using CustomerManager.Domain.Common;
using CustomerManager.Domain.Subscriptions;
using static CustomerManager.Tests.Subscriptions.SubscriptionBuilders;

namespace CustomerManager.Tests.Subscriptions;

/// <summary>Properties over random plans and dates (a fixed seed per run, printed on failure): month ends and leap years included.</summary>
public class ProrationPropertyTests
{
    private static readonly BillingCycle[] Cycles = [BillingCycle.Monthly, BillingCycle.Quarterly, BillingCycle.Annual];

    public static TheoryData<int> Seeds() => [11, 29, 2028, 4_096, 65_537];

    private static DateOnly RandomDay(Random random)
    {
        // One day in four is a month end (28th to 31st), so month ends and 29 February come up often.
        var year = random.Next(2024, 2033);
        var month = random.Next(1, 13);
        var last = DateTime.DaysInMonth(year, month);
        return new DateOnly(year, month, random.Next(4) == 0 ? random.Next(Math.Min(28, last), last + 1) : random.Next(1, last + 1));
    }

    private static decimal RandomPrice(Random random) => random.Next(0, 300_000) / 100m;

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Billing_periods_are_contiguous_anchored_and_as_long_as_their_cycle(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var cycle = Cycles[random.Next(Cycles.Length)];
            var start = RandomDay(random);
            var subscription = Subscription(Plan(RandomPrice(random), cycle), start);
            var previousEnd = start;
            for (var k = 0; k < 14; k++)
            {
                var (period, _, _) = subscription.Bill(100m);
                var context = $"seed {seed}, start {start:yyyy-MM-dd}, {cycle}, period {k}";
                Assert.True(period.Start == previousEnd, context);
                Assert.Equal(start.AddMonths(k * cycle.Months()), period.Start);
                // The anchor's day, or the month's last day when the month is shorter.
                var expectedDay = Math.Min(start.Day, DateTime.DaysInMonth(period.Start.Year, period.Start.Month));
                Assert.True(period.Start.Day == expectedDay, context);
                var days = period.End.DayNumber - period.Start.DayNumber;
                var (min, max) = cycle switch { BillingCycle.Monthly => (28, 31), BillingCycle.Quarterly => (89, 92), _ => (365, 366) };
                Assert.InRange(days, min, max);
                previousEnd = period.End;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_proration_charges_the_customer_for_exactly_the_days_on_each_plan(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 2_000; i++)
        {
            var cycle = Cycles[random.Next(Cycles.Length)];
            var start = RandomDay(random);
            var end = start.AddMonths(cycle.Months());
            var days = end.DayNumber - start.DayNumber;
            var change = start.AddDays(random.Next(days));
            var (oldPrice, newPrice) = (RandomPrice(random), RandomPrice(random));
            var p = Proration.For(oldPrice, newPrice, start, end, change);
            var context = $"seed {seed}: {oldPrice} → {newPrice}, {start:yyyy-MM-dd}..{end:yyyy-MM-dd} changed {change:yyyy-MM-dd}";

            Assert.True(p.PeriodDays == days && p.RemainingDays == end.DayNumber - change.DayNumber, context);
            Assert.True(p.Credit >= 0 && p.Credit <= oldPrice && p.Charge >= 0 && p.Charge <= newPrice, context);
            Assert.Equal(Money.Round(p.Credit), p.Credit);
            // The period costs the old price for the days used and the new price for the rest, give or take a cent of rounding.
            var exact = (oldPrice * (days - p.RemainingDays) + newPrice * p.RemainingDays) / days;
            Assert.True(Math.Abs(oldPrice - p.Credit + p.Charge - exact) <= 0.01m, context);
            // The net is the price difference for the remaining days, to the cent.
            Assert.True(Math.Abs(p.Net - (newPrice - oldPrice) * p.RemainingDays / days) <= 0.01m, context);
            Assert.True(Math.Sign(p.Net) == Math.Sign(newPrice - oldPrice) || p.Net == 0, context);
            if (change == start)
            {
                Assert.Equal((oldPrice, newPrice), (p.Credit, p.Charge));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void An_upgrade_and_back_on_the_same_day_cost_nothing(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var start = RandomDay(random);
            var subscription = Subscription(Plan(RandomPrice(random), id: 1), start);
            var back = Plan(subscription.Price, id: 1);
            subscription.Bill(subscription.Price);
            var change = start.AddDays(random.Next(subscription.NextBillingDate.DayNumber - start.DayNumber));
            var up = subscription.ChangePlan(Plan(RandomPrice(random), id: 2), change)!;
            var down = subscription.ChangePlan(back, change)!;
            Assert.Equal(0m, up.Net + down.Net);
        }
    }

    [Fact]
    public void A_change_outside_the_period_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proration.For(1m, 2m, D("2026-11-01"), D("2026-12-01"), D("2026-12-01")));
        Assert.Throws<ArgumentException>(() => Proration.For(1m, 2m, D("2026-11-01"), D("2026-11-01"), D("2026-11-01")));
    }
}
