using CustomerManager.Domain.Imports;

namespace CustomerManager.Tests.Imports;

public class ImportCellReaderTests
{
    private static ImportCellReader Reader(params (string Key, ImportCell Cell)[] cells) =>
        new(new ImportRow("Opening balances", 7, cells.ToDictionary(c => c.Key, c => c.Cell)), ImportLayout.OpeningBalances);

    [Fact]
    public void A_date_written_as_text_is_taken_only_in_the_unambiguous_form()
    {
        Assert.Equal(new DateOnly(2026, 10, 31), Reader((ImportLayout.Keys.AsOf, new ImportCell("2026-10-31"))).Date(ImportLayout.Keys.AsOf));
        var reader = Reader((ImportLayout.Keys.AsOf, new ImportCell("10/31/2026")));
        Assert.Null(reader.Date(ImportLayout.Keys.AsOf));
        Assert.Equal(ImportLayout.Keys.AsOf, reader.Problems.Single().Column);
        Assert.Contains("not a date", reader.Problems.Single().Message);
    }

    [Fact]
    public void A_formula_a_missing_required_cell_and_a_text_amount_are_each_reported_in_their_column()
    {
        var reader = Reader((ImportLayout.Keys.Amount, new ImportCell(IsFormula: true)), (ImportLayout.Keys.Reference, new ImportCell("A-1")));
        Assert.Null(reader.Amount(ImportLayout.Keys.Amount));
        Assert.Null(reader.Text(ImportLayout.Keys.Division));
        Assert.Equal("A-1", reader.Text(ImportLayout.Keys.Reference));
        Assert.Equal([ImportLayout.Keys.Amount, ImportLayout.Keys.Division], reader.Problems.Select(p => p.Column));
        Assert.Contains("formula", reader.Problems[0].Message);
        Assert.Equal("Division is required.", reader.Problems[1].Message);

        Assert.Equal(1250.50m, Reader((ImportLayout.Keys.Amount, new ImportCell("1 250.50"))).Amount(ImportLayout.Keys.Amount));
        Assert.Equal(12.35m, Reader((ImportLayout.Keys.Amount, new ImportCell(Number: 12.345))).Amount(ImportLayout.Keys.Amount));
    }

    [Fact]
    public void Request_ids_are_the_same_for_the_same_row_key_and_differ_otherwise()
    {
        Assert.Equal(ImportRules.RequestId("opening-balance", "ext:A1", "CLO"), ImportRules.RequestId("opening-balance", "ext:A1", "CLO"));
        Assert.NotEqual(ImportRules.RequestId("opening-balance", "ext:A1", "CLO"), ImportRules.RequestId("opening-balance", "ext:A1", "GRO"));
    }

    [Theory]
    [InlineData("OLD-1042", true)]
    [InlineData("UCST-000123", false)]
    [InlineData("old 1042", false)]
    public void A_kept_customer_number_must_match_the_format_and_stay_out_of_the_gap_free_series(string number, bool allowed)
    {
        var pattern = new System.Text.RegularExpressions.Regex(ImportRules.DefaultPreservedNumberPattern);
        Assert.Equal(allowed, ImportRules.PreservedNumberAllowed(number, pattern, out var why));
        Assert.Equal(allowed, why.Length == 0);
    }
}
