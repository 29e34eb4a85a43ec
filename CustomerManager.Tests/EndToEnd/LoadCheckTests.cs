using CustomerManager.LoadCheck;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class LoadCheckTests(RunningApp app)
{
    [Fact]
    public async Task The_load_check_opens_circuits_searches_in_each_and_reads_the_server_memory()
    {
        var output = new StringWriter();
        // Active customers only: each search must show its customer, so "No customers match" means the search is broken.
        var numbersFile = Path.Combine(Path.GetTempPath(), $"cm-load-check-{Guid.NewGuid():N}.txt");
        await using (var db = app.OpenDatabase())
        {
            await File.WriteAllLinesAsync(numbersFile, await db.Customers.Where(c => c.IsActive && c.MergedIntoId == null)
                .OrderBy(c => c.Id).Select(c => c.CustomerNumber).Take(200).ToListAsync());
        }

        var options = LoadCheckOptions.Parse(["--url", app.BaseUrl, "--circuits", "1,2", "--customer-numbers-file", numbersFile, "--open-batch", "2", "--single-searches", "3"]);

        var levels = await CircuitLoadCheck.RunAsync(options, output);
        File.Delete(numbersFile);

        Assert.Equal([1, 2], levels.Select(l => l.Circuits));
        Assert.True(options.CustomerNumbers.Count >= 100, $"{options.CustomerNumbers.Count} active customers to search for");
        foreach (var level in levels)
        {
            Assert.Equal(0, level.Failures);
            Assert.Equal(0, level.NoMatch);
            Assert.False(level.SearchLooksBroken(options.MaxNoMatchShare), output.ToString());
            Assert.Equal(level.Circuits + 3, level.Searches);
            // The search box waits 250 ms before searching: a round trip cannot be faster.
            Assert.InRange(level.BurstP50, 250, 60_000);
            Assert.InRange(level.SingleP95, 250, 60_000);
            Assert.True(level.ServerBytes > 50L * 1024 * 1024, output.ToString());
        }

        Assert.Contains("per circuit", output.ToString());
    }

    [Fact]
    public void Circuit_counts_must_increase()
    {
        Assert.Throws<ArgumentException>(() => LoadCheckOptions.Parse(["--url", "http://localhost:5080", "--circuits", "200,50"]));
        Assert.Throws<ArgumentException>(() => LoadCheckOptions.Parse(["--circuits", "50"]));
        Assert.Equal([50, 200, 500], LoadCheckOptions.Parse(["--url", "http://localhost:5080"]).Circuits);
    }

    [Fact]
    public void A_level_where_more_searches_find_nobody_than_allowed_calls_the_search_broken()
    {
        LoadLevel Level(int noMatch) => new(2, 1, null, null, Searches: 40, Failures: 0, 300, 400, 300, 400, NoMatch: noMatch);

        Assert.False(Level(2).SearchLooksBroken(0.05));
        Assert.True(Level(3).SearchLooksBroken(0.05));
        Assert.True(Level(40).SearchLooksBroken(0.05));
    }
}
