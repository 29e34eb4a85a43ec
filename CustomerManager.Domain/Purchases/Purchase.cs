using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Purchases;

public enum PurchaseKind
{
    /// <summary>A sale at the till (recorded by a clerk or a point-of-sale system).</summary>
    Sale,

    /// <summary>A layby whose goods were released: it counts as a purchase on the day of release.</summary>
    LaybyRelease,
}

/// <summary>How a purchase was paid. A purchase may be split across several.</summary>
public enum Tender
{
    Cash,
    Card,
    MobileMoney,
    BankTransfer,
    Cheque,

    /// <summary>Posted to the division account as a sale on account (the credit checks apply).</summary>
    OnAccount,

    /// <summary>Paid over time on a layby (only for <see cref="PurchaseKind.LaybyRelease"/>).</summary>
    Layby,
}

public sealed record PurchaseLineInput(string Description, string? Sku, int Quantity, decimal UnitPrice);

/// <summary>A tender and its amount; a single tender may leave the amount out (it pays everything due).</summary>
public sealed record TenderInput(Tender Tender, decimal? Amount = null);

/// <summary>
/// A purchase by a customer in a division (issue 18): lines (or only a total, for quick entry), a discount from redeemed
/// points, how it was paid, the till and an external reference. Never changed once recorded: returns are
/// <see cref="PurchaseReturn"/> rows against it.
/// </summary>
public class Purchase : IBelongsToCustomer
{
    public const int MaxLines = 200;

    public int Id { get; private set; }

    public string PurchaseNumber { get; private set; } = "";

    public int CustomerId { get; private set; }

    public int DivisionId { get; private set; }

    public int DivisionAccountId { get; private set; }

    public PurchaseKind Kind { get; private set; }

    public DateOnly PurchasedOn { get; private set; }

    /// <summary>The sum of the lines, or the total keyed in when there are none.</summary>
    public decimal Subtotal { get; private set; }

    /// <summary>The staff discount of an employee-customer (the division's percentage of the subtotal), in money.</summary>
    public decimal StaffDiscount { get; private set; }

    public decimal? StaffDiscountPercent { get; private set; }

    /// <summary>Points redeemed as a discount, in money.</summary>
    public decimal Discount { get; private set; }

    /// <summary>What the customer paid: <see cref="Subtotal"/> − <see cref="StaffDiscount"/> − <see cref="Discount"/>.</summary>
    public decimal Total { get; private set; }

    public int PointsRedeemed { get; private set; }

    public int PointsEarned { get; private set; }

    public LoyaltyTier TierAtPurchase { get; private set; }

    public string? Till { get; private set; }

    public string? ExternalReference { get; private set; }

    public int? LaybyId { get; private set; }

    /// <summary>The sale on account posted for the on-account part, if any.</summary>
    public long? AccountEntryId { get; private set; }

    public Guid? RequestId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public List<PurchaseLine> Lines { get; private set; } = [];

    public List<PurchasePayment> Payments { get; private set; } = [];

    public decimal OnAccount => Payments.Where(p => p.Tender == Tender.OnAccount).Sum(p => p.Amount);

    private Purchase()
    {
    }

    /// <summary>
    /// Checks and builds a sale: lines or a total (not neither), quantities above 0, prices not negative, the staff
    /// discount (<paramref name="staffDiscountPercent"/> of the subtotal, for an employee) taken first, a points discount no
    /// larger than what is left, and payments that add up exactly to what is due.
    /// </summary>
    public static Purchase Sale(
        int customerId, int divisionId, int accountId, IReadOnlyList<PurchaseLineInput>? lines, decimal? total,
        IReadOnlyList<TenderInput>? tenders, int pointsRedeemed, decimal discount, LoyaltyTier tier, string? till,
        string? externalReference, Guid? requestId, DateOnly today, DateTime nowUtc, string userName, decimal? staffDiscountPercent = null)
    {
        var purchase = new Purchase
        {
            CustomerId = customerId,
            DivisionId = divisionId,
            DivisionAccountId = accountId,
            Kind = PurchaseKind.Sale,
            PurchasedOn = today,
            TierAtPurchase = tier,
            Till = TextRules.Optional(till, 50, "till", "Till"),
            ExternalReference = TextRules.Optional(externalReference, 100, "external reference", "ExternalReference"),
            RequestId = requestId,
            CreatedAtUtc = nowUtc,
            CreatedBy = userName,
        };
        purchase.Lines = BuildLines(lines);
        purchase.Subtotal = Subtotal_(purchase.Lines, total);
        if (pointsRedeemed < 0)
        {
            throw new DomainException("Points to redeem cannot be negative.", "Points");
        }

        if (staffDiscountPercent is { } percent and > 0)
        {
            (purchase.StaffDiscountPercent, purchase.StaffDiscount) = (percent, StaffDiscountOn(purchase.Subtotal, percent));
        }

        var afterStaff = purchase.Subtotal - purchase.StaffDiscount;
        discount = Money.Round(discount);
        if (discount > afterStaff)
        {
            throw new DomainException(
                $"{pointsRedeemed:N0} points are worth {discount:N2}, more than the purchase of {afterStaff:N2}; redeem fewer.", "Points");
        }

        (purchase.PointsRedeemed, purchase.Discount, purchase.Total) = (pointsRedeemed, discount, afterStaff - discount);
        purchase.Payments = BuildPayments(tenders, purchase.Total);
        return purchase;
    }

    /// <summary>A released layby as a purchase: its items as lines, paid by layby.</summary>
    public static Purchase LaybyRelease(
        int customerId, int divisionId, int accountId, int laybyId, string laybyNumber, IEnumerable<PurchaseLineInput> items,
        LoyaltyTier tier, DateOnly today, DateTime nowUtc, string userName)
    {
        var purchase = new Purchase
        {
            CustomerId = customerId,
            DivisionId = divisionId,
            DivisionAccountId = accountId,
            Kind = PurchaseKind.LaybyRelease,
            PurchasedOn = today,
            TierAtPurchase = tier,
            ExternalReference = laybyNumber,
            LaybyId = laybyId,
            CreatedAtUtc = nowUtc,
            CreatedBy = userName,
        };
        purchase.Lines = BuildLines(items.ToList());
        purchase.Subtotal = purchase.Total = purchase.Lines.Sum(l => l.LineTotal);
        purchase.Payments = [new PurchasePayment(Tender.Layby, purchase.Total)];
        return purchase;
    }

    /// <summary>The staff discount on <paramref name="subtotal"/> at <paramref name="percent"/> (rounded once); 0 without one.</summary>
    public static decimal StaffDiscountOn(decimal subtotal, decimal? percent) => percent is { } p ? Money.Round(subtotal * p / 100m) : 0m;

    internal void AssignNumber(string divisionCode, long number) =>
        PurchaseNumber = Numbering.NumberSequence.Format($"PUR-{divisionCode}", number);

    internal void Earned(int points) => PointsEarned = points;

    internal void PostedOnAccount(long entryId) => AccountEntryId = entryId;

    public void MoveToCustomer(int customerId) => CustomerId = customerId;

    private static List<PurchaseLine> BuildLines(IReadOnlyList<PurchaseLineInput>? lines)
    {
        lines ??= [];
        if (lines.Count > MaxLines)
        {
            throw new DomainException($"A purchase has at most {MaxLines} lines.", "Lines");
        }

        return lines.Select((l, i) => PurchaseLine.Create(i + 1, l)).ToList();
    }

    private static decimal Subtotal_(List<PurchaseLine> lines, decimal? total)
    {
        if (lines.Count == 0)
        {
            if (total is null)
            {
                throw new DomainException("Enter the purchase's lines or its total.", "Total");
            }

            return CreditCheck.ValidAmount(total.Value, "Total");
        }

        var sum = lines.Sum(l => l.LineTotal);
        if (total is { } typed && Money.Round(typed) != sum)
        {
            throw new DomainException($"The total {Money.Round(typed):N2} does not match the lines, which add up to {sum:N2}.", "Total");
        }

        if (sum <= 0)
        {
            throw new DomainException("The lines add up to 0; a purchase must be more than 0.", "Lines");
        }

        return CreditCheck.ValidAmount(sum, "Total");
    }

    private static List<PurchasePayment> BuildPayments(IReadOnlyList<TenderInput>? tenders, decimal due)
    {
        if (tenders is not { Count: > 0 })
        {
            throw new DomainException("Choose how the customer paid.", "Tender");
        }

        if (tenders.Any(t => !Enum.IsDefined(t.Tender) || t.Tender == Tender.Layby))
        {
            throw new DomainException("Choose cash, card, mobile money, bank transfer, cheque or on account.", "Tender");
        }

        if (tenders.GroupBy(t => t.Tender).Any(g => g.Count() > 1))
        {
            throw new DomainException("Name each payment method once; put its whole amount on one line.", "Tender");
        }

        if (due == 0)
        {
            // Paid entirely with points: nothing is tendered.
            return [];
        }

        if (tenders.Count == 1 && tenders[0].Amount is null)
        {
            return [new PurchasePayment(tenders[0].Tender, due)];
        }

        var payments = new List<PurchasePayment>();
        foreach (var t in tenders)
        {
            if (t.Amount is not { } amount || Money.Round(amount) <= 0)
            {
                throw new DomainException($"Enter the amount paid by {t.Tender.Words().ToLowerInvariant()}, more than 0.", "Tender");
            }

            payments.Add(new PurchasePayment(t.Tender, Money.Round(amount)));
        }

        var paid = payments.Sum(p => p.Amount);
        if (paid != due)
        {
            throw new DomainException($"The payments add up to {paid:N2} but {due:N2} is due.", "Tender");
        }

        return payments;
    }
}

/// <summary>One line of a purchase: description, optional SKU, quantity and unit price.</summary>
public class PurchaseLine
{
    public int Id { get; private set; }

    public int PurchaseId { get; private set; }

    public int LineNumber { get; private set; }

    public string Description { get; private set; } = "";

    public string? Sku { get; private set; }

    public int Quantity { get; private set; }

    public decimal UnitPrice { get; private set; }

    public decimal LineTotal { get; private set; }

    private PurchaseLine()
    {
    }

    internal static PurchaseLine Create(int number, PurchaseLineInput input)
    {
        var field = $"Lines[{number - 1}]";
        if (input.Quantity <= 0)
        {
            throw new DomainException($"Line {number}: the quantity must be more than 0.", field + ".Quantity");
        }

        if (input.Quantity > 100_000)
        {
            throw new DomainException($"Line {number}: the quantity must be at most 100,000.", field + ".Quantity");
        }

        if (input.UnitPrice < 0 || input.UnitPrice > 10_000_000m)
        {
            throw new DomainException($"Line {number}: the unit price must be between 0 and 10,000,000.", field + ".UnitPrice");
        }

        return new PurchaseLine
        {
            LineNumber = number,
            Description = TextRules.Required(input.Description, 200, $"line {number}'s description", field + ".Description"),
            Sku = TextRules.Optional(input.Sku, 50, $"line {number}'s SKU", field + ".Sku"),
            Quantity = input.Quantity,
            UnitPrice = Money.Round(input.UnitPrice),
            LineTotal = Money.Round(input.Quantity * Money.Round(input.UnitPrice)),
        };
    }
}

/// <summary>How much of a purchase was paid by one tender.</summary>
public class PurchasePayment
{
    public int Id { get; private set; }

    public int PurchaseId { get; private set; }

    public Tender Tender { get; private set; }

    public decimal Amount { get; private set; }

    private PurchasePayment()
    {
    }

    internal PurchasePayment(Tender tender, decimal amount) => (Tender, Amount) = (tender, amount);
}
