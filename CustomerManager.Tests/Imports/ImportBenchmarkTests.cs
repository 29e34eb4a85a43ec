using CustomerManager.Web.Benchmarks;

namespace CustomerManager.Tests.Imports;

public class ImportBenchmarkTests
{
    [Fact]
    public async Task The_import_benchmark_validates_and_imports_a_generated_workbook_and_verifies_what_it_imported()
    {
        var output = new StringWriter();
        Assert.Equal(0, await ImportBenchmark.RunAsync(40, null, output));

        var text = output.ToString();
        Assert.Contains("Import benchmark: 40 customers with a division account and 4 opening balances (44 rows)", text);
        Assert.Matches(@"Validate \(ClosedXML read \+ dry run\)\s+44\s+\d+\.\d\d\s+[\d,]+", text);
        Assert.Matches(@"Import \(batches of 500\)\s+44\s+\d+\.\d\d\s+[\d,]+", text);
        Assert.Matches(@"Peak working set: \d+ MB", text);
        Assert.Contains("Verified: 40 customers, 40 accounts, 4 opening balances imported.", text);
    }
}
