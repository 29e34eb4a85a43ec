using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Documents;
using PdfSharp.Fonts;

namespace CustomerManager.Tests.Documents;

/// <summary>The layby payment receipt read back with poppler (pdfinfo, pdftotext), as a printer or viewer sees it.</summary>
public class LaybyReceiptPdfTests
{
    private readonly IReceiptRenderer renderer = new LaybyReceiptPdf(TestTime.Johannesburg());

    [Fact]
    public async Task Receipt_is_a_valid_one_page_pdf_titled_with_the_receipt_number()
    {
        var pdf = renderer.Render(Receipt());

        var info = await Poppler.PdfInfoAsync(pdf);

        Assert.Equal("1", Poppler.InfoField(info, "Pages"));
        Assert.Contains("RCT-2025-000123", Poppler.InfoField(info, "Title"));
        Assert.Contains("Receipt", Poppler.InfoField(info, "Title"));
    }

    [Fact]
    public async Task Receipt_shows_payment_balance_layby_customer_and_clerk()
    {
        var text = await Poppler.PdfToTextAsync(renderer.Render(Receipt()));

        Assert.Contains("Receipt", text);
        Assert.Contains("RCT-2025-000123", text);
        // Paid at 09:05 UTC: the receipt shows the business's time, 11:05 in Johannesburg.
        Assert.Contains("2025-03-14 11:05", text);
        Assert.DoesNotContain("UTC", text);
        Assert.Contains("Shoprite Furniture", text);
        Assert.Contains("Umhlanga", text);
        Assert.Contains("C000042", text);
        Assert.Contains("Zoë Ngcobo", text);
        Assert.Contains("082 555 0101", text);
        Assert.Contains("LB-000017", text);
        Assert.Contains("ZAR 1,250.00", text);
        Assert.Contains("ZAR 3,750.00", text); // total paid
        Assert.Contains("ZAR 6,299.99", text); // balance after
        Assert.Contains("ZAR 9,999.99", text); // layby total
        Assert.Contains("ZAR 50.00", text); // fees
        Assert.Contains("Card", text);
        Assert.Contains("AUTH-7781", text);
        Assert.Contains("Active", text);
        Assert.Contains("Taken by Nomvula Khumalo", text);
    }

    [Fact]
    public async Task Receipt_lists_every_instalment_with_due_date_amount_paid_and_status()
    {
        var text = await Poppler.PdfToTextAsync(renderer.Render(Receipt()));

        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.Contains("2025-02-14") && l.Contains("ZAR 2,500.00") && l.Contains("Paid"));
        Assert.Contains(lines, l => l.Contains("2025-03-14") && l.Contains("ZAR 1,250.00") && l.Contains("Part paid"));
        Assert.Contains(lines, l => l.Contains("2025-05-14") && l.Contains("ZAR 0.00") && l.Contains("Due"));
    }

    [Theory]
    [InlineData("Zoë Ngcobo")]
    [InlineData("Anél van der Merwe-Cronjé")]
    [InlineData("Sibusiso Mthembu ka Dlamini")]
    [InlineData("Łucja Dvořák")] // outside Windows-1252: written as Identity-H with ToUnicode
    public async Task Customer_names_beyond_ascii_come_out_as_typed(string name)
    {
        var text = await Poppler.PdfToTextAsync(renderer.Render(Receipt() with { CustomerName = name }));

        Assert.Contains(name, text);
    }

    [Fact]
    public async Task Receipt_without_phone_or_reference_leaves_those_lines_out()
    {
        var text = await Poppler.PdfToTextAsync(renderer.Render(Receipt() with { CustomerPhone = null, Reference = null, Method = "Cash" }));

        Assert.DoesNotContain("Phone", text);
        Assert.DoesNotContain("Reference", text);
        Assert.Contains("Cash", text);
    }

    [Fact]
    public async Task Long_schedule_continues_on_a_second_page()
    {
        var schedule = Enumerable.Range(1, 52)
            .Select(n => new ReceiptScheduleLine(n, new DateOnly(2025, 1, 3).AddDays(7 * n), 100m, 0m, "Due"))
            .ToList();

        var pdf = renderer.Render(Receipt() with { Schedule = schedule });

        Assert.Equal("2", Poppler.InfoField(await Poppler.PdfInfoAsync(pdf), "Pages"));
        var text = await Poppler.PdfToTextAsync(pdf);
        Assert.Contains("Schedule (continued), receipt RCT-2025-000123", text);
        Assert.Contains("2026-01-02", text); // the 52nd instalment
        Assert.Contains("Taken by", text);
    }

    [Fact]
    public async Task Eight_receipts_render_at_once_each_with_its_own_content()
    {
        var receipts = Enumerable.Range(1, 8)
            .Select(n => Receipt() with { ReceiptNumber = $"RCT-2025-9000{n}", Amount = 100m * n })
            .ToList();

        var pdfs = await Task.WhenAll(receipts.Select(r => Task.Run(() => renderer.Render(r))));

        for (var i = 0; i < receipts.Count; i++)
        {
            var text = await Poppler.PdfToTextAsync(pdfs[i]);
            Assert.Contains(receipts[i].ReceiptNumber, text);
            Assert.Contains($"ZAR {100 * (i + 1)}.00", text);
            Assert.Contains("Zoë Ngcobo", text);
        }
    }

    [Fact]
    public async Task Setup_from_many_threads_sets_the_embedded_font_resolver_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(PdfSetup.EnsureInitialised)));
        PdfSetup.EnsureInitialised();

        Assert.Same(PdfFonts.Instance, GlobalFontSettings.FontResolver);
    }

    [Theory]
    [InlineData("Arial", false, "DejaVuSans")]
    [InlineData("Times New Roman", true, "DejaVuSans-Bold")]
    [InlineData("DejaVu Sans", true, "DejaVuSans-Bold")]
    public void Any_font_family_is_served_from_embedded_dejavu_sans(string family, bool bold, string face)
    {
        var info = PdfFonts.Instance.ResolveTypeface(family, bold, italic: false);

        Assert.Equal(face, info.FaceName);
        Assert.True(PdfFonts.Instance.GetFont(info.FaceName).Length > 100_000);
    }

    /// <summary>A card payment of 1,250.00 on a 9,999.99 layby with 50.00 fees, leaving 6,299.99.</summary>
    private static LaybyReceipt Receipt() => new(
        ReceiptNumber: "RCT-2025-000123",
        PaidAtUtc: new DateTime(2025, 3, 14, 9, 5, 0, DateTimeKind.Utc),
        BusinessName: "Shoprite Furniture",
        Currency: "ZAR",
        DivisionName: "Umhlanga Rocks",
        CustomerNumber: "C000042",
        CustomerName: "Zoë Ngcobo",
        CustomerPhone: "082 555 0101",
        LaybyNumber: "LB-000017",
        LaybyTotal: 9_999.99m,
        Fees: 50m,
        Amount: 1_250m,
        Method: "Card",
        Reference: "AUTH-7781",
        TotalPaid: 3_750m,
        BalanceAfter: 6_299.99m,
        LaybyStatus: "Active",
        Schedule:
        [
            new ReceiptScheduleLine(1, new DateOnly(2025, 2, 14), 2_500m, 2_500m, "Paid"),
            new ReceiptScheduleLine(2, new DateOnly(2025, 3, 14), 2_500m, 1_250m, "Part paid"),
            new ReceiptScheduleLine(3, new DateOnly(2025, 4, 14), 2_500m, 0m, "Due"),
            new ReceiptScheduleLine(4, new DateOnly(2025, 5, 14), 2_549.99m, 0m, "Due"),
        ],
        TakenBy: "Nomvula Khumalo");
}
