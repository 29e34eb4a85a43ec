namespace CustomerManager.Web;

internal static class CommandLine
{
    /// <summary>The value after <paramref name="name"/> (e.g. "--file x.db"), or null when the switch is absent.</summary>
    public static string? Find(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
