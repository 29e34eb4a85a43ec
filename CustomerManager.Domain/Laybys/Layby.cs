using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Laybys;

public enum LaybyStatus
{
    Active,
    OnHold,
    Completed,
    Cancelled,
    Defaulted,
}

public enum PaymentMethod
{
    Cash,
    Card,
    MobileMoney,
    BankTransfer,
    Cheque,
}

public enum CancellationReason
{
    CustomerRequest,
    Death,
    Hospitalisation,
    Other,
}

/// <summary>A line of goods put away on layby.</summary>
public class LaybyItem
{
    public int Id { get; set; }

    public int LaybyId { get; set; }

    public string Description { get; set; } = "";

    public const int SkuMaxLength = 50;

    public string? Sku { get; set; }

    public int Quantity { get; set; }

    public decimal UnitPrice { get; set; }

    public decimal LineTotal { get; set; }
}

/// <summary>An instalment of the schedule fixed when the layby was opened.</summary>
public class LaybyInstalment
{
    public int Id { get; set; }

    public int LaybyId { get; set; }

    public int Number { get; set; }

    public DateOnly DueDate { get; set; }

    public decimal Amount { get; set; }
}

public sealed record LaybyItemInput(string Description, string? Sku, int Quantity, decimal UnitPrice);

/// <summary>
/// A layby plan (DOMAIN.md §5). Its money lives in append-only <see cref="LaybyEntry"/> rows whose signed amounts sum
/// to <see cref="Balance"/> (a cached value, kept with the entries in one save and concurrency-checked by Version).
/// </summary>
public class Layby : IVersioned, IBelongsToCustomer, IHoldsPersonalData
{
    private static readonly string[] PersonalFields = [nameof(CancellationNote), nameof(Notes)];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>The cancellation note is free text (it may tell of a death or a hospital stay); items and money stay.</summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues) =>
        (CancellationNote, Notes) = (CancellationNote is null ? null : Pseudonym.Removed, Notes is null ? null : Pseudonym.Removed);

    public const int MaxItems = 50;

    public int Id { get; set; }

    public string LaybyNumber { get; private set; } = "";

    public int CustomerId { get; private set; }

    /// <summary>A merge moves it to the surviving customer (and an undo back).</summary>
    public void MoveToCustomer(int customerId) => CustomerId = customerId;

    public int DivisionId { get; private set; }

    public int PolicyId { get; private set; }

    public LaybyStatus Status { get; private set; } = LaybyStatus.Active;

    public LaybyFrequency Frequency { get; private set; }

    public DateOnly OpenedOn { get; private set; }

    public DateOnly CompletionDate { get; private set; }

    public decimal Total { get; private set; }

    public decimal Deposit { get; private set; }

    /// <summary>Cache of the sum of the entries: what the customer still owes (negative: what is owed to them).</summary>
    public decimal Balance { get; private set; }

    public DateTime OpenedAtUtc { get; private set; }

    public string OpenedBy { get; private set; } = "";

    public DateTime? CompletedAtUtc { get; private set; }

    public DateTime? ReleasedAtUtc { get; private set; }

    public string? ReleasedBy { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public string? ClosedBy { get; private set; }

    public CancellationReason? CancellationReason { get; private set; }

    public string? CancellationNote { get; private set; }

    public const int NotesMaxLength = 2000;

    /// <summary>Free text about the layby (seed: notes), e.g. "customer collects on Saturdays"; edited by the counter, audited.</summary>
    public string? Notes { get; private set; }

    public void SetNotes(string? notes) => Notes = TextRules.Optional(notes, NotesMaxLength, "notes", nameof(Notes));

    public int Version { get; set; }

    public List<LaybyItem> Items { get; } = [];

    public List<LaybyInstalment> Instalments { get; } = [];

    public List<LaybyEntry> Entries { get; } = [];

    private Layby()
    {
    }

    /// <summary>Validates the plan against the policy and posts the goods, fees and deposit.</summary>
    public static Layby Open(
        int customerId, int divisionId, LaybyPolicy policy, IReadOnlyList<LaybyItemInput> items, decimal deposit,
        PaymentMethod depositMethod, LaybyFrequency frequency, DateOnly completionDate, DateOnly today, DateTime nowUtc,
        string userName, Guid? openingRequestId = null)
    {
        if (items.Count == 0)
        {
            throw new DomainException("Add at least one item to the layby.", nameof(Items));
        }

        if (items.Count > MaxItems)
        {
            throw new DomainException($"A layby can hold at most {MaxItems} lines.", nameof(Items));
        }

        var layby = new Layby
        {
            CustomerId = customerId,
            DivisionId = divisionId,
            PolicyId = policy.Id,
            Frequency = frequency,
            OpenedOn = today,
            CompletionDate = completionDate,
            OpenedAtUtc = nowUtc,
            OpenedBy = userName,
        };
        foreach (var (line, index) in items.Select((l, i) => (l, i + 1)))
        {
            var description = (line.Description ?? "").Trim();
            if (description.Length is 0 or > 200)
            {
                throw new DomainException($"Line {index}: describe the item in 1 to 200 characters.", nameof(Items));
            }

            if (line.Quantity is < 1 or > 10_000)
            {
                throw new DomainException($"Line {index}: the quantity must be at least 1.", nameof(Items));
            }

            // Rounded first: 0.001 is a price of 0.00, which the check must refuse, not a price above 0.
            var unitPrice = Money.Round(line.UnitPrice);
            if (unitPrice < 0.01m)
            {
                throw new DomainException($"Line {index}: the unit price must be at least 0.01.", nameof(Items));
            }

            if (unitPrice > 10_000_000)
            {
                throw new DomainException($"Line {index}: the unit price can be at most 10,000,000.00.", nameof(Items));
            }

            var sku = TextRules.Optional(line.Sku, LaybyItem.SkuMaxLength, $"SKU on line {index}", nameof(Items));
            layby.Items.Add(new LaybyItem
            {
                Description = description,
                Sku = sku,
                Quantity = line.Quantity,
                UnitPrice = unitPrice,
                LineTotal = Money.Round(unitPrice * line.Quantity),
            });
        }

        layby.Total = layby.Items.Sum(i => i.LineTotal);
        deposit = Money.Round(deposit);
        var minimum = policy.MinimumDeposit(layby.Total);
        if (deposit < minimum)
        {
            throw new DomainException(
                $"The deposit must be at least {policy.MinimumDepositPercent:0.##} % of {layby.Total:N2}, i.e. {minimum:N2}.", nameof(Deposit));
        }

        var fees = policy.ServiceFee + policy.AdminFee;
        if (deposit > layby.Total + fees)
        {
            throw new DomainException($"The deposit cannot be more than the total with fees ({layby.Total + fees:N2}).", nameof(Deposit));
        }

        if (!Enum.IsDefined(frequency) || !policy.Allows(frequency))
        {
            throw new DomainException($"{frequency} payments are not allowed by this division's layby policy.", nameof(Frequency));
        }

        if (completionDate <= today)
        {
            throw new DomainException("The completion date must be in the future.", nameof(CompletionDate));
        }

        if (completionDate > today.AddDays(policy.MaximumTermDays))
        {
            throw new DomainException(
                $"The completion date can be at most {policy.MaximumTermDays} days from today ({today.AddDays(policy.MaximumTermDays):yyyy-MM-dd}).",
                nameof(CompletionDate));
        }

        layby.Deposit = deposit;
        foreach (var planned in LaybySchedule.For(layby.Total + fees - deposit, frequency, today, completionDate))
        {
            layby.Instalments.Add(new LaybyInstalment { Number = planned.Number, DueDate = planned.DueDate, Amount = planned.Amount });
        }

        // The opening request id rides on the goods entry: retrying the same form opens one layby.
        layby.Post(LaybyEntryKind.Goods, layby.Total, nowUtc, userName, requestId: openingRequestId);
        if (policy.ServiceFee > 0)
        {
            layby.Post(LaybyEntryKind.ServiceFee, policy.ServiceFee, nowUtc, userName);
        }

        if (policy.AdminFee > 0)
        {
            layby.Post(LaybyEntryKind.AdminFee, policy.AdminFee, nowUtc, userName);
        }

        if (deposit > 0)
        {
            layby.Post(LaybyEntryKind.Deposit, -deposit, nowUtc, userName, method: depositMethod);
        }

        layby.CompleteIfPaid(nowUtc);
        return layby;
    }

    public void AssignNumber(string divisionCode, long value)
    {
        if (LaybyNumber.Length > 0)
        {
            throw new InvalidOperationException("A layby number never changes.");
        }

        LaybyNumber = Numbering.NumberSequence.Format($"LAY-{divisionCode}", value);
    }

    /// <summary>Fees charged, net of waivers.</summary>
    public decimal Fees => FeesIn(Entries);

    /// <summary>Money received, net of reversed payments.</summary>
    public decimal TotalPaid => PaidIn(Entries);

    /// <summary>Fees charged in <paramref name="entries"/>, net of waivers (also for a receipt's entries up to its payment).</summary>
    public static decimal FeesIn(IEnumerable<LaybyEntry> entries) =>
        entries.Where(e => e.IsFee || (e.Kind == LaybyEntryKind.Reversal && e.ReversesFee)).Sum(e => e.Amount);

    /// <summary>Money received in <paramref name="entries"/>, net of reversed payments.</summary>
    public static decimal PaidIn(IEnumerable<LaybyEntry> entries) =>
        -entries.Where(e => e.IsPayment || (e.Kind == LaybyEntryKind.Reversal && e.ReversesPayment)).Sum(e => e.Amount);

    /// <summary>Next due and overdue on <paramref name="today"/>; nothing is due once a layby is completed or closed.</summary>
    public InstalmentStanding Standing(DateOnly today) => Status is LaybyStatus.Active or LaybyStatus.OnHold
        ? LaybySchedule.Standing(Instalments.Select(i => new PlannedInstalment(i.Number, i.DueDate, i.Amount)), TotalPaid - Deposit, today)
        : InstalmentStanding.None;

    public decimal Refunded => Entries.Where(e => e.Kind == LaybyEntryKind.Refund).Sum(e => e.Amount);

    /// <summary>Takes a payment; the amount must be above 0 and at most the balance.</summary>
    public LaybyEntry Pay(decimal amount, PaymentMethod method, string? reference, Guid requestId, DateTime nowUtc, string userName, string? note = null)
    {
        note = TextRules.Optional(note, LaybyEntry.NoteMaxLength, "note", "Note");
        amount = Money.Round(amount);
        if (Status != LaybyStatus.Active)
        {
            throw new DomainException(Status switch
            {
                LaybyStatus.Completed => $"{LaybyNumber} is fully paid{(ReleasedAtUtc is null ? "" : " and released")}; it takes no more payments.",
                LaybyStatus.OnHold => $"{LaybyNumber} is on hold; resume it before taking a payment.",
                _ => $"{LaybyNumber} is {Status.Words().ToLowerInvariant()}; it takes no payments.",
            });
        }

        if (amount <= 0)
        {
            throw new DomainException("The amount must be more than 0.", "Amount");
        }

        if (amount > Balance)
        {
            throw new DomainException($"The amount is more than the balance of {Balance:N2}; take at most {Balance:N2}.", "Amount");
        }

        if (!Enum.IsDefined(method))
        {
            throw new DomainException("Choose how the customer paid.", "Method");
        }

        reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        if (reference is { Length: > 100 })
        {
            throw new DomainException("The reference can be at most 100 characters.", "Reference");
        }

        var entry = Post(LaybyEntryKind.Payment, -amount, nowUtc, userName, method, reference, requestId);
        entry.Note = note;
        CompleteIfPaid(nowUtc);
        return entry;
    }

    /// <summary>The items leave the store: only a fully paid layby, once, by a named user.</summary>
    public void Release(DateTime nowUtc, string userName)
    {
        if (Status != LaybyStatus.Completed)
        {
            throw new DomainException($"{LaybyNumber} is not fully paid; the items stay until the balance is 0.");
        }

        if (ReleasedAtUtc is not null)
        {
            throw new DomainException($"The items of {LaybyNumber} were already released on {ReleasedAtUtc:yyyy-MM-dd} by {ReleasedBy}.");
        }

        ReleasedAtUtc = nowUtc;
        ReleasedBy = userName;
    }

    public void Hold()
    {
        if (Status != LaybyStatus.Active)
        {
            throw new DomainException($"Only an active layby can be put on hold; {LaybyNumber} is {Status}.");
        }

        Status = LaybyStatus.OnHold;
    }

    public void Resume()
    {
        if (Status != LaybyStatus.OnHold)
        {
            throw new DomainException($"{LaybyNumber} is not on hold.");
        }

        Status = LaybyStatus.Active;
    }

    /// <summary>What cancelling now would mean for the customer: the quote shown before confirming.</summary>
    public CancellationQuote Quote(LaybyPolicy policy, CancellationReason reason)
    {
        if (Status is not (LaybyStatus.Active or LaybyStatus.OnHold))
        {
            throw new DomainException($"{LaybyNumber} is {Status.Words().ToLowerInvariant()}; it cannot be cancelled.");
        }

        return CancellationQuote.For(Total, Fees, TotalPaid, policy, reason, keepFees: true);
    }

    /// <summary>Cancels with the quote's figures: goods back to stock, penalty and kept fees charged, the rest refunded.</summary>
    public void Cancel(LaybyPolicy policy, CancellationReason reason, string? note, PaymentMethod refundMethod, DateTime nowUtc, string userName)
    {
        var quote = Quote(policy, reason);
        note = TextRules.Optional(note, 200, "note", "Note");
        if (reason == Laybys.CancellationReason.Other && note is null)
        {
            throw new DomainException("Say why the layby is cancelled.", "Note");
        }

        Close(quote, LaybyStatus.Cancelled, refundMethod, nowUtc, userName);
        CancellationReason = reason;
        CancellationNote = note;
    }

    /// <summary>Past the completion date plus the policy's days: defaulted, refund = paid − penalty (DOMAIN.md §5).</summary>
    public bool DefaultIfOverdue(LaybyPolicy policy, DateOnly today, DateTime nowUtc)
    {
        if (Status is not (LaybyStatus.Active or LaybyStatus.OnHold) || today <= CompletionDate.AddDays(policy.DefaultAfterDays))
        {
            return false;
        }

        Close(CancellationQuote.For(Total, Fees, TotalPaid, policy, Laybys.CancellationReason.CustomerRequest, keepFees: false),
            LaybyStatus.Defaulted, PaymentMethod.Cash, nowUtc, AmbientUser.SystemName);
        return true;
    }

    /// <summary>Adds one late fee per instalment missed beyond the grace period; never twice for one instalment.</summary>
    public int ApplyLateFees(LaybyPolicy policy, DateOnly today, DateTime nowUtc)
    {
        if (Status != LaybyStatus.Active || policy.LateFeePerInstalment <= 0)
        {
            return 0;
        }

        var added = 0;
        var paidTowardsSchedule = TotalPaid - Deposit;
        var due = 0m;
        foreach (var instalment in Instalments.OrderBy(i => i.Number))
        {
            due += instalment.Amount;
            var missed = instalment.DueDate.AddDays(policy.GracePeriodDays) < today && paidTowardsSchedule < due;
            if (missed && Entries.All(e => !(e.Kind == LaybyEntryKind.LateFee && e.InstalmentNumber == instalment.Number)))
            {
                var fee = Post(LaybyEntryKind.LateFee, policy.LateFeePerInstalment, nowUtc, AmbientUser.SystemName);
                fee.InstalmentNumber = instalment.Number;
                added++;
            }
        }

        return added;
    }

    /// <summary>Reverses a payment or waives a fee, once, with a reason: an equal and opposite entry pointing at it.</summary>
    public LaybyEntry Reverse(LaybyEntry original, string reason, DateTime nowUtc, string userName)
    {
        reason = (reason ?? "").Trim();
        if (reason.Length is 0 or > 200)
        {
            throw new DomainException("Give the reason, in at most 200 characters.", "Reason");
        }

        if (!Entries.Contains(original))
        {
            throw new DomainException("That entry belongs to another layby.");
        }

        if (!(original.IsPayment || original.IsFee))
        {
            throw new DomainException("Only payments and fees can be reversed.");
        }

        if (Entries.Any(e => e.ReversalOf == original || (original.Id != 0 && e.ReversalOfId == original.Id)))
        {
            throw new DomainException("That entry was already reversed.");
        }

        if (Status is not (LaybyStatus.Active or LaybyStatus.OnHold or LaybyStatus.Completed) || ReleasedAtUtc is not null)
        {
            throw new DomainException($"{LaybyNumber} is closed; its entries can no longer be reversed.");
        }

        if (original.IsFee && -original.Amount + Balance < 0)
        {
            throw new DomainException("Waiving this fee would leave the customer in credit; reverse a payment first.");
        }

        var reversal = Post(LaybyEntryKind.Reversal, -original.Amount, nowUtc, userName, reference: reason);
        reversal.ReversalOf = original;
        reversal.ReversesFee = original.IsFee;
        reversal.ReversesPayment = original.IsPayment;
        if (Status == LaybyStatus.Completed && Balance > 0)
        {
            Status = LaybyStatus.Active;
            CompletedAtUtc = null;
        }

        CompleteIfPaid(nowUtc);
        return reversal;
    }

    private void Close(CancellationQuote quote, LaybyStatus status, PaymentMethod refundMethod, DateTime nowUtc, string userName)
    {
        Post(LaybyEntryKind.GoodsReturned, -Total, nowUtc, userName);
        if (quote.Penalty > 0)
        {
            Post(LaybyEntryKind.Penalty, quote.Penalty, nowUtc, userName);
        }

        var feesWrittenOff = Fees - quote.FeesKept;
        if (feesWrittenOff > 0)
        {
            Post(LaybyEntryKind.FeesWrittenOff, -feesWrittenOff, nowUtc, userName);
        }

        if (quote.Refund > 0)
        {
            Post(LaybyEntryKind.Refund, quote.Refund, nowUtc, userName, refundMethod);
        }

        Status = status;
        ClosedAtUtc = nowUtc;
        ClosedBy = userName;
    }

    private void CompleteIfPaid(DateTime nowUtc)
    {
        if (Status == LaybyStatus.Active && Balance == 0)
        {
            Status = LaybyStatus.Completed;
            CompletedAtUtc = nowUtc;
        }
    }

    private LaybyEntry Post(
        LaybyEntryKind kind, decimal amount, DateTime nowUtc, string userName, PaymentMethod? method = null,
        string? reference = null, Guid? requestId = null)
    {
        var entry = new LaybyEntry(kind, Money.Round(amount), nowUtc, userName, method, reference, requestId);
        Entries.Add(entry);
        Balance += entry.Amount;
        return entry;
    }
}
