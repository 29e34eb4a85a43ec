using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace CustomerManager.LoadCheck;

/// <summary>One level of the check: N circuits open, what the server held, how long searches took.</summary>
/// <remarks>
/// <see cref="Failures"/>: searches the grid never answered. <see cref="NoMatch"/>: searches answered "No customers match",
/// counted apart: an inactive customer is hidden from the list, but a broken search also answers that.
/// </remarks>
public sealed record LoadLevel(
    int Circuits, double OpenSeconds, long? ServerBytes, double? BytesPerCircuit, int Searches, int Failures,
    double BurstP50, double BurstP95, double SingleP50, double SingleP95, int NoMatch)
{
    /// <summary>More searches found nobody than the options allow: the search is broken, not the customers inactive.</summary>
    public bool SearchLooksBroken(double maxNoMatchShare) => NoMatch > maxNoMatchShare * Searches;
}

/// <summary>
/// Opens Blazor circuits against a running app, one headless Chromium page each (a browser per 200, each
/// signed in once), up to each requested count in turn; at each count reads the server's resident memory from /proc and
/// times a customer search on the customers page: every circuit at once (a burst), then one at a time on a sample.
/// A search is timed from typing a customer number to the grid showing only that customer (or none, for an inactive
/// one), so it includes the search box's 250 ms debounce, the round trip and the render in the browser.
/// </summary>
public static class CircuitLoadCheck
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
        "--disable-backgrounding-occluded-windows",
        // Pages share a few renderer processes: one process per page (~160 MiB each) does not fit 500 pages here.
        "--renderer-process-limit=8",
    ];

    private const int PagesPerBrowser = 200;

    // Answered: "match" when the grid shows only that customer, "none" when it says none matches (an inactive customer is
    // hidden from the list); before the search it shows a full page of others.
    private const string Answered = """
        n => { const rows = document.querySelectorAll('#customers-grid tbody tr');
               if (rows.length === 1 && rows[0].textContent.includes(n)) return 'match';
               return document.querySelector('#customers-grid')?.textContent.includes('No customers match') ? 'none' : false; }
        """;

    public static async Task<IReadOnlyList<LoadLevel>> RunAsync(LoadCheckOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        var pid = ServerProcess.ListeningOn(options.Url.Port);
        output.WriteLine(pid is null
            ? $"No process listening on port {options.Url.Port} is readable here: server memory will not be reported."
            : $"Server process {pid} listens on port {options.Url.Port}.");
        using var playwright = await Playwright.CreateAsync();
        // Chromium keeps at most 255 WebSockets per browser: one browser per 200 circuits, each signed in once.
        var contexts = new List<IBrowserContext>();
        for (var i = 0; i < (options.Circuits[^1] + PagesPerBrowser - 1) / PagesPerBrowser; i++)
        {
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = options.Chromium, Headless = true, Args = ChromiumArgs });
            var browserContext = await browser.NewContextAsync(new() { BaseURL = options.Url.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1280, Height = 800 } });
            browserContext.SetDefaultTimeout(180_000);
            await SignInAsync(browserContext, options);
            contexts.Add(browserContext);
        }

        var pages = new List<IPage>();
        var random = new Random(5);
        var levels = new List<LoadLevel>();
        await Task.Delay(1000, cancellationToken);
        var baseline = ServerProcess.ResidentBytes(pid);
        output.WriteLine($"Signed in as {options.UserName}; server resident memory before the circuits: {Mb(baseline)}.");

        foreach (var target in options.Circuits)
        {
            var opening = Stopwatch.StartNew();
            while (pages.Count < target)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = Math.Min(options.OpenBatch, target - pages.Count);
                var context = contexts[pages.Count / PagesPerBrowser];
                batch = Math.Min(batch, PagesPerBrowser - pages.Count % PagesPerBrowser);
                pages.AddRange(await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => OpenCustomersPageAsync(context))));
                output.Write($"\rOpen circuits: {pages.Count}/{target}   ");
            }

            var openSeconds = opening.Elapsed.TotalSeconds;
            output.WriteLine();
            await Task.Delay(3000, cancellationToken);
            var resident = ServerProcess.ResidentBytes(pid);

            var burst = await Task.WhenAll(pages.Select(page => SearchAsync(page, PickCustomer(options, random))));
            var single = new List<SearchResult>();
            for (var i = 0; i < options.SingleSearches; i++)
            {
                single.Add(await SearchAsync(pages[random.Next(pages.Count)], PickCustomer(options, random)));
            }

            var all = burst.Concat(single).ToList();
            var timed = burst.Where(t => t.Found).Select(t => t.Milliseconds!.Value).ToList();
            var singleTimed = single.Where(t => t.Found).Select(t => t.Milliseconds!.Value).ToList();
            var level = new LoadLevel(target, openSeconds, resident,
                resident is { } r && baseline is { } b ? (double)(r - b) / target : null,
                all.Count, all.Count(t => t.Milliseconds is null),
                Percentile(timed, 50), Percentile(timed, 95), Percentile(singleTimed, 50), Percentile(singleTimed, 95),
                all.Count(t => t is { Milliseconds: not null, Found: false }));
            levels.Add(level);
            output.WriteLine($"{target} circuits: opened in {openSeconds:F0} s; server {Mb(resident)}; burst search p95 {level.BurstP95:F0} ms; " +
                $"{level.NoMatch} of {level.Searches} searches found no customer.");
            if (level.SearchLooksBroken(options.MaxNoMatchShare))
            {
                output.WriteLine($"Search looks broken: {level.NoMatch} of {level.Searches} searches found no customer (at most {options.MaxNoMatchShare:P0} allowed).");
            }
        }

        output.WriteLine();
        output.WriteLine($"{"Circuits",8} {"open s",7} {"server RSS",11} {"per circuit",12} {"burst p50",10} {"burst p95",10} {"single p50",11} {"single p95",11} {"failed",7} {"no match",9}");
        foreach (var l in levels)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{l.Circuits,8} {l.OpenSeconds,7:F0} {Mb(l.ServerBytes),11} {(l.BytesPerCircuit is { } p ? $"{p / 1024 / 1024:F2} MiB" : "n/a"),12} {l.BurstP50,7:F0} ms {l.BurstP95,7:F0} ms {l.SingleP50,8:F0} ms {l.SingleP95,8:F0} ms {l.Failures,7} {l.NoMatch,9}"));
        }

        output.WriteLine("Search = typing a customer number until the grid shows only that customer (includes the 250 ms debounce). " +
            $"Burst: every circuit searches at once; single: {options.SingleSearches} searches one after another with all circuits open.");
        foreach (var context in contexts)
        {
            await context.Browser!.CloseAsync();
        }

        return levels;
    }

    private static async Task SignInAsync(IBrowserContext context, LoadCheckOptions options)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", options.UserName);
        await page.FillAsync("#password", options.Password);
        await page.ClickAsync("#sign-in");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.CloseAsync();
    }

    private static async Task<IPage> OpenCustomersPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/customers");
        await page.Locator("#interactive-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("#customers-grid tbody tr").First.WaitForAsync();
        return page;
    }

    /// <summary>A customer number to search for: one of the given (active) customers, or any up to the highest number.</summary>
    private static string PickCustomer(LoadCheckOptions options, Random random) =>
        options.CustomerNumbers.Count > 0
            ? options.CustomerNumbers[random.Next(options.CustomerNumbers.Count)]
            : $"UCST-{1 + random.Next(options.HighestCustomerNumber):D6}";

    /// <summary>How a search ended: milliseconds until the grid answered (null: it never did), and whether it showed the customer.</summary>
    private readonly record struct SearchResult(double? Milliseconds, bool Found);

    /// <summary>Types the number as a clerk would (lower case, without the leading zeros) and waits for the grid to answer.</summary>
    private static async Task<SearchResult> SearchAsync(IPage page, string number)
    {
        var typed = "ucst-" + number["UCST-".Length..].TrimStart('0');
        try
        {
            var watch = Stopwatch.StartNew();
            await page.FillAsync("#customer-search", typed);
            var answer = await page.WaitForFunctionAsync(Answered, number, new() { PollingInterval = 10, Timeout = 120_000 });
            return new SearchResult(watch.Elapsed.TotalMilliseconds, await answer.JsonValueAsync<string>() == "match");
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return new SearchResult(null, false);
        }
    }

    private static double Percentile(List<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Mb(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1024.0 / 1024.0:F0} MiB") : "n/a";
}
