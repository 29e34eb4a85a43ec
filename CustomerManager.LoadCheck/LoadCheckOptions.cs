using System.Globalization;

namespace CustomerManager.LoadCheck;

/// <summary>What to load and how: the app's address, the circuit counts to reach in turn, the sign-in, the searches.</summary>
public sealed record LoadCheckOptions(
    Uri Url, IReadOnlyList<int> Circuits, string UserName, string Password, int OpenBatch, int HighestCustomerNumber, string Chromium)
{
    public const string Usage =
        "--url http://localhost:5080 [--circuits 50,200,500] [--user clerk] [--password ...] [--open-batch 10] " +
        "[--customers 500 (searches pick UCST-1 up to this)] [--customer-numbers-file active.txt (searches pick from these, one a line)] " +
        "[--max-no-match 0.05 (share of searches that may find no customer)] [--single-searches 20] [--chromium /usr/bin/chromium]";

    /// <summary>
    /// The customer numbers searches pick from (active customers, so each search must find its row); empty: UCST-1 up to
    /// <see cref="HighestCustomerNumber"/>, where an inactive customer answers "No customers match".
    /// </summary>
    public IReadOnlyList<string> CustomerNumbers { get; init; } = [];

    /// <summary>The share of searches that may answer "No customers match" before the check calls the search broken.</summary>
    public double MaxNoMatchShare { get; init; } = 0.05;

    /// <summary>How many searches run one after another at each level (the "single" columns), spread over the pages.</summary>
    public int SingleSearches { get; init; } = 20;

    public static LoadCheckOptions Parse(string[] args)
    {
        string? Find(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        var url = Find("--url") ?? throw new ArgumentException("--url is required.");
        var circuits = (Find("--circuits") ?? "50,200,500").Split(',')
            .Select(c => int.Parse(c, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
        if (circuits.Count == 0 || circuits.Any(c => c < 1) || !circuits.SequenceEqual(circuits.Order()))
        {
            throw new ArgumentException("--circuits takes increasing counts above 0, e.g. 50,200,500.");
        }

        var numbersFile = Find("--customer-numbers-file");
        return new LoadCheckOptions(new Uri(url), circuits, Find("--user") ?? "clerk", Find("--password") ?? "Demo-Password-2026",
            int.Parse(Find("--open-batch") ?? "10", CultureInfo.InvariantCulture),
            int.Parse(Find("--customers") ?? "500", CultureInfo.InvariantCulture),
            Find("--chromium") ?? "/usr/bin/chromium")
        {
            CustomerNumbers = numbersFile is null ? [] : File.ReadAllLines(numbersFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToList(),
            MaxNoMatchShare = double.Parse(Find("--max-no-match") ?? "0.05", CultureInfo.InvariantCulture),
            SingleSearches = int.Parse(Find("--single-searches") ?? "20", CultureInfo.InvariantCulture) is var n and > 0
                ? n
                : throw new ArgumentException("--single-searches takes a count above 0."),
        };
    }
}
