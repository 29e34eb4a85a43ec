using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Tests.Laybys;

/// <summary>Random sequences of everything a layby can go through; after every step the money must add up.</summary>
public class LaybyInvariantTests
{
    [Fact]
    public void Every_step_of_random_layby_histories_keeps_the_ledger_consistent()
    {
        var random = new Random(7);
        var policy = LaybyRulesTests.Policy();
        for (var run = 0; run < 300; run++)
        {
            var price = Money.Round(50 + (decimal)random.NextDouble() * 5000);
            var deposit = Money.Round(price * (0.2m + (decimal)random.NextDouble() * 0.5m));
            var layby = LaybyRulesTests.Open(price, deposit, policy, (LaybyFrequency)random.Next(3), days: 14 + random.Next(76));
            var today = layby.OpenedOn;
            Check(layby, $"run {run} open");
            Assert.Equal(layby.Total + policy.ServiceFee + policy.AdminFee - layby.Deposit, layby.Instalments.Sum(i => i.Amount));

            for (var step = 0; step < 12; step++)
            {
                today = today.AddDays(random.Next(1, 20));
                var now = today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                try
                {
                    switch (random.Next(7))
                    {
                        case 0 or 1:
                            layby.Pay(Money.Round(Math.Max(0.01m, layby.Balance * (decimal)random.NextDouble())), PaymentMethod.Cash, null, Guid.NewGuid(), now, "c");
                            break;
                        case 2:
                            layby.ApplyLateFees(policy, today, now);
                            break;
                        case 3 when layby.Entries.FirstOrDefault(e => (e.IsFee || e.IsPayment) && layby.Entries.All(r => r.ReversalOf != e)) is { } entry:
                            layby.Reverse(entry, "test", now, "m");
                            break;
                        case 4:
                            if (layby.Status == LaybyStatus.Active) { layby.Hold(); } else { layby.Resume(); }
                            break;
                        case 5:
                            layby.Cancel(policy, (CancellationReason)random.Next(3), null, PaymentMethod.Cash, now, "m");
                            break;
                        case 6:
                            layby.DefaultIfOverdue(policy, today, now);
                            break;
                    }
                }
                catch (DomainException)
                {
                    // A refused step (e.g. paying a cancelled layby) must change nothing; Check proves the ledger still adds up.
                }

                Check(layby, $"run {run} step {step}");
            }
        }
    }

    private static void Check(Layby layby, string where)
    {
        Assert.True(layby.Balance == layby.Entries.Sum(e => e.Amount), $"{where}: cached balance differs from the entries");
        var goodsOwed = layby.Entries.Where(e => e.Kind is LaybyEntryKind.Goods or LaybyEntryKind.GoodsReturned).Sum(e => e.Amount);
        var charges = layby.Fees + layby.Entries.Where(e => e.Kind is LaybyEntryKind.Penalty or LaybyEntryKind.FeesWrittenOff).Sum(e => e.Amount);
        Assert.True(layby.TotalPaid - layby.Refunded + layby.Balance == goodsOwed + charges,
            $"{where}: paid − refunds + balance ≠ goods owed + fees");
        if (layby.Status is LaybyStatus.Cancelled or LaybyStatus.Defaulted)
        {
            Assert.True(layby.Balance == 0, $"{where}: a closed layby must be settled");
        }
        else
        {
            Assert.True(layby.Balance >= 0, $"{where}: an open layby cannot owe the customer");
            Assert.True(layby.TotalPaid + layby.Balance == layby.Total + layby.Fees, $"{where}: paid + balance ≠ total + fees");
        }

        Assert.True(layby.Entries.Where(e => e.ReversalOf is not null).GroupBy(e => e.ReversalOf).All(g => g.Count() == 1), $"{where}: double reversal");
    }
}
