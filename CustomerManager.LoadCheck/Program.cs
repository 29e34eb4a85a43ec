namespace CustomerManager.LoadCheck;

/// <summary>dotnet run --project CustomerManager.LoadCheck -c Release -- --url http://localhost:5080 --circuits 50,200,500</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            var options = LoadCheckOptions.Parse(args);
            var levels = await CircuitLoadCheck.RunAsync(options, Console.Out, cancel.Token);
            // Unanswered searches, or more "no match" answers than inactive customers explain, fail the check.
            return levels.Any(l => l.Failures > 0 || l.SearchLooksBroken(options.MaxNoMatchShare)) ? 1 : 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(LoadCheckOptions.Usage);
            return 2;
        }
    }
}
