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
        // How often each operation went through: a rule that always refuses would otherwise pass unnoticed.
        var succeeded = new Dictionary<string, int>();
        var refused = 0;
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
                var before = Snapshot.Of(layby);
                string? operation = null;
                try
                {
                    switch (random.Next(7))
                    {
                        case 0 or 1:
                            operation = "pay";
                            layby.Pay(Money.Round(Math.Max(0.01m, layby.Balance * (decimal)random.NextDouble())), PaymentMethod.Cash, null, Guid.NewGuid(), now, "c");
                            break;
                        case 2:
                            operation = "late fees";
                            layby.ApplyLateFees(policy, today, now);
                            break;
                        case 3 when layby.Entries.FirstOrDefault(e => (e.IsFee || e.IsPayment) && layby.Entries.All(r => r.ReversalOf != e)) is { } entry:
                            operation = "reverse";
                            layby.Reverse(entry, "test", now, "m");
                            break;
                        case 4:
                            operation = layby.Status == LaybyStatus.Active ? "hold" : "resume";
                            if (layby.Status == LaybyStatus.Active) { layby.Hold(); } else { layby.Resume(); }
                            break;
                        case 5:
                            operation = "cancel";
                            layby.Cancel(policy, (CancellationReason)random.Next(3), null, PaymentMethod.Cash, now, "m");
                            break;
                        case 6:
                            operation = "default";
                            layby.DefaultIfOverdue(policy, today, now);
                            break;
                    }

                    if (operation is not null)
                    {
                        succeeded[operation] = succeeded.GetValueOrDefault(operation) + 1;
                    }
                }
                catch (DomainException)
                {
                    // A refused step (e.g. paying a cancelled layby) must change nothing at all.
                    refused++;
                    Assert.Equal(before, Snapshot.Of(layby));
                }

                Check(layby, $"run {run} step {step}");
            }
        }

        var counts = string.Join(", ", succeeded.Select(kv => $"{kv.Key} {kv.Value}"));
        Assert.True(succeeded.GetValueOrDefault("pay") >= MinimumPays, counts);
        Assert.True(succeeded.GetValueOrDefault("reverse") >= MinimumOthers, counts);
        Assert.True(succeeded.GetValueOrDefault("cancel") >= MinimumOthers, counts);
        Assert.True(succeeded.GetValueOrDefault("hold") >= MinimumOthers, counts);
        Assert.True(succeeded.GetValueOrDefault("resume") >= MinimumOthers, counts);
        Assert.True(refused >= MinimumOthers, $"refused {refused}; {counts}");
    }

    // Seed 7 gives about 350 payments and 75 to 250 of each other change; the minimums leave room for rule changes
    // while failing a rule that refuses (almost) everything.
    private const int MinimumPays = 200;
    private const int MinimumOthers = 40;

    /// <summary>Everything a step can change, compared whole.</summary>
    private sealed record Snapshot(LaybyStatus Status, decimal Balance, decimal TotalPaid, decimal Refunded, decimal Fees, int Entries, string Instalments)
    {
        public static Snapshot Of(Layby layby) => new(layby.Status, layby.Balance, layby.TotalPaid, layby.Refunded, layby.Fees, layby.Entries.Count,
            string.Join(";", layby.Instalments.Select(i => $"{i.Number}:{i.DueDate:yyyy-MM-dd}:{i.Amount}")));
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
