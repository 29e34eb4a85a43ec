using CustomerManager.Web.Benchmarks;

namespace CustomerManager.Tests.Exports;

public class ExportBenchmarkTests
{
    [Fact]
    public async Task The_export_benchmark_seeds_a_separate_file_and_prints_every_path_and_the_ratio()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cm-export-bench-{Guid.NewGuid():N}.db");
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, await ExportBenchmark.RunAsync(30, file, output));

            var text = output.ToString();
            Assert.Contains("Seeded 30 customers", text);
            foreach (var path in new[] { @"Module \(customer report export, \.xlsx\)", "Bare SpreadCheetah loop", "ClosedXML, same rows" })
            {
                Assert.Matches(path + @"\s+30\s+\d+\.\d\d\s+[\d,]+\s+-?\d+\.\d\s+-?\d+\.\d\s+\d+\s+-?\d+\.\d\s+\d+", text);
            }

            Assert.Matches(@"Rows read only \(no file\)\s+30\s", text);
            Assert.Matches(@"Ratio module / bare SpreadCheetah loop: \d+\.\d\d; ClosedXML / module: \d+\.\d\d", text);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
