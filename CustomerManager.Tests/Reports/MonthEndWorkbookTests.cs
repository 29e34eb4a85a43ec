using ClosedXML.Excel;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Reports;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Exports;

namespace CustomerManager.Tests.Reports;

/// <summary>
/// The month-end workbook of <see cref="ReportFixture"/>'s September 2026 (today is 15 September), read back with
/// ClosedXML (which evaluates the Summary's formulas) and with openpyxl (another reader: sheet names, formulas).
/// </summary>
public class MonthEndWorkbookTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static readonly string[] SheetNames =
    [
        MonthEndWorkbook.SummarySheet, MonthEndWorkbook.AgingSheet, MonthEndWorkbook.CollectionsByDaySheet,
        MonthEndWorkbook.CollectionsByMethodSheet, MonthEndWorkbook.PerformanceSheet, MonthEndWorkbook.CreditSheet,
        MonthEndWorkbook.LaybySheet,
    ];

    [Fact]
    public async Task The_summary_is_formulas_over_the_detail_sheets_and_its_totals_equal_them()
    {
        MonthEndPack pack;
        using (Actors.As("rpt-accountant", Roles.Accountant))
        {
            pack = await fixture.Service<ReportService>().MonthEndPackAsync(2026, 9);
        }

        var bytes = Write(pack);
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        Assert.Equal(SheetNames, workbook.Worksheets.Select(w => w.Name));
        var summary = workbook.Worksheet(MonthEndWorkbook.SummarySheet);
        Assert.Equal("Month-end pack: September 2026", summary.Cell(1, 1).GetString());
        Assert.Equal(new DateOnly(2026, 9, 15), pack.AsOf); // the month has not ended: figures to today

        // Aging: one row per division with a SUMIF per bucket; the Total row's balance is the detail sheet's total.
        var agingHeader = RowOf(summary, "Aging by division") + 1;
        var hardwareRow = RowOf(summary, "Hardware", after: agingHeader);
        var balanceColumn = 1 + 5 + 1 + 1; // division, five buckets, credit, balance
        Assert.StartsWith("SUMIF('Aging'!$A$2:$A$", summary.Cell(hardwareRow, balanceColumn).FormulaA1);
        var hardware = pack.Aging.DivisionTotals.Single(d => d.Name == "Hardware");
        Assert.Equal(hardware.Buckets.Total - hardware.Credit, Number(summary.Cell(hardwareRow, balanceColumn)));
        Assert.Equal(3_600m, Number(summary.Cell(hardwareRow, balanceColumn))); // Alpha 2,100 + Bravo 1,500
        var agingTotal = RowOf(summary, "Total", after: agingHeader);
        Assert.Equal(pack.Aging.Overall.Buckets.Total - pack.Aging.Overall.Credit, Number(summary.Cell(agingTotal, balanceColumn)));
        var agingSheet = workbook.Worksheet(MonthEndWorkbook.AgingSheet);
        Assert.Equal(Number(agingSheet.Cell(RowOf(agingSheet, "Total"), balanceColumn)), Number(summary.Cell(agingTotal, balanceColumn)));

        // Collections: per method, their total, and the same net summed from the by-day sheet.
        var methodsHeader = RowOf(summary, "Collections by method") + 1;
        var net = pack.CollectionsByMethod.Sum(r => r.Net);
        Assert.Equal(pack.CollectionsByDay.Sum(r => r.Net), net);
        Assert.True(net > 0);
        var methodsTotal = RowOf(summary, "Total", after: methodsHeader);
        Assert.Equal(net, Number(summary.Cell(methodsTotal, 7)));
        Assert.Equal(net, Number(summary.Cell(methodsTotal + 1, 7)));
        Assert.Equal("SUM('Collections by day'!$G$2:$G$" + (1 + pack.CollectionsByDay.Count) + ")", summary.Cell(methodsTotal + 1, 7).FormulaA1);
        foreach (var method in pack.CollectionsByMethod)
        {
            Assert.Equal(method.Net, Number(summary.Cell(RowOf(summary, method.Group, after: methodsHeader), 7)));
        }

        // Days are real dates on the detail sheet.
        var byDay = workbook.Worksheet(MonthEndWorkbook.CollectionsByDaySheet);
        Assert.Equal(XLDataType.DateTime, byDay.Cell(2, 1).DataType);
        Assert.Equal(pack.CollectionsByDay[0].Day!.Value.ToDateTime(TimeOnly.MinValue), byDay.Cell(2, 1).GetDateTime());

        // Credit outstanding: balances, limits and utilisation as a formula.
        var creditHeader = RowOf(summary, "Credit outstanding") + 1;
        var creditHardware = RowOf(summary, "Hardware", after: creditHeader);
        Assert.Equal((3_600m, 11_000m), (Number(summary.Cell(creditHardware, 5)), Number(summary.Cell(creditHardware, 4))));
        Assert.Equal(0.3273m, Math.Round(Number(summary.Cell(creditHardware, 6)), 4));

        // Laybys by status: counts add up to the laybys the fixture opened.
        var laybyTotal = RowOf(summary, "Total", after: RowOf(summary, "Layby status") + 1);
        Assert.Equal(pack.Laybys.ByStatus.Sum(s => s.Count), Number(summary.Cell(laybyTotal, 2)));
        Assert.Equal(3m, Number(summary.Cell(laybyTotal, 2)));

        // Print-ready: landscape, one page wide, header row repeated; our own column widths.
        foreach (var sheet in workbook.Worksheets)
        {
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(1, sheet.PageSetup.PagesWide);
            Assert.True(sheet.Column(1).Width >= 10, $"{sheet.Name}: first column {sheet.Column(1).Width}");
        }

        Assert.Equal("1:1", workbook.Worksheet(MonthEndWorkbook.AgingSheet).PageSetup.FirstRowToRepeatAtTop + ":" + workbook.Worksheet(MonthEndWorkbook.AgingSheet).PageSetup.LastRowToRepeatAtTop);
    }

    [Fact]
    public async Task Another_reader_sees_the_sheets_and_the_formulas()
    {
        MonthEndPack pack;
        using (Actors.As("rpt-accountant", Roles.Accountant))
        {
            pack = await fixture.Service<ReportService>().MonthEndPackAsync(2026, 9);
        }

        var file = Path.Combine(Path.GetTempPath(), $"cm-month-end-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, Write(pack));
        try
        {
            var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            var output = await Poppler.RunAsync(python, ["-c", """
                import sys, openpyxl
                wb = openpyxl.load_workbook(sys.argv[1])
                print("|".join(wb.sheetnames))
                ws = wb["Summary"]
                print(sum(1 for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=SUMIF(")))
                print(wb["Aging"].freeze_panes, wb["Aging"].auto_filter.ref, wb["Aging"].page_setup.orientation)
                """, file]);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(string.Join("|", SheetNames), lines[0]);
            Assert.True(int.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture) >= 10, lines[1]);
            Assert.Equal($"A2 A1:H{1 + pack.Aging.DivisionTotals.Count} landscape", lines[2]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_user_limited_to_one_division_gets_only_that_division_and_a_future_month_is_refused()
    {
        using var actor = Actors.AsLimitedTo([fixture.Clothing], "rpt-clothing-accountant", Roles.Accountant);
        var reports = fixture.Service<ReportService>();

        var pack = await reports.MonthEndPackAsync(2026, 9);

        Assert.Equal(["Clothing"], pack.Divisions);
        Assert.All(pack.Aging.DivisionTotals, d => Assert.Equal("Clothing", d.Name));
        Assert.DoesNotContain(pack.Credit.Divisions, d => d.Division == "Hardware");
        var refused = await Assert.ThrowsAsync<DomainException>(() => reports.MonthEndPackAsync(2026, 10));
        Assert.Contains("has not started", refused.Message);
    }

    [Fact]
    public async Task A_clerk_cannot_make_the_pack()
    {
        using var actor = Actors.As("rpt-clerk", Roles.Clerk);
        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Service<ReportService>().MonthEndPackAsync(2026, 9));
    }

    [Fact]
    public void Text_that_looks_like_a_formula_is_kept_text_with_a_quote_prefix()
    {
        var aging = new Domain.Statements.AgingReport(new DateOnly(2026, 9, 30), [],
            [new Domain.Statements.AgingTotal(1, "=HYPERLINK(\"http://x\")", Domain.Statements.AgingBalances.Zero, 0m)],
            new Domain.Statements.AgingTotal(null, "All divisions", Domain.Statements.AgingBalances.Zero, 0m));
        var pack = new MonthEndPack(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), new DateTime(2026, 10, 1), ["=HYPERLINK(\"http://x\")"],
            aging, [], [], [], new CreditOutstandingReport([], [], new CreditDivisionRow(null, "All", 0, 0, 0m, 0m)),
            new LaybyStatusReport([], 0, 0m, 0m, 0, 0m, 0, 0m));

        using var workbook = new XLWorkbook(new MemoryStream(Write(pack)));
        var cell = workbook.Worksheet(MonthEndWorkbook.AgingSheet).Cell(2, 1);

        Assert.Equal("=HYPERLINK(\"http://x\")", cell.GetString());
        Assert.False(cell.HasFormula);
        Assert.True(cell.Style.IncludeQuotePrefix);
        Assert.Equal("@", cell.Style.NumberFormat.Format);
    }

    private static byte[] Write(MonthEndPack pack)
    {
        using var stream = new MemoryStream();
        MonthEndWorkbook.Write(pack, "ZAR", stream);
        return stream.ToArray();
    }

    private static decimal Number(IXLCell cell) => Convert.ToDecimal(cell.Value, System.Globalization.CultureInfo.InvariantCulture);

    private static int RowOf(IXLWorksheet sheet, string firstCell, int after = 0) =>
        sheet.RowsUsed().First(r => r.RowNumber() > after && r.Cell(1).GetString() == firstCell).RowNumber();
}
