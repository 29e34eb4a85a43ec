using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Jobs;
using CustomerManager.Domain.Laybys;
using CustomerManager.Proxy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerManager.Tests.EndToEnd;

/// <summary>
/// Two real app nodes on one SQLite database behind CustomerManager.Proxy (issue 21): a user stays signed in when
/// their node dies, an export made on one node downloads from the other, and the daily job fired on both at the same
/// moment runs once. In the end-to-end collection so it does not compete with the other browser tests for the cores.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TwoNodesBehindTheProxyTests : IAsyncLifetime
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "cm-e2e-nodes", Guid.NewGuid().ToString("N"));
    private readonly List<Node> nodes = [];
    private Node? proxy;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>Both nodes run the daily job at this moment (a time of day in the business's zone).</summary>
    private DateTime fireAtUtc;

    public async Task InitializeAsync()
    {
        // Long enough for both nodes to start on a loaded 2-core machine (checked below: both log this slot).
        var at = DateTime.UtcNow.AddSeconds(90);
        fireAtUtc = new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, DateTimeKind.Utc);
        var local = TimeZoneInfo.ConvertTimeFromUtc(fireAtUtc, BusinessTime.FindZone(BusinessTime.DefaultZoneId));
        var (webProject, apphost) = RunningApp.LocateApp();
        foreach (var name in new[] { "node-1", "node-2" })
        {
            // One after the other: the first creates and seeds the database.
            var url = $"http://127.0.0.1:{FreePort()}";
            var node = Node.Start(name, apphost, webProject, url, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Database__DataFolder"] = dataFolder,
                ["Database__Provider"] = "Sqlite",
                ["Backup__Enabled"] = "false",
                ["DemoData__SubscribedCustomers"] = "0",
                ["Messaging__SenderEnabled"] = "false",
                ["Node__Name"] = name,
                ["Exports__Shared"] = "true",
                ["Jobs__LaybyDailyTime"] = local.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                ["Security__SignInLimits__PerUserName"] = "10000",
                ["Security__SignInLimits__PerClientAddress"] = "10000",
            });
            nodes.Add(node);
            await node.WaitUntilAsync(url + "/health");
        }

        var proxyUrl = $"http://127.0.0.1:{FreePort()}";
        proxy = Node.Start("proxy", ProxyApphost(), Path.GetDirectoryName(ProxyApphost())!, proxyUrl, new Dictionary<string, string>
        {
            ["Proxy__Nodes"] = string.Join(",", nodes.Select(n => n.Url)),
            ["Proxy__HealthCheckSeconds"] = "1",
            ["Proxy__FailuresBeforeRemoval"] = "1",
        });
        await proxy.WaitUntilAsync(proxyUrl + "/health");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [Fact]
    public async Task A_user_keeps_working_when_their_node_dies_their_export_downloads_from_the_other_and_the_daily_job_runs_once()
    {
        var context = await browser!.NewContextAsync(new() { BaseURL = proxy!.Url, AcceptDownloads = true, ViewportSize = new() { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        try
        {
            // Signed in through the proxy; the affinity cookie keeps the user on one node.
            await page.GotoAsync("/account/login");
            await page.FillAsync("#username", "accountant");
            await page.FillAsync("#password", DemoDataSeeder.DemoPassword);
            await page.ClickAsync("#sign-in");
            await RunningApp.WaitForInteractiveAsync(page);
            Assert.Contains(await context.CookiesAsync(), c => c.Name == ProxySetup.AffinityCookie);
            var first = await page.GotoAsync("/reports/aging");
            var servedBy = first!.Headers[ProxySetup.ServedByHeader.ToLowerInvariant()];
            Assert.Equal(servedBy, (await page.GotoAsync("/reports/aging"))!.Headers[ProxySetup.ServedByHeader.ToLowerInvariant()]);
            await RunningApp.WaitForInteractiveAsync(page);

            // An export made on the user's node.
            await Assertions.Expect(page.Locator("#aging-grid tbody tr").First).ToBeVisibleAsync();
            var downloading = page.WaitForDownloadAsync();
            await page.ClickAsync("#export-excel");
            var download = await downloading;
            var exported = await File.ReadAllBytesAsync(await download.PathAsync());
            Assert.Contains("/exports/", download.Url);

            // The daily job fires on both nodes at the same moment: one runs it, the other finds the day taken.
            await Task.Delay(Max(TimeSpan.Zero, fireAtUtc - DateTime.UtcNow));
            var run = await FinishedRunAsync();
            Assert.Equal((1, JobTrigger.Schedule, JobRunStatus.Succeeded), (run.Attempts, run.Trigger, run.Status));
            Assert.Contains(run.Node, nodes.Select(n => n.Name));
            foreach (var node in nodes)
            {
                Assert.Contains($"Layby daily job next runs at {fireAtUtc:yyyy-MM-dd HH:mm:ss}Z", node.Log);
            }

            var ranHere = nodes.Single(n => n.Name == run.Node);
            var skipped = nodes.Single(n => n.Name != run.Node);
            Assert.Single(AllLines(ranHere.Log, "Layby daily job for "));
            Assert.Empty(AllLines(skipped.Log, "Layby daily job for "));
            Assert.Contains("not run here", skipped.Log);
            var added = int.Parse(System.Text.RegularExpressions.Regex.Match(run.Summary!, @"(\d+) late fees added").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(added > 0, run.Summary);
            // Every late fee the run reports is in the ledger once: none twice for an instalment, none from the other node.
            var fees = await LateFeesAsync();
            Assert.Equal(added, fees.Count(f => f.PostedAtUtc >= run.StartedAtUtc));
            Assert.All(fees, f => Assert.Equal(AmbientUser.SystemName, f.PostedBy));
            Assert.Equal(fees.Count, fees.DistinctBy(f => (f.LaybyId, f.InstalmentNumber)).Count());

            // The user's node dies; the next request lands on the other node, still signed in.
            nodes.Single(n => n.Name == servedBy).Kill();
            var other = nodes.Single(n => n.Name != servedBy).Name;
            IResponse? next = null;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(500))
            {
                try
                {
                    next = await page.GotoAsync("/reports/aging");
                    if (next is { Status: 200 })
                    {
                        break;
                    }
                }
                catch (PlaywrightException)
                {
                    // The request that met the dead node (502, empty): the proxy now sends the user elsewhere.
                }
            }

            Assert.Equal(200, next!.Status);
            Assert.Equal(other, next.Headers[ProxySetup.ServedByHeader.ToLowerInvariant()]);
            Assert.EndsWith("/reports/aging", page.Url);
            await RunningApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#aging-grid tbody tr").First).ToBeVisibleAsync();

            // The export made on the dead node downloads from the other (the shared export folder).
            var again = await page.APIRequest.GetAsync(download.Url);
            Assert.Equal(200, again.Status);
            Assert.Equal(other, again.Headers[ProxySetup.ServedByHeader.ToLowerInvariant()]);
            Assert.Equal(exported, await again.BodyAsync());
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException(e + "\n\n" + string.Join("\n\n", nodes.Append(proxy!).Select(n => $"--- {n.Name}\n{n.Log}")));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        foreach (var node in nodes.Append(proxy).OfType<Node>())
        {
            node.Kill();
        }

        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static IEnumerable<string> AllLines(string log, string start) =>
        log.Split('\n').Where(l => l.Contains(start, StringComparison.Ordinal));

    private async Task<JobRun> FinishedRunAsync()
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(90); ; await Task.Delay(500))
        {
            await using var db = OpenDatabase();
            var runs = await db.JobRuns.AsNoTracking().Where(r => r.Job == "daily").ToListAsync();
            if (runs.Count > 1 || (runs.Count == 1 && runs[0].Status != JobRunStatus.Running) || DateTime.UtcNow > deadline)
            {
                return Assert.Single(runs);
            }
        }
    }

    private async Task<List<LaybyEntry>> LateFeesAsync()
    {
        await using var db = OpenDatabase();
        return await db.LaybyEntries.AsNoTracking().Where(e => e.Kind == LaybyEntryKind.LateFee).ToListAsync();
    }

    private Data.SqliteCustomerDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<Data.SqliteCustomerDbContext>()
            .UseSqlite($"Data Source={Path.Combine(dataFolder, "customermanager.db")}").Options);

    private static string ProxyApphost()
    {
        var (webProject, apphost) = RunningApp.LocateApp();
        var configuration = new DirectoryInfo(Path.GetDirectoryName(apphost)!).Parent!.Name;
        var path = Path.Combine(Path.GetDirectoryName(webProject)!, "CustomerManager.Proxy", "bin", configuration, "net10.0", "CustomerManager.Proxy");
        return File.Exists(path) ? path : throw new InvalidOperationException($"Build the Proxy project first: {path} is missing.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A process (an app node or the proxy) with its output kept for the failure message.</summary>
    private sealed class Node
    {
        private readonly Process process;
        private readonly System.Text.StringBuilder log = new();

        private Node(string name, string url, Process process)
        {
            Name = name;
            Url = url;
            this.process = process;
        }

        public string Name { get; }

        public string Url { get; }

        public string Log
        {
            get
            {
                lock (log)
                {
                    return log.ToString();
                }
            }
        }

        public static Node Start(string name, string apphost, string workingDirectory, string url, Dictionary<string, string> environment)
        {
            var start = new ProcessStartInfo(apphost, ["--urls", url])
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            var node = new Node(name, url, Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}."));
            node.process.OutputDataReceived += (_, e) => node.Append(e.Data);
            node.process.ErrorDataReceived += (_, e) => node.Append(e.Data);
            node.process.BeginOutputReadLine();
            node.process.BeginErrorReadLine();
            return node;
        }

        public async Task WaitUntilAsync(string healthUrl)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(250))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Log}");
                }

                try
                {
                    if ((await http.GetAsync(healthUrl)).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }
            }

            throw new TimeoutException($"{Name} did not answer {healthUrl} in 60 s:\n{Log}");
        }

        /// <summary>Ends the process at once, as a crash or a pulled cable would.</summary>
        public void Kill()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }

        private void Append(string? line)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
