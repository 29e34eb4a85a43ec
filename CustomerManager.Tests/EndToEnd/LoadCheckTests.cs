using CustomerManager.LoadCheck;

namespace CustomerManager.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public class LoadCheckTests(RunningApp app)
{
    [Fact]
    public async Task The_load_check_opens_circuits_searches_in_each_and_reads_the_server_memory()
    {
        var output = new StringWriter();
        var options = LoadCheckOptions.Parse(["--url", app.BaseUrl, "--circuits", "1,2", "--customers", "500", "--open-batch", "2"]);

        var levels = await CircuitLoadCheck.RunAsync(options, output);

        Assert.Equal([1, 2], levels.Select(l => l.Circuits));
        foreach (var level in levels)
        {
            Assert.Equal(0, level.Failures);
            Assert.Equal(level.Circuits + Math.Min(20, level.Circuits), level.Searches);
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
}
