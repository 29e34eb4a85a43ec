using CustomerManager.Web.Benchmarks;

namespace CustomerManager.Tests.Customers;

public class CustomerLookupBenchmarkTests
{
    [Fact]
    public async Task The_benchmark_command_seeds_a_separate_file_and_prints_every_row_with_its_ratio()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cm-bench-test-{Guid.NewGuid():N}.db");
        try
        {
            var output = new StringWriter();
            var exitCode = await CustomerLookupBenchmark.RunAsync(300, 5, file, output);

            var text = output.ToString();
            Assert.Equal(0, exitCode);
            Assert.Contains("Seeded 300 customers", text);
            foreach (var row in new[] { "Lookup by customer number", "Lookup by phone", "Lookup by e-mail", "Name-prefix search" })
            {
                var line = text.Split('\n').Single(l => l.StartsWith(row, StringComparison.Ordinal));
                Assert.Matches(@"\d+\.\d\d ms .* \d+\.\d\d\s*$", line.TrimEnd());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
