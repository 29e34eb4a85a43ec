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
            await CircuitLoadCheck.RunAsync(LoadCheckOptions.Parse(args), Console.Out, cancel.Token);
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(LoadCheckOptions.Usage);
            return 2;
        }
    }
}
