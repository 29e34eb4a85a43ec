using CustomerManager.Domain.Common;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Exports;
using CustomerManager.Web.Security;

namespace CustomerManager.Tests.Exports;

public class ExportWriterTests
{
    private sealed record Line(string Name, long Count, decimal Balance, decimal Limit, DateOnly Opened, DateTime? LastSeen);

    private static readonly Line[] Lines =
    [
        new("Thandi Nkosi", 3, 1234.50m, 5000m, new DateOnly(2026, 1, 15), new DateTime(2026, 11, 20, 14, 30, 0)),
        new("Acme Builders", 12, -20.25m, 0m, new DateOnly(2025, 12, 31), null),
        new("Bongani\u0007 Dube", 0, 0.75m, 1000m, new DateOnly(2026, 11, 1), new DateTime(2026, 11, 1)),
    ];

    private static TabularExport<Line> Export(IEnumerable<Line> lines) =>
        new TabularExport<Line>("Credit outstanding", "credit", ExportRows.From(lines)) { Currency = "ZAR", FileDate = new DateOnly(2026, 11, 30) }
            .Filter("Division", "Hardware")
            .Filter("Status", null)
            .Text("Customer", l => l.Name, 30)
            .Number("Laybys", l => l.Count, sum: true)
            .Money("Balance", l => l.Balance)
            .Money("Limit", l => l.Limit)
            .Percent("Used", l => l.Limit == 0 ? null : l.Balance / l.Limit, s => s[3] == 0 ? null : s[2] / s[3])
            .Date("Opened", l => l.Opened)
            .DateTime("Last seen", l => l.LastSeen);

    internal static async Task<byte[]> WriteAsync(ITableWriter writer, ITabularExport export)
    {
        using var stream = new MemoryStream();
        await writer.WriteAsync(export, stream, null, CancellationToken.None);
        return stream.ToArray();
    }

    [Fact]
    public async Task The_workbook_is_valid_with_title_filters_a_frozen_header_typed_cells_and_sum_totals()
    {
        var sheet = XlsxSheet.Read(await WriteAsync(new XlsxTableWriter(), Export(Lines)));

        Assert.Equal("Credit outstanding", sheet.Rows[0][0].Value);
        Assert.True(sheet.Rows[0][0].Bold);
        Assert.Equal(["Division", "Hardware"], sheet.Rows[1].Select(c => c.Value));
        Assert.Equal(["Status", "All"], sheet.Rows[2].Select(c => c.Value));
        Assert.Empty(sheet.Rows[3]);
        var header = sheet.RowStarting("Customer");
        Assert.Equal(4, header);
        Assert.Equal(["Customer", "Laybys", "Balance", "Limit", "Used", "Opened", "Last seen"], sheet.Rows[header].Select(c => c.Value));
        Assert.True(sheet.Rows[header].All(c => c.Bold));
        Assert.Equal(5u, sheet.FrozenRows);
        Assert.Equal([30d, 10d, 14d, 14d, 10d, 12d, 17d], sheet.ColumnWidths);

        var data = sheet.DataRows("Customer");
        Assert.Equal(3, data.Count);
        var first = data[0];
        Assert.Equal(("text", "Thandi Nkosi"), (first[0].Kind, first[0].Value));
        Assert.Equal(("number", 3m, "#,##0"), (first[1].Kind, first[1].Number, first[1].NumberFormat));
        Assert.Equal(("number", 1234.50m), (first[2].Kind, first[2].Number));
        Assert.Equal("[$ZAR] #,##0.00;-[$ZAR] #,##0.00", first[2].NumberFormat);
        Assert.Equal((0.2469m, "0.00%"), (first[4].Number, first[4].NumberFormat));
        Assert.Equal(("number", new DateTime(2026, 1, 15), "yyyy-mm-dd"), (first[5].Kind, first[5].Date, first[5].NumberFormat));
        Assert.Equal((new DateTime(2026, 11, 20, 14, 30, 0), "yyyy-mm-dd hh:mm"), (first[6].Date, first[6].NumberFormat));
        Assert.Equal("empty", data[1][4].Kind);
        Assert.Equal("empty", data[1][6].Kind);
        Assert.Equal("Bongani Dube", data[2][0].Value); // the control character XML cannot carry is dropped

        var totals = sheet.TotalsRow;
        Assert.True(totals.All(c => c.Bold));
        Assert.Equal(("SUM(B6:B8)", 15m), (totals[1].Formula, totals[1].Number));
        Assert.Equal(("SUM(C6:C8)", 1215.00m), (totals[2].Formula, totals[2].Number));
        Assert.Equal(("SUM(D6:D8)", 6000m), (totals[3].Formula, totals[3].Number));
        Assert.Null(totals[4].Formula); // computed: balance sum / limit sum
        Assert.Equal(0.2025m, totals[4].Number);
        Assert.Equal("empty", totals[5].Kind);
    }

    [Fact]
    public async Task An_export_without_rows_is_still_a_valid_workbook_with_zero_totals_and_no_formula_over_an_empty_range()
    {
        var sheet = XlsxSheet.Read(await WriteAsync(new XlsxTableWriter(), Export([])));

        Assert.Empty(sheet.DataRows("Customer"));
        Assert.Equal((null, 0m), (sheet.TotalsRow[2].Formula, sheet.TotalsRow[2].Number));
    }

    [Fact]
    public async Task The_pdf_is_landscape_with_title_filters_header_on_every_page_and_totals()
    {
        var many = Enumerable.Range(1, 90).Select(i => Lines[0] with { Name = $"Customer {i:000}", Balance = 10m }).ToList();
        var pdf = await WriteAsync(new PdfTableWriter(), Export(many));

        var info = await Poppler.PdfInfoAsync(pdf);
        Assert.Equal("Credit outstanding", Poppler.InfoField(info, "Title"));
        var pages = int.Parse(Poppler.InfoField(info, "Pages")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pages >= 2, $"90 rows should need more than one page, got {pages}");
        Assert.StartsWith("842 x 595 pts", Poppler.InfoField(info, "Page size")); // landscape A4
        var text = await Poppler.PdfToTextAsync(pdf);
        var pageTexts = text.Split('\f', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(pageTexts.Take(pages), p => Assert.Contains("Balance (ZAR)", p));
        Assert.Contains("Division:", pageTexts[0]);
        Assert.Contains("Hardware", pageTexts[0]);
        Assert.Contains("Customer 090", text);
        Assert.Contains("2026-01-15", text);
        Assert.Contains("2026-11-20 14:30", text);
        Assert.Matches(@"Total\s+270\s+900\.00\s+450,000\.00\s+0\.2 %", text);
        Assert.Contains($"page {pages} of {pages}", text);
    }

    [Fact]
    public async Task The_pdf_of_an_empty_export_says_so_and_shows_zero_totals()
    {
        var text = await Poppler.PdfToTextAsync(await WriteAsync(new PdfTableWriter(), Export([])));

        Assert.Contains("No rows match these filters.", text);
        Assert.Matches(@"Total\s+0\s+0\.00\s+0\.00", text);
    }

    [Fact]
    public async Task The_rows_carry_filter_buttons_over_exactly_the_data_and_another_reader_agrees()
    {
        var sheet = await OpenPyxl.ReadAsync(await WriteAsync(new XlsxTableWriter(), Export(Lines)));

        // Header on row 5, three data rows: the filter covers A5:G8, not the title above or the totals below.
        Assert.Equal(["A5:G8"], sheet.FilterRanges);
        Assert.Equal("A6", sheet.FrozenAt);
        Assert.Equal(("datetime", "2026-01-15 00:00:00", "yyyy-mm-dd"), (sheet.Rows[5][5].Type, sheet.Rows[5][5].Text, sheet.Rows[5][5].Format));
        Assert.Equal(("str", "=SUM(C6:C8)"), (sheet.Rows[8][2].Type, sheet.Rows[8][2].Text));
    }

    private sealed record Period(DateOnly Month, string Note, decimal Amount);

    [Fact]
    public async Task Months_and_days_are_real_date_cells_in_excel_and_read_as_such_in_the_pdf()
    {
        var export = new TabularExport<Period>("Per month", "months", ExportRows.From([new Period(new DateOnly(2026, 10, 17), "October", 5m)]))
            .Month("Month", p => p.Month)
            .Date("Day", p => p.Month)
            .Text("Note", p => p.Note)
            .Money("Amount", p => p.Amount);

        var sheet = XlsxSheet.Read(await WriteAsync(new XlsxTableWriter(), export));
        var row = sheet.DataRows("Month").Single();
        Assert.Equal(("number", new DateTime(2026, 10, 1), "yyyy-mm"), (row[0].Kind, row[0].Date, row[0].NumberFormat));
        Assert.Equal((new DateTime(2026, 10, 17), "yyyy-mm-dd"), (row[1].Date, row[1].NumberFormat));
        var pyxl = await OpenPyxl.ReadAsync(await WriteAsync(new XlsxTableWriter(), export));
        Assert.Equal(("datetime", "2026-10-01 00:00:00"), (pyxl.Rows[3][0].Type, pyxl.Rows[3][0].Text));

        var text = await Poppler.PdfToTextAsync(await WriteAsync(new PdfTableWriter(), export));
        Assert.Matches(@"2026-10\s+2026-10-17\s+October", text);
    }

    public static TheoryData<string> FormulaLikeText => new() { "=1+1", "+27 82 100 0001", "-5", "@SUM(A1)", "\t=cmd", "\r=cmd", "=HYPERLINK(\"http://x\",\"y\")" };

    [Theory]
    [MemberData(nameof(FormulaLikeText))]
    public async Task Text_that_looks_like_a_formula_stays_text_when_edited(string text)
    {
        var export = new TabularExport<string>("Guard", "guard", ExportRows.From([text, "plain"])).Text("Value", v => v);
        var bytes = await WriteAsync(new XlsxTableWriter(), export);

        var sheet = XlsxSheet.Read(bytes);
        var rows = sheet.DataRows("Value");
        // XML readers turn a raw carriage return into a line feed; the guard is the Text format either way.
        var expected = text.Replace('\r', '\n');
        Assert.Equal(("text", expected, "@", null), (rows[0][0].Kind, rows[0][0].Value, rows[0][0].NumberFormat, rows[0][0].Formula));
        Assert.NotEqual("@", rows[1][0].NumberFormat);
        var pyxl = await OpenPyxl.ReadAsync(bytes);
        Assert.Equal(("str", expected, "@"), (pyxl.Rows[3][0].Type, pyxl.Rows[3][0].Text, pyxl.Rows[3][0].Format));
    }

    [Fact]
    public async Task Long_column_headers_wrap_in_the_pdf_instead_of_being_cut()
    {
        var export = new TabularExport<Line>("Narrow", "narrow", ExportRows.From(Lines))
            .Text("Customer name and number", l => l.Name, 12)
            .Money("Outstanding balance", l => l.Balance, width: 10)
            .Text("Filler", _ => "", 80);

        var text = await Poppler.PdfToTextAsync(await WriteAsync(new PdfTableWriter(), export));

        // Each header is on as many lines as its column needs, every word whole, nothing cut with "…".
        var header = text.Split("Thandi")[0];
        Assert.DoesNotContain("…", header);
        var words = header.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Narrow", "Customer", "name", "Outstanding", "Filler", "and", "number", "balance"], words);
    }

    [Fact]
    public async Task A_cancelled_export_stops_and_leaves_no_file_behind()
    {
        var files = NewFiles();
        using var actor = Actors.As("exp-accountant", Roles.Accountant);
        var exporter = new TabularExporter(new CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor()), files, [new XlsxTableWriter()], TestTime.Johannesburg());
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(n =>
        {
            if (n >= 500)
            {
                cancel.Cancel();
            }
        });
        var endless = Enumerable.Range(0, 1_000_000).Select(i => Lines[0]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exporter.ExportAsync(Export(endless), ExportFormat.Excel, progress, cancel.Token));

        Assert.Empty(Directory.GetFiles(files.Folder));
    }

    [Fact]
    public async Task An_export_is_made_for_its_user_only_and_named_after_what_and_when()
    {
        var files = NewFiles();
        ExportFile file;
        using (Actors.As("exp-credit", Roles.CreditManager))
        {
            file = await new TabularExporter(new CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor()), files, [new XlsxTableWriter(), new PdfTableWriter()], TestTime.Johannesburg())
                .ExportAsync(Export(Lines), ExportFormat.Pdf, null);
        }

        Assert.Equal("credit-2026-11-30.pdf", file.FileName);
        Assert.Equal(3, file.Rows);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.NotNull(files.Find(file.Token, "id-exp-credit"));
        Assert.Null(files.Find(file.Token, "id-someone-else"));
        Assert.Null(files.Find(file.Token, null));
        Assert.Null(files.Find("not-a-token", "id-exp-credit"));
    }

    [Fact]
    public async Task A_clerk_cannot_export_and_no_file_is_made()
    {
        var files = NewFiles();
        using var actor = Actors.As("exp-clerk", Roles.Clerk);
        var exporter = new TabularExporter(new CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor()), files, [new XlsxTableWriter()], TestTime.Johannesburg());

        await Assert.ThrowsAsync<AccessDeniedException>(() => exporter.ExportAsync(Export(Lines), ExportFormat.Excel, null));

        Assert.Empty(Directory.GetFiles(files.Folder));
    }

    [Fact]
    public void An_expired_export_is_gone_and_its_file_deleted()
    {
        var clock = new Statements.TestClock();
        using var files = new ExportFiles(clock, Path.Combine(Path.GetTempPath(), "cm-tests-exports"));
        var file = files.Create("x-2026-11-30.xlsx", "application/x", "id-a");
        File.WriteAllText(file.Path, "x");

        clock.Now += ExportFiles.Lifetime + TimeSpan.FromSeconds(1);

        Assert.Null(files.Find(file.Token, "id-a"));
        Assert.False(File.Exists(file.Path));
    }

    private static ExportFiles NewFiles() => new(TimeProvider.System, Path.Combine(Path.GetTempPath(), "cm-tests-exports"));

    /// <summary>Progress reported on the writer's thread (Progress&lt;T&gt; would post it later).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
