using CustomerManager.Domain.Accounts;

namespace CustomerManager.Domain.Statements;

/// <summary>
/// An account's ledger as it stood at the end of a day. Allocations carry no date of their own, so for a past date
/// the postings up to it are replayed in the order they were made, settling free credit after each one exactly as
/// <see cref="AccountLedgerService"/> does when it posts. When nothing was posted after the date the stored
/// allocations are used as they are.
/// </summary>
public static class LedgerAsOf
{
    /// <param name="entries">All of the account's entries, in the order they were posted (by id).</param>
    /// <param name="allocations">All of the account's stored allocations.</param>
    public static AccountLedger At(IReadOnlyList<AccountEntry> entries, IReadOnlyList<PaymentAllocation> allocations, DateOnly asOf)
    {
        var upTo = entries.Where(e => e.PostingDate <= asOf).OrderBy(e => e.Id).ToList();
        if (upTo.Count == entries.Count)
        {
            return new AccountLedger(upTo, allocations);
        }

        var replayed = new List<PaymentAllocation>();
        var posted = new List<AccountEntry>(upTo.Count);
        foreach (var entry in upTo)
        {
            posted.Add(entry);
            replayed.AddRange(new AccountLedger(posted, replayed).Settle());
        }

        return new AccountLedger(posted, replayed);
    }
}
