namespace CustomerManager.Web;

internal static class CommandLine
{
    /// <summary>The value after <paramref name="name"/> (e.g. "--file x.db"), or null when the switch is absent.</summary>
    public static string? Find(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>A token cancelled by the first Ctrl+C (which then does not kill the process: long commands stop cleanly).</summary>
    public static CancellationTokenSource CancelOnCtrlC()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            source.Cancel();
        };
        return source;
    }
}
