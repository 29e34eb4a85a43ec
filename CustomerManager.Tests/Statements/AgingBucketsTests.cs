using CustomerManager.Domain.Statements;

namespace CustomerManager.Tests.Statements;

public class AgingBucketsTests
{
    private static readonly DateOnly Due = new(2026, 3, 15);

    [Theory]
    [InlineData(-10, AgingBucket.Current)]
    [InlineData(0, AgingBucket.Current)]
    [InlineData(1, AgingBucket.Days1To30)]
    [InlineData(30, AgingBucket.Days1To30)]
    [InlineData(31, AgingBucket.Days31To60)]
    [InlineData(60, AgingBucket.Days31To60)]
    [InlineData(61, AgingBucket.Days61To90)]
    [InlineData(90, AgingBucket.Days61To90)]
    [InlineData(91, AgingBucket.Over90)]
    [InlineData(400, AgingBucket.Over90)]
    public void A_charge_falls_in_the_bucket_of_its_days_past_due(int daysPastDue, AgingBucket expected) =>
        Assert.Equal(expected, AgingBuckets.BucketOf(Due, Due.AddDays(daysPastDue)));

    [Fact]
    public void Buckets_add_up_to_their_total()
    {
        var balances = AgingBalances.Zero
            .Add(AgingBucket.Current, 10m).Add(AgingBucket.Days1To30, 20m).Add(AgingBucket.Days31To60, 30m)
            .Add(AgingBucket.Days61To90, 40m).Add(AgingBucket.Over90, 50m).Add(AgingBucket.Over90, 5m);

        Assert.Equal(155m, balances.Total);
        Assert.Equal(55m, balances[AgingBucket.Over90]);
        Assert.Equal(310m, (balances + balances).Total);
    }
}
