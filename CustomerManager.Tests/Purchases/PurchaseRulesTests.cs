using System.Reflection;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Purchases;

namespace CustomerManager.Tests.Purchases;

public class PurchaseRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateTime Now = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    internal static Purchase Sale(
        IReadOnlyList<PurchaseLineInput>? lines = null, decimal? total = null, IReadOnlyList<TenderInput>? tenders = null,
        int points = 0, decimal discount = 0m, int pointsEarned = 0)
    {
        var purchase = Purchase.Sale(1, 1, 1, lines, total, tenders ?? [new TenderInput(Tender.Cash)], points, discount,
            LoyaltyTier.Bronze, "Till 2", "POS-77", null, Today, Now, "clerk");
        purchase.AssignNumber("CLO", 1);
        purchase.Earned(pointsEarned);
        var id = 1;
        foreach (var line in purchase.Lines)
        {
            typeof(PurchaseLine).GetProperty(nameof(PurchaseLine.Id))!.SetValue(line, id++);
        }

        return purchase;
    }

    private static PurchaseReturn Return(Purchase purchase, ReturnRequest request, params PurchaseReturn[] earlier) =>
        PurchaseReturn.Plan(purchase, earlier, request, null, Today, Now, "clerk");

    [Fact]
    public void Lines_make_the_total_and_a_single_tender_pays_all_of_it()
    {
        var purchase = Sale([new("Jeans", "J-32", 2, 399.99m), new("Belt", null, 1, 150m)]);

        Assert.Equal(949.98m, purchase.Subtotal);
        Assert.Equal(949.98m, purchase.Total);
        Assert.Equal([2 * 399.99m, 150m], purchase.Lines.Select(l => l.LineTotal));
        Assert.Equal(Tender.Cash, Assert.Single(purchase.Payments).Tender);
        Assert.Equal(949.98m, purchase.Payments[0].Amount);
        Assert.Equal("PUR-CLO-000001", purchase.PurchaseNumber);
    }

    [Fact]
    public void Quick_entry_takes_a_total_alone_and_a_split_must_add_up_to_what_is_due_after_the_points_discount()
    {
        var purchase = Sale(total: 1000m, tenders: [new(Tender.Card, 600m), new(Tender.OnAccount, 390m)], points: 1000, discount: 10m);

        Assert.Empty(purchase.Lines);
        Assert.Equal((1000m, 10m, 990m, 390m), (purchase.Subtotal, purchase.Discount, purchase.Total, purchase.OnAccount));
        var wrong = Assert.Throws<DomainException>(() => Sale(total: 1000m, tenders: [new(Tender.Card, 600m), new(Tender.Cash, 300m)]));
        Assert.Equal("The payments add up to 900.00 but 1,000.00 is due.", wrong.Message);
    }

    [Fact]
    public void Bad_purchases_are_refused_with_a_specific_message()
    {
        Assert.Equal("Enter the purchase's lines or its total.", Assert.Throws<DomainException>(() => Sale()).Message);
        var negative = Assert.Throws<DomainException>(() => Sale([new("Shirt", null, 1, 100m), new("Socks", null, -2, 20m)]));
        Assert.Equal("Line 2: the quantity must be more than 0.", negative.Message);
        Assert.Equal("Lines[1].Quantity", negative.Field);
        Assert.Equal("The total 100.00 does not match the lines, which add up to 120.00.",
            Assert.Throws<DomainException>(() => Sale([new("Shirt", null, 1, 120m)], total: 100m)).Message);
        Assert.Equal("Choose how the customer paid.", Assert.Throws<DomainException>(() => Sale(total: 10m, tenders: [])).Message);
        Assert.Contains("more than the purchase of 50.00", Assert.Throws<DomainException>(() => Sale(total: 50m, points: 6000, discount: 60m)).Message);
        Assert.Equal("Total", Assert.Throws<DomainException>(() => Sale(total: -5m)).Field);
        Assert.Contains("each payment method once", Assert.Throws<DomainException>(() => Sale(total: 10m, tenders: [new(Tender.Cash, 5m), new(Tender.Cash, 5m)])).Message);
    }

    [Fact]
    public void A_line_return_refunds_its_share_of_what_was_paid_and_never_more_than_was_bought()
    {
        // 3 shirts at 100 and a coat at 700 = 1000, 100 off with points: 900 paid, 90 %.
        var purchase = Sale([new("Shirt", null, 3, 100m), new("Coat", null, 1, 700m)], points: 10000, discount: 100m, pointsEarned: 900);
        var first = Return(purchase, new ReturnRequest(false, [new(1, 2)], null, Tender.Cash, "Wrong size"));

        Assert.Equal(180m, first.Amount); // 200 × 900/1000
        Assert.Equal(180, first.PointsToReverse); // floor(900 × 180/900)
        var tooMany = Assert.Throws<DomainException>(() => Return(purchase, new ReturnRequest(false, [new(1, 2)], null, Tender.Cash, "Again"), first));
        Assert.Equal("Line 1 (Shirt): 2 cannot be returned; 1 of 3 bought are left to return.", tooMany.Message);

        var rest = Return(purchase, new ReturnRequest(true, null, null, Tender.Card, "Customer changed mind"), first);
        Assert.Equal(720m, rest.Amount); // everything back: exactly what was paid less the first refund
        Assert.Equal(900, first.PointsToReverse + rest.PointsToReverse);
        Assert.Equal([(1, 1), (2, 1)], rest.Lines.Select(l => (l.PurchaseLineId, l.Quantity)));
        Assert.Contains("already returned", Assert.Throws<DomainException>(() => Return(purchase, new ReturnRequest(true, null, null, Tender.Cash, "x"), first, rest)).Message);
    }

    [Fact]
    public void A_total_only_refund_is_at_most_what_is_left_and_credits_the_on_account_part_first()
    {
        var purchase = Sale(total: 500m, tenders: [new(Tender.Cash, 200m), new(Tender.OnAccount, 300m)], pointsEarned: 500);

        var tooMuch = Assert.Throws<DomainException>(() => Return(purchase, new ReturnRequest(false, null, 600m, Tender.Cash, "Faulty")));
        Assert.Equal("The refund of 600.00 is more than the 500.00 left to refund on PUR-CLO-000001 (paid 500.00).", tooMuch.Message);
        var partial = Return(purchase, new ReturnRequest(false, null, 350m, Tender.Cash, "Faulty"));
        Assert.Equal((300m, 50m, 350), (partial.OnAccountCredit, partial.Refunded, partial.PointsToReverse));
        var rest = Return(purchase, new ReturnRequest(true, null, null, Tender.Cash, "Faulty"), partial);
        Assert.Equal((0m, 150m, 150), (rest.OnAccountCredit, rest.Refunded, rest.PointsToReverse));
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => Return(purchase, new ReturnRequest(true, null, null, Tender.Cash, " "))).Field);
        Assert.Equal("RefundTender", Assert.Throws<DomainException>(() => Return(purchase, new ReturnRequest(true, null, null, Tender.OnAccount, "x"))).Field);
    }
}
