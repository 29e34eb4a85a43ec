using CustomerManager.Web.Benchmarks;
using Microsoft.Data.Sqlite;

namespace CustomerManager.Tests.Scale;

public class ScaleBenchmarkTests
{
    [Fact]
    public async Task The_scale_benchmark_prints_every_row_with_its_figures_and_ratio()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cm-scale-bench-{Guid.NewGuid():N}.db");
        try
        {
            Assert.Equal(0, await ScaleDataCommand.RunAsync(400, file, replace: false, TextWriter.Null, CancellationToken.None));
            var output = new StringWriter();

            Assert.Equal(0, await ScaleBenchmark.RunAsync(file, 5, output));

            var lines = output.ToString().Split('\n');
            Assert.Contains(lines, l => l.StartsWith("Scale benchmark: 400 customers", StringComparison.Ordinal));
            foreach (var row in new[]
            {
                "Lookup by customer number", "Lookup by phone", "Lookup by e-mail", "Lookup by national ID", "Lookup by account number",
                "Name-prefix search", "Customer list by name, page 1 ", "Customer list by name, page 10,000 (Next)",
                "Customer list by name, page 10,000 (jump)", "Open the 360° profile", "Layby list, overdue", "Statement for one account",
                "Institution page: members, first 25 of 8", "Institution roll-up (8 members)", "My customers: one employee's assigned customers",
                "Employee's assignments page",
            })
            {
                var line = Assert.Single(lines, l => l.StartsWith(row, StringComparison.Ordinal));
                Assert.Matches(@"(\d+\.\d\d ms\s+){4}\d+\.\d\d\s*$", line.TrimEnd());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_generator_refuses_an_existing_file_unless_told_to_replace_it()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cm-scale-exists-{Guid.NewGuid():N}.db");
        await File.WriteAllTextAsync(file, "not a database");
        try
        {
            var output = new StringWriter();
            Assert.Equal(2, await ScaleDataCommand.RunAsync(10, file, replace: false, output, CancellationToken.None));
            Assert.Contains("--replace", output.ToString());
            Assert.Equal("not a database", await File.ReadAllTextAsync(file));

            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();
            Assert.Equal(1, await ScaleDataCommand.RunAsync(10, file, replace: true, output, cancelled.Token));
            Assert.Contains("Cancelled: 0 of 10 customers", output.ToString());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
