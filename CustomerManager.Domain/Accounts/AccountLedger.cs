namespace CustomerManager.Domain.Accounts;

/// <summary>
/// An account's entries and allocations, and what follows from them: the balance, what is open on each charge, the
/// free credit of each payment, and the allocations that settle charges with free credit (oldest due date first).
/// An allocation counts only while neither its payment nor its charge has been reversed.
/// </summary>
public sealed class AccountLedger(IReadOnlyList<AccountEntry> entries, IReadOnlyList<PaymentAllocation> allocations)
{
    private readonly HashSet<long> reversed = entries.Where(e => e.ReversalOfId is not null).Select(e => e.ReversalOfId!.Value)
        .Concat(entries.Where(e => e.ReversalOf is not null).Select(e => e.ReversalOf!.Id)).ToHashSet();

    private readonly List<PaymentAllocation> all = [.. allocations];

    public decimal Balance => entries.Sum(e => e.Amount);

    public bool IsReversed(AccountEntry entry) => reversed.Contains(entry.Id) || entries.Any(e => e.ReversalOf == entry);

    public IReadOnlyList<OpenCharge> OpenCharges() =>
        entries.Where(e => e.IsCharge && !IsReversed(e))
            .Select(c => new OpenCharge(c, c.Amount - Counting().Where(a => Same(a.Charge, a.ChargeEntryId, c)).Sum(a => a.Amount)))
            .Where(c => c.Open > 0)
            .ToList();

    /// <summary>
    /// Credits (payments, credit adjustments, write-offs; oldest first) with what is not yet allocated to a charge:
    /// the customer's credit.
    /// </summary>
    public IReadOnlyList<(AccountEntry Payment, decimal Free)> FreeCredit() =>
        entries.Where(e => e.IsCredit && !IsReversed(e))
            .OrderBy(e => e.PostingDate).ThenBy(e => e.CreatedAtUtc)
            .Select(p => (p, -p.Amount - Counting().Where(a => Same(a.Payment, a.PaymentEntryId, p)).Sum(a => a.Amount)))
            .Where(x => x.Item2 > 0)
            .ToList();

    /// <summary>Uses free credit on open charges; returns the new allocations (also kept in this ledger).</summary>
    public IReadOnlyList<PaymentAllocation> Settle()
    {
        var added = new List<PaymentAllocation>();
        foreach (var (payment, free) in FreeCredit())
        {
            foreach (var (charge, amount) in Allocation.OldestDueFirst(free, OpenCharges()))
            {
                var allocation = new PaymentAllocation(payment, charge, amount);
                all.Add(allocation);
                added.Add(allocation);
            }
        }

        return added;
    }

    public IReadOnlyList<PaymentAllocation> AllocationsOf(AccountEntry entry) =>
        Counting().Where(a => Same(a.Payment, a.PaymentEntryId, entry) || Same(a.Charge, a.ChargeEntryId, entry)).ToList();

    private IEnumerable<PaymentAllocation> Counting() =>
        all.Where(a => !IsReversedRef(a.Payment, a.PaymentEntryId) && !IsReversedRef(a.Charge, a.ChargeEntryId));

    private bool IsReversedRef(AccountEntry? entry, long id) => entry is not null ? IsReversed(entry) : reversed.Contains(id);

    // Saved allocations carry ids; ones made in this operation carry the entries themselves.
    private static bool Same(AccountEntry? reference, long id, AccountEntry entry) =>
        reference is not null ? ReferenceEquals(reference, entry) || (entry.Id != 0 && reference.Id == entry.Id) : id == entry.Id && id != 0;
}
