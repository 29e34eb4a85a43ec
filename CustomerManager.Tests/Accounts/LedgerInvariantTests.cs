using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Accounts;

/// <summary>
/// Property-style: random sequences of every kind of entry, through the services on a real database. After every step
/// the ledger's invariants hold; a refused step changes nothing; every kind of step succeeds often enough to count.
/// </summary>
public class LedgerInvariantTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int Hardware = 4;

    private enum Step
    {
        Sale,
        Payment,
        Refund,
        Fee,
        DebitAdjustment,
        CreditAdjustment,
        WriteOff,
        Reversal,
    }

    [Theory]
    [InlineData(20261130)]
    [InlineData(7)]
    public async Task Random_sequences_of_every_entry_kind_keep_the_ledger_consistent(int seed)
    {
        var random = new Random(seed);
        var accountId = await factory.CreditAccountAsync(Hardware, 3000m);
        var succeeded = Enum.GetValues<Step>().ToDictionary(s => s, _ => 0);
        var refused = 0;
        using var actor = Actors.As("invariant-manager", Roles.CreditManager);
        for (var i = 0; i < 110; i++)
        {
            var step = Enum.GetValues<Step>()[random.Next(Enum.GetValues<Step>().Length)];
            var amount = Math.Round((decimal)random.Next(1, 60_000) / 100m, 2);
            var before = await SnapshotAsync(accountId);
            try
            {
                await RunAsync(step, accountId, amount, random, before.Lines);
                succeeded[step]++;
            }
            catch (DomainException)
            {
                refused++;
                var after = await SnapshotAsync(accountId);
                Assert.Equal(before.Lines.Count, after.Lines.Count);
                Assert.Equal(before.Cached, after.Cached);
                Assert.Equal(before.Allocations, after.Allocations);
            }

            await AssertInvariantsAsync(accountId);
        }

        // Each kind of step really posted (a service that always refused would fail here), and some were refused.
        Assert.All(succeeded, s => Assert.True(s.Value >= 2, $"{s.Key} succeeded only {s.Value} times"));
        Assert.True(refused >= 3, $"only {refused} steps were refused");
        using var accountant = Actors.As("invariant-accountant", Roles.Accountant);
        Assert.Empty(await Ledger().CheckBalancesAsync(correct: false));
    }

    private async Task RunAsync(Step step, int accountId, decimal amount, Random random, IReadOnlyList<LedgerLine> lines)
    {
        var ledger = Ledger();
        switch (step)
        {
            case Step.Sale:
                await ledger.RecordSaleAsync(accountId, amount, $"INV-{random.Next(10_000)}", null);
                break;
            case Step.Payment:
                await ledger.RecordPaymentAsync(accountId, amount / 2, PaymentMethod.Cash, null, Guid.NewGuid());
                break;
            case Step.Refund:
                // Half the time exactly the credit held, so refunds succeed often enough; otherwise a random amount.
                var held = Math.Max(0, -(lines.LastOrDefault()?.RunningBalance ?? 0));
                await ledger.RefundAsync(accountId, random.Next(2) == 0 && held > 0 ? held : amount, PaymentMethod.Cash, null, "Test refund", Guid.NewGuid());
                break;
            case Step.Fee:
                await ledger.ChargeFeeAsync(accountId, amount / 10, "Admin fee", null, Guid.NewGuid());
                break;
            case Step.DebitAdjustment:
                await ledger.AdjustAsync(accountId, AdjustmentDirection.Debit, amount / 5, "Correction", null, Guid.NewGuid());
                break;
            case Step.CreditAdjustment:
                await ledger.AdjustAsync(accountId, AdjustmentDirection.Credit, amount / 5, "Correction", null, Guid.NewGuid());
                break;
            case Step.WriteOff:
                var owed = Math.Max(0, lines.LastOrDefault()?.RunningBalance ?? 0);
                await factory.Services.CreateScope().ServiceProvider.GetRequiredService<WriteOffService>()
                    .WriteOffAsync(accountId, random.Next(4) > 0 && owed > 0 ? Math.Max(0.01m, Math.Round(owed / 2, 2)) : amount, "Bad debt", Guid.NewGuid());
                break;
            default:
                var candidates = lines.Where(l => !l.IsReversed && l.Entry.Kind is not (AccountEntryKind.Reversal or AccountEntryKind.Recovery)).ToList();
                if (candidates.Count == 0)
                {
                    throw new DomainException("Nothing to reverse.");
                }

                await ledger.ReverseAsync(accountId, candidates[random.Next(candidates.Count)].Entry.Id, "Test reversal");
                break;
        }
    }

    /// <summary>Balance = sum of entries = cache; no charge or credit over-allocated; credit and open charges never both left; aging − credit = balance.</summary>
    private async Task AssertInvariantsAsync(int accountId)
    {
        var (lines, cached, _) = await SnapshotAsync(accountId);
        var entries = lines.Select(l => l.Entry).ToList();
        var balance = entries.Sum(e => e.Amount);
        Assert.Equal(balance, cached);
        Assert.Equal(balance, lines.LastOrDefault()?.RunningBalance ?? 0);
        var counting = lines.SelectMany(l => l.Allocations).DistinctBy(a => a.Id).ToList();
        foreach (var line in lines.Where(l => !l.IsReversed))
        {
            var asCharge = counting.Where(a => a.ChargeEntryId == line.Entry.Id).Sum(a => a.Amount);
            var asCredit = counting.Where(a => a.PaymentEntryId == line.Entry.Id).Sum(a => a.Amount);
            Assert.InRange(asCharge, 0, line.Entry.IsCharge ? line.Entry.Amount : 0);
            Assert.InRange(asCredit, 0, line.Entry.IsCredit ? -line.Entry.Amount : 0);
        }

        var ledger = new AccountLedger(entries, counting);
        var open = ledger.OpenCharges().Sum(c => c.Open);
        var credit = ledger.FreeCredit().Sum(f => f.Free);
        Assert.False(open > 0 && credit > 0, $"{open} open while {credit} credit is unused");
        Assert.Equal(balance, AgingBuckets.Age(ledger.OpenCharges(), DateOnly.FromDateTime(DateTime.UtcNow)).Total - credit);
    }

    private async Task<(IReadOnlyList<LedgerLine> Lines, decimal Cached, int Allocations)> SnapshotAsync(int accountId)
    {
        var lines = await Ledger().LedgerAsync(accountId);
        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var cached = await db.DivisionAccounts.Where(a => a.Id == accountId).Select(a => a.Balance).SingleAsync();
        var allocations = await db.PaymentAllocations.CountAsync(a => db.AccountEntries.Any(e => e.Id == a.PaymentEntryId && e.DivisionAccountId == accountId));
        return (lines, cached, allocations);
    }

    private AccountLedgerService Ledger() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<AccountLedgerService>();
}
