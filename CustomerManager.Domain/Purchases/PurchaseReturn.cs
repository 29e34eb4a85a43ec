using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Purchases;

/// <summary>What is being returned: the whole purchase, some lines (id and quantity), or an amount (total-only purchases).</summary>
public sealed record ReturnRequest(bool Whole, IReadOnlyList<ReturnLineInput>? Lines, decimal? Amount, Tender RefundTender, string Reason);

public sealed record ReturnLineInput(int PurchaseLineId, int Quantity);

/// <summary>
/// A return or refund against a purchase (whole or per line), with its reason. Never more than was bought: each line at
/// most its quantity less what was returned before, the money at most what was paid less what was refunded. The refund
/// first credits what was put on account (never cash for goods not yet paid for), the rest goes back by
/// <see cref="RefundTender"/>. Points earned on the purchase are taken back in proportion to the money refunded.
/// </summary>
public class PurchaseReturn : IBelongsToCustomer
{
    public int Id { get; private set; }

    public int PurchaseId { get; private set; }

    public int CustomerId { get; private set; }

    public int DivisionId { get; private set; }

    public DateOnly ReturnedOn { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>The money given back: <see cref="OnAccountCredit"/> + <see cref="Refunded"/>.</summary>
    public decimal Amount { get; private set; }

    /// <summary>Credited to the division account (the part of the purchase that was on account).</summary>
    public decimal OnAccountCredit { get; private set; }

    /// <summary>Paid back by <see cref="RefundTender"/>.</summary>
    public decimal Refunded { get; private set; }

    public Tender RefundTender { get; private set; }

    /// <summary>The points this return should take back (those already spent cannot be; see the point entries).</summary>
    public int PointsToReverse { get; private set; }

    public long? AccountEntryId { get; private set; }

    public Guid? RequestId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public List<PurchaseReturnLine> Lines { get; private set; } = [];

    private PurchaseReturn()
    {
    }

    public void MoveToCustomer(int customerId) => CustomerId = customerId;

    internal void PostedOnAccount(long entryId) => AccountEntryId = entryId;

    /// <summary>Plans a return against <paramref name="purchase"/> after the <paramref name="earlier"/> returns; refuses too much.</summary>
    public static PurchaseReturn Plan(
        Purchase purchase, IReadOnlyList<PurchaseReturn> earlier, ReturnRequest request, Guid? requestId, DateOnly today,
        DateTime nowUtc, string userName)
    {
        var reason = TextRules.Required(request.Reason, 200, "reason for the return", "Reason");
        if (!Enum.IsDefined(request.RefundTender) || request.RefundTender is Tender.OnAccount or Tender.Layby)
        {
            throw new DomainException("Choose how the money goes back: cash, card, mobile money, bank transfer or cheque.", "RefundTender");
        }

        var refundedBefore = earlier.Sum(r => r.Amount);
        var left = purchase.Total - refundedBefore;
        var returnedBefore = earlier.SelectMany(r => r.Lines).GroupBy(l => l.PurchaseLineId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        int Remaining(PurchaseLine line) => line.Quantity - returnedBefore.GetValueOrDefault(line.Id);

        var lines = new List<PurchaseReturnLine>();
        decimal amount;
        if (purchase.Lines.Count == 0)
        {
            if (left <= 0)
            {
                throw new DomainException($"{purchase.PurchaseNumber} was already refunded in full.");
            }

            if (request.Whole)
            {
                amount = left;
            }
            else
            {
                amount = request.Amount is { } typed ? Money.Round(typed) : throw new DomainException("Enter the amount to refund.", "Amount");
                if (amount <= 0)
                {
                    throw new DomainException("The refund must be more than 0.", "Amount");
                }

                if (amount > left)
                {
                    throw new DomainException(
                        $"The refund of {amount:N2} is more than the {left:N2} left to refund on {purchase.PurchaseNumber} (paid {purchase.Total:N2}).", "Amount");
                }
            }
        }
        else
        {
            var wanted = request.Whole
                ? purchase.Lines.Where(l => Remaining(l) > 0).Select(l => new ReturnLineInput(l.Id, Remaining(l))).ToList()
                : (request.Lines ?? []).Where(l => l.Quantity != 0).ToList();
            if (wanted.Count == 0)
            {
                throw new DomainException(request.Whole
                    ? $"Everything on {purchase.PurchaseNumber} was already returned."
                    : "Choose the lines and quantities being returned.", "Lines");
            }

            foreach (var group in wanted.GroupBy(w => w.PurchaseLineId))
            {
                var line = purchase.Lines.FirstOrDefault(l => l.Id == group.Key)
                    ?? throw new DomainException($"That line is not on {purchase.PurchaseNumber}.", "Lines");
                var quantity = group.Sum(g => g.Quantity);
                if (group.Any(g => g.Quantity < 0))
                {
                    throw new DomainException($"Line {line.LineNumber} ({line.Description}): the quantity returned must be more than 0.", "Lines");
                }

                if (quantity > Remaining(line))
                {
                    throw new DomainException(
                        $"Line {line.LineNumber} ({line.Description}): {quantity} cannot be returned; {Remaining(line)} of {line.Quantity} bought are left to return.", "Lines");
                }

                lines.Add(new PurchaseReturnLine(line.Id, quantity, Money.Round(quantity * line.UnitPrice)));
            }

            var everythingBack = purchase.Lines.All(l => Remaining(l) == lines.Where(r => r.PurchaseLineId == l.Id).Sum(r => r.Quantity));
            var value = lines.Sum(l => l.Value);
            amount = everythingBack ? left : Math.Min(left, Money.Round(value * purchase.Total / purchase.Subtotal));
        }

        var creditedBefore = earlier.Sum(r => r.OnAccountCredit);
        var onAccount = Math.Min(amount, purchase.OnAccount - creditedBefore);
        var pointsBefore = PointsFor(purchase, refundedBefore);
        return new PurchaseReturn
        {
            PurchaseId = purchase.Id,
            CustomerId = purchase.CustomerId,
            DivisionId = purchase.DivisionId,
            ReturnedOn = today,
            Reason = reason,
            Amount = amount,
            OnAccountCredit = onAccount,
            Refunded = amount - onAccount,
            RefundTender = request.RefundTender,
            PointsToReverse = PointsFor(purchase, refundedBefore + amount) - pointsBefore,
            RequestId = requestId,
            CreatedAtUtc = nowUtc,
            CreatedBy = userName,
            Lines = lines,
        };
    }

    /// <summary>The points earned on the first <paramref name="refunded"/> of the purchase: cumulative, so returns sum to all of them.</summary>
    private static int PointsFor(Purchase purchase, decimal refunded) =>
        purchase.Total == 0 ? 0 : (int)Math.Floor(purchase.PointsEarned * refunded / purchase.Total);
}

public class PurchaseReturnLine
{
    public int Id { get; private set; }

    public int PurchaseReturnId { get; private set; }

    public int PurchaseLineId { get; private set; }

    public int Quantity { get; private set; }

    /// <summary>Quantity × the line's unit price (before any points discount).</summary>
    public decimal Value { get; private set; }

    private PurchaseReturnLine()
    {
    }

    internal PurchaseReturnLine(int purchaseLineId, int quantity, decimal value) =>
        (PurchaseLineId, Quantity, Value) = (purchaseLineId, quantity, value);
}
