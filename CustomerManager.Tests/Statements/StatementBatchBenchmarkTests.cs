using CustomerManager.Web.Benchmarks;

namespace CustomerManager.Tests.Statements;

public class StatementBatchBenchmarkTests
{
    [Fact]
    public async Task The_statement_benchmark_seeds_a_separate_file_and_prints_both_rates()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cm-statement-bench-{Guid.NewGuid():N}.db");
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, await StatementBatchBenchmark.RunAsync(40, 10, file, output));

            var text = output.ToString();
            Assert.Contains("Seeded 40 accounts", text);
            Assert.Matches(@"Statements computed and stored \(batch\)\s+40\s+\d+\.\d\d\s+\d+", text);
            Assert.Matches(@"Statement PDFs rendered \(one thread\)\s+10\s+\d+\.\d\d\s+\d+", text);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
